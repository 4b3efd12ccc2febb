// Access tokens, for rooms whose broadcasting or watching needs one (README, "Who may broadcast
// and watch"). A token comes from the address's fragment (#token=...), which the browser never
// sends to a server, or from the page's token field. It is taken out of the address bar at once,
// so that a copied link does not pass it on, and it is never logged.

export function tokenFromFragment() {
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get('token');
  if (token === null) return null;
  params.delete('token');
  const rest = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  return token.trim() || null;
}

// The join-room fields, with the token when there is one.
export function joinFields(room, role, token) {
  return token ? { room, role, token } : { room, role };
}

export function isTokenError(err) {
  return err.code === 'unauthorized' || err.code === 'forbidden';
}

// The hidden field the page shows when the server asks for a token; onToken gets what was entered.
export class TokenField {
  constructor(form, input, onToken) {
    this.form = form;
    this.input = input;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const token = input.value.trim();
      input.value = '';
      if (!token) return;
      form.hidden = true;
      onToken(token);
    });
  }

  ask() {
    this.form.hidden = false;
    this.input.focus();
  }
}
