// What the page and its library report, kept for the test's failure messages: the libraries tell
// of failures only on the console, or in promises nobody awaits.
export const log = [];

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
