// Beam signaling client: JSON over one WebSocket, request/reply matched by id, events by type.
// A session in a room outlives its socket: after a drop the client reconnects at once and
// resumes it with the token its join gave, while the page's media keeps flowing.
// Also holds the few helpers both pages share (room from URL, ICE trickle, status line).

const BACKOFF_MS = [1000, 2000, 4000, 8000, 10000];
/** Quicker while a session waits to be resumed: the server keeps it for resumeWithinMs (20 s by default). */
const RESUME_BACKOFF_MS = [250, 500, 1000, 2000];
/** The server's close code for a socket whose session another connection took over. */
const TAKEN_OVER = 4001;
const REQUEST_TIMEOUT_MS = 15000;

export const ROOM_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Room from ?room=, 'main' when absent; null when present but invalid (the caller reports it). */
export function roomFromUrl(search = location.search) {
  const room = new URLSearchParams(search).get('room');
  if (room === null || room === '') return 'main';
  return ROOM_PATTERN.test(room) ? room : null;
}

/** A failed request: `code` is the server's error code (or 'disconnected' / 'timeout'). */
export class SignalingError extends Error {
  constructor(code, message) {
    super(message || code);
    this.name = 'SignalingError';
    this.code = code;
  }
}

export class Signaling {
  /** `url` defaults to ws(s)://<this host>/ws. */
  constructor(url = defaultUrl()) {
    this.url = url;
    this.ws = null;
    this.nextId = 1;
    this.pending = new Map();   // id -> {resolve, reject, timer}
    // type -> Set<handler>; local pseudo-events: 'open' (joined nothing yet: join), 'close',
    // 'resumed' (the session is back: the reply, with the room's state), 'session-lost' (it ended
    // while away: start over; 'open' follows), 'taken-over' (another tab resumed it: no reconnect)
    this.handlers = new Map();
    this.resume = null;         // {token} of the session in a room, while there is one
    this.attempt = 0;
    this.retryTimer = null;
    this.stopped = false;
  }

  get connected() {
    return this.ws !== null && this.ws.readyState === WebSocket.OPEN;
  }

  /** Opens the socket; on close it keeps reopening with backoff until close() is called. */
  connect() {
    this.stopped = false;
    clearTimeout(this.retryTimer);
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.addEventListener('open', () => {
      this.attempt = 0;
      if (this.resume) this.resumeSession();
      else this.emit('open', {});
    });
    ws.addEventListener('message', (event) => this.receive(event.data));
    // 'error' is always followed by 'close', which does the work.
    ws.addEventListener('close', (event) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.failPending(new SignalingError('disconnected', 'Connection to the server was lost'));
      if (this.stopped) return;
      if (event.code === TAKEN_OVER) {
        this.stopped = true;
        this.resume = null;
        this.emit('taken-over', { reason: event.reason });
        return;
      }
      const resuming = this.resume !== null;
      const backoff = resuming ? RESUME_BACKOFF_MS : BACKOFF_MS;
      const delay = backoff[Math.min(this.attempt, backoff.length - 1)];
      this.attempt++;
      this.emit('close', { code: event.code, reason: event.reason, retryInMs: delay, resuming });
      this.retryTimer = setTimeout(() => this.connect(), delay);
    });
  }

  async resumeSession() {
    try {
      const reply = await this.request('resume-session', { token: this.resume.token });
      this.emit('resumed', reply);
    } catch (err) {
      if (err.code === 'disconnected') return; // dropped again: the close handler retries
      this.resume = null;
      this.emit('session-lost', { code: err.code });
      if (this.connected) this.emit('open', {});
    }
  }

  /** Closes for good (no reconnect). */
  close() {
    this.stopped = true;
    this.resume = null;
    clearTimeout(this.retryTimer);
    if (this.ws) this.ws.close(1000, 'bye');
  }

  /** Sends {type, id, ...fields}; resolves with the reply carrying that id, rejects on its error. */
  request(type, fields = {}) {
    if (!this.connected) {
      return Promise.reject(new SignalingError('disconnected', 'Not connected to the server'));
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new SignalingError('timeout', `The server did not answer '${type}' in time`));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      this.ws.send(JSON.stringify({ type, id, ...fields }));
    });
  }

  /** Registers an event handler; returns a function that removes it. */
  on(type, handler) {
    if (!this.handlers.has(type)) this.handlers.set(type, new Set());
    this.handlers.get(type).add(handler);
    return () => this.handlers.get(type).delete(handler);
  }

  emit(type, message) {
    for (const handler of this.handlers.get(type) ?? []) {
      try {
        handler(message);
      } catch (err) {
        console.error(`beam: handler for '${type}' failed`, err);
      }
    }
  }

  receive(data) {
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      console.warn('beam: ignoring a frame that is not JSON', data);
      return;
    }
    if (!message || typeof message.type !== 'string') return;
    const id = message.id;
    if (id !== undefined && id !== null && this.pending.has(id)) {
      const { resolve, reject, timer } = this.pending.get(id);
      this.pending.delete(id);
      clearTimeout(timer);
      if (message.type === 'room-joined' && message.resumeToken) this.resume = { token: message.resumeToken };
      if (message.type === 'room-left') this.resume = null;
      if (message.type === 'error') reject(new SignalingError(message.code, message.message));
      else resolve(message);
      return;
    }
    // A reply (or error) for a request that already timed out or was failed has nobody to tell.
    if (id !== undefined && id !== null) {
      console.warn('beam: late reply dropped', message);
      return;
    }
    this.emit(message.type, message);
  }

  failPending(error) {
    for (const { reject, timer } of this.pending.values()) {
      clearTimeout(timer);
      reject(error);
    }
    this.pending.clear();
  }
}

function defaultUrl() {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}

/**
 * Sends our ICE candidates with connect-transport. Candidates gathered before the server has
 * named the transport are held and flushed by setTransport().
 */
export class CandidateTrickle {
  constructor(signaling, pc) {
    this.signaling = signaling;
    this.transportId = null;
    this.queue = [];
    pc.addEventListener('icecandidate', (event) => {
      // A null candidate means gathering finished: tell the server with an empty candidate.
      const c = event.candidate;
      this.push(c ? { candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex }
        : { candidate: '', sdpMid: null, sdpMLineIndex: null });
    });
  }

  setTransport(transportId) {
    this.transportId = transportId;
    const queued = this.queue;
    this.queue = [];
    queued.forEach((candidate) => this.send(candidate));
  }

  push(candidate) {
    if (this.transportId) this.send(candidate);
    else this.queue.push(candidate);
  }

  send(candidate) {
    if (!this.signaling.connected) return;
    this.signaling.request('connect-transport', { transportId: this.transportId, candidate })
      .catch((err) => {
        // The transport may be gone already (stream ended, restarted): nothing to do about it.
        if (err.code !== 'unknown-transport' && err.code !== 'disconnected') {
          console.warn('beam: candidate not accepted', err);
        }
      });
  }
}

/** The visible status line (role=status, aria-live): kind is 'info', 'error' or '' to clear. */
export class StatusLine {
  constructor(element) {
    this.element = element;
  }

  show(text, kind = 'info') {
    this.element.textContent = text;
    this.element.dataset.kind = text ? kind : '';
    this.element.hidden = !text;
  }

  error(text) {
    this.show(text, 'error');
  }

  clear() {
    this.show('');
  }
}

/**
 * The RTCPeerConnection configuration: one bundled transport with rtcp-mux, and the ICE servers
 * (TURN credentials issued for this page included) and transport policy of the server's latest
 * room-joined or session-resumed reply, where it named any.
 */
export function peerConfiguration(ice) {
  const config = { bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' };
  if (usesIceServers(ice)) {
    config.iceServers = ice.iceServers;
    config.iceTransportPolicy = ice.iceTransportPolicy === 'relay' ? 'relay' : 'all';
  }
  return config;
}

/** Whether a join or resume reply names ICE servers (a relay-only policy always comes with one). */
export function usesIceServers(reply) {
  return Array.isArray(reply?.iceServers) && reply.iceServers.length > 0;
}

/** Sets the LIVE / OFFLINE / Connecting… badge. */
export function setLiveState(element, state) {
  const text = { live: 'LIVE', offline: 'OFFLINE', connecting: 'Connecting…' }[state];
  element.textContent = text;
  element.dataset.state = state;
}

/** Human text for a server error code; falls back to the server's own message. */
export function describeError(err) {
  switch (err.code) {
    case 'media-unavailable': return 'Media streaming is not available on this server right now';
    case 'invalid-sdp': return `This browser's media offer was refused: ${err.message}`;
    case 'room-full': return 'This room is full, try again later';
    case 'too-many-sessions': return `The server cannot take another media connection now: ${err.message}`;
    case 'disconnected': return 'Connection to the server was lost';
    case 'timeout': return 'The server did not answer in time';
    default: return err.message || `Server error (${err.code})`;
  }
}

export function formatBitrate(bitsPerSecond) {
  if (!Number.isFinite(bitsPerSecond) || bitsPerSecond <= 0) return '0 kbps';
  if (bitsPerSecond >= 1e6) return `${(bitsPerSecond / 1e6).toFixed(2)} Mbps`;
  return `${Math.round(bitsPerSecond / 1e3)} kbps`;
}
