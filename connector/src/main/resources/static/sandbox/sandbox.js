// The sandbox desk's page: plain JavaScript over /sandbox/api.
// A customer (this browser, known by an HttpOnly cookie the desk sets on the first request it files) sees and answers
// its own requests. Someone signed in to the console also sees every request and answers as the desk's agents, over
// /sandbox/api/agent with the console's CSRF token.
const api = '/sandbox/api';
let current = null;
let agent = null; // { user, csrfHeader, csrfToken } when signed in to the console

async function call(method, path, body) {
  const headers = body ? { 'Content-Type': 'application/json' } : {};
  if (agent && path.startsWith('/agent/') && method !== 'GET') headers[agent.csrfHeader] = agent.csrfToken;
  const response = await fetch(api + path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error((data && (data.detail || data.title)) || response.statusText);
    error.status = response.status;
    throw error;
  }
  return data;
}

function text(tag, value, className) {
  const el = document.createElement(tag);
  el.textContent = value;
  if (className) el.className = className;
  return el;
}

async function signedIn() {
  try {
    agent = await call('GET', '/agent/session');
  } catch (err) {
    agent = null;
  }
  document.getElementById('agent-signin').hidden = !!agent;
  document.getElementById('agent-signed-in').hidden = !agent;
  document.getElementById('agent-view-label').hidden = !agent;
  document.getElementById('agent-form').hidden = !agent;
  document.getElementById('list-title').textContent = agent ? 'All requests' : 'Your requests';
  if (agent) {
    document.getElementById('agent-user').textContent = agent.user;
    const agents = await call('GET', '/agent/agents');
    document.getElementById('agent-id').replaceChildren(...agents.filter((a) => a.active).map((a) => {
      const option = text('option', a.displayName);
      option.value = a.id;
      return option;
    }));
  }
}

async function refreshList() {
  const requests = await call('GET', (agent ? '/agent/requests' : '/requests') + '?limit=30');
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
  const asAgent = agent && document.getElementById('agent-view').checked;
  const r = await call('GET', asAgent ? `/agent/requests/${encodeURIComponent(key)}` : `/requests/${encodeURIComponent(key)}`);
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

function showError(id, err) {
  const error = document.getElementById(id);
  error.textContent = err.message;
  error.hidden = false;
}

document.getElementById('request-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  document.getElementById('form-error').hidden = true;
  const field = (id) => document.getElementById(id).value;
  try {
    const r = await call('POST', '/requests', {
      name: field('name'), email: field('email'), summary: field('summary'), description: field('description'),
    });
    location.hash = r.key;
    await refreshList();
  } catch (err) {
    showError('form-error', err);
  }
});

document.getElementById('reply-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  document.getElementById('reply-error').hidden = true;
  const body = document.getElementById('reply').value;
  try {
    await call('POST', `/requests/${encodeURIComponent(current)}/comments`, { body });
    document.getElementById('reply').value = '';
    await showRequest(current);
  } catch (err) {
    showError('reply-error', err.status === 404 ? new Error('Only the customer who filed this request can reply to it.') : err);
  }
});

document.getElementById('agent-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  document.getElementById('agent-error').hidden = true;
  try {
    await call('POST', `/agent/requests/${encodeURIComponent(current)}/comments`, {
      body: document.getElementById('agent-reply').value,
      agentId: document.getElementById('agent-id').value,
      isPublic: !document.getElementById('agent-internal').checked,
    });
    document.getElementById('agent-reply').value = '';
    await showRequest(current);
  } catch (err) {
    showError('agent-error', err);
  }
});

document.getElementById('set-status').addEventListener('click', async () => {
  document.getElementById('agent-error').hidden = true;
  try {
    await call('PUT', `/agent/requests/${encodeURIComponent(current)}/status`, {
      status: document.getElementById('agent-status').value,
    });
    await showRequest(current);
  } catch (err) {
    showError('agent-error', err);
  }
});

document.getElementById('agent-view').addEventListener('change', () => current && showRequest(current));
window.addEventListener('hashchange', () => location.hash.length > 1 && location.hash !== '#agent' && showRequest(location.hash.slice(1)));

async function tick() {
  try {
    await refreshList();
    if (current) await showRequest(current);
  } catch (err) {
    console.warn(err);
  }
}

signedIn().then(() => {
  if (location.hash.length > 1 && location.hash !== '#agent') showRequest(location.hash.slice(1)).catch(console.warn);
  tick();
  setInterval(tick, 2000);
});
