// The sandbox desk's page: plain JavaScript over /sandbox/api.
const api = '/sandbox/api';
let current = null;

async function call(method, path, body) {
  const response = await fetch(api + path, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = response.status === 204 ? null : await response.json();
  if (!response.ok) {
    throw new Error((data && (data.detail || data.title)) || response.statusText);
  }
  return data;
}

function text(tag, value, className) {
  const el = document.createElement(tag);
  el.textContent = value;
  if (className) el.className = className;
  return el;
}

async function refreshList() {
  const requests = await call('GET', '/requests?limit=30');
  const list = document.getElementById('request-list');
  list.replaceChildren(...requests.map((r) => {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = '#' + r.key;
    a.append(text('span', r.key, 'key'), text('span', r.summary));
    a.append(document.createElement('br'), text('span', r.status + (r.assignee ? ' · ' + r.assignee : ''), 'small'));
    li.append(a);
    return li;
  }));
}

async function showRequest(key) {
  current = key;
  const view = document.getElementById('agent-view').checked ? 'agent' : 'customer';
  const r = await call('GET', `/requests/${encodeURIComponent(key)}?view=${view}`);
  document.getElementById('detail').hidden = false;
  document.getElementById('detail-title').textContent = `${r.key}: ${r.summary}`;
  document.getElementById('detail-status').textContent = r.status + (r.resolution ? ` (${r.resolution})` : '');
  document.getElementById('detail-assignee').textContent = r.assignee ? 'Assigned to ' + r.assignee.displayName : 'Unassigned';
  document.getElementById('detail-description').textContent = r.description;
  const items = r.comments.map((c) => {
    const li = document.createElement('li');
    li.className = c.role + (c.isPublic ? '' : ' internal');
    const who = c.role === 'BOT' ? 'Deskpilot (bot)' : c.author;
    li.append(text('span', `${who}${c.isPublic ? '' : ' · internal note'} · ${new Date(c.created).toLocaleString()}`, 'who'));
    li.append(document.createTextNode(c.body));
    return li;
  });
  document.getElementById('conversation').replaceChildren(...items);
}

document.getElementById('request-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const error = document.getElementById('form-error');
  error.hidden = true;
  const f = e.target;
  try {
    const r = await call('POST', '/requests', {
      name: f.name.value, email: f.email.value, summary: f.summary.value, description: f.description.value,
    });
    location.hash = r.key;
    await refreshList();
  } catch (err) {
    error.textContent = err.message;
    error.hidden = false;
  }
});

document.getElementById('reply-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const error = document.getElementById('reply-error');
  error.hidden = true;
  const body = document.getElementById('reply').value;
  try {
    await call('POST', `/requests/${encodeURIComponent(current)}/comments`, { body, as: 'customer' });
    document.getElementById('reply').value = '';
    await showRequest(current);
  } catch (err) {
    error.textContent = err.message;
    error.hidden = false;
  }
});

document.getElementById('agent-view').addEventListener('change', () => current && showRequest(current));
window.addEventListener('hashchange', () => location.hash.length > 1 && showRequest(location.hash.slice(1)));

async function tick() {
  try {
    await refreshList();
    if (current) await showRequest(current);
  } catch (err) {
    console.warn(err);
  }
}
if (location.hash.length > 1) showRequest(location.hash.slice(1));
tick();
setInterval(tick, 2000);
