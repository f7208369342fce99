// Sends the CSRF token with every htmx request (the console's only script besides htmx; no inline scripts).
document.addEventListener('htmx:configRequest', (event) => {
  const header = document.querySelector('meta[name="csrf-header"]');
  const token = document.querySelector('meta[name="csrf-token"]');
  if (header && token) {
    event.detail.headers[header.content] = token.content;
  }
});
