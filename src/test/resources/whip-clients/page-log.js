// What the page and its library report, kept for the test: the libraries tell of failures only
// on the console, or in promises nobody awaits, and do not check every status they get.
export const log = [];
// Every HTTP request the library made, as "METHOD url -> status" (or the error).
export const requests = [];

function keep(line) {
  log.push(line);
  if (log.length > 200) {
    log.shift();
  }
}

for (const level of ['log', 'warn', 'error']) {
  const original = console[level].bind(console);
  console[level] = (...args) => {
    keep(level + ': ' + args.map(String).join(' '));
    original(...args);
  };
}
window.addEventListener('unhandledrejection', event => keep('unhandled rejection: ' + event.reason));
window.addEventListener('error', event => keep('error: ' + event.message));

const send = window.fetch.bind(window);
window.fetch = async (resource, options = {}) => {
  const request = (options.method || 'GET') + ' ' + resource;
  try {
    const response = await send(resource, options);
    requests.push(request + ' -> ' + response.status);
    return response;
  } catch (e) {
    requests.push(request + ' -> ' + e);
    throw e;
  }
};
