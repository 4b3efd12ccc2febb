// Broadcaster page: joins the room as broadcaster, sends the camera to the server with WebRTC.
import {
  Signaling, CandidateTrickle, StatusLine, roomFromUrl, setLiveState, describeError, peerConfiguration,
} from './signaling.js';
import { Camera, cameraErrorText } from './camera.js';
import { OutgoingStats } from './outgoing-stats.js';
import { setActiveLayers } from './simulcast.js';
import { videoSendSettings, addCameraTracks } from './camera-tracks.js';
import { showShareLink } from './share-link.js';
import { tokenFromFragment, joinFields, isTokenError, TokenField } from './token.js';
import { IceRestarter } from './ice-restart.js';

const JOIN_RETRY_MS = 5000;

const $ = (id) => document.getElementById(id);
const ui = {
  roomName: $('room-name'),
  video: $('local-video'),
  placeholder: $('preview-placeholder'),
  liveState: $('live-state'),
  viewerCount: $('viewer-count'),
  stats: $('outgoing-stats'),
  start: $('start-button'),
  mic: $('mic-button'),
  camera: $('camera-button'),
};
const status = new StatusLine($('status'));
const camera = new Camera(ui);
const stats = new OutgoingStats(ui.stats);
let token = tokenFromFragment();
const tokenField = new TokenField($('token-form'), $('token-input'), (entered) => {
  token = entered;
  if (signaling?.connected) join();
});

let signaling = null;
let room = null;
let joined = false;
let joinRetryTimer = null;
let pc = null;
let phase = 'idle';      // 'idle' | 'starting' | 'live' (produce answered; media may still be connecting)
let wantLive = false;    // resume the broadcast after a signaling reconnect
let generation = 0;      // bumped on teardown so late callbacks of an old pc are ignored
let transportId = null; // the server's name for our current media session
let restarter = null;   // restarts ICE on the current session when its path breaks
let producerId = null;  // and for our broadcast
let videoSender = null;
let ice = null;          // the ICE servers and policy of the latest join or resume reply

window.beamBroadcaster = { pc: () => pc };

init();

function init() {
  room = roomFromUrl();
  const shown = new URLSearchParams(location.search).get('room');
  ui.roomName.textContent = room ?? shown;
  if (room === null) {
    setLiveState(ui.liveState, 'offline');
    status.error('Invalid room name. Use 1–64 letters, digits, “-” or “_”, for example /stream?room=main');
    return;
  }
  showShareLink(room, {
    shareUrl: $('share-url'), copy: $('copy-button'), copyFeedback: $('copy-feedback'),
    watchLink: $('watch-link'), watchNav: $('watch-nav-link'),
  });
  document.title = `Go live in ${room} · Beam`;

  ui.start.addEventListener('click', onStartClick);
  ui.mic.addEventListener('click', () => camera.toggle('audio'));
  ui.camera.addEventListener('click', () => camera.toggle('video'));

  signaling = new Signaling();
  signaling.on('open', join);
  signaling.on('close', onDisconnected);
  signaling.on('resumed', onResumed);
  signaling.on('session-lost', () => {
    joined = false;
    if (phase !== 'idle') teardown();
    resetButton();
  });
  signaling.on('taken-over', () => {
    joined = false;
    wantLive = false;
    if (phase !== 'idle') teardown();
    resetButton();
    ui.start.disabled = true;
    setLiveState(ui.liveState, 'offline');
    status.error('This broadcast was taken over by another tab or window. Reload to broadcast from here.');
  });
  signaling.on('viewer-count', (msg) => setViewers(msg.count));
  signaling.on('transport-closed', (msg) => {
    if (msg.transportId !== transportId) return;
    status.error(`The server closed the media connection (${msg.reason}). Press Start Streaming to go live again.`);
    stop(true);
  });
  signaling.on('send-layers', (msg) => {
    if (msg.producerId !== producerId || !videoSender) return;
    setActiveLayers(videoSender, msg.active).catch((err) => console.warn('beam: the layers did not change', err));
    stats.setNote(msg.paused.length > 0 ? `layer ${msg.paused.join(', ')} paused: no viewer needs it` : '');
  });
  signaling.on('error', (msg) => status.error(describeError(msg)));
  // user-joined / user-left are covered by viewer-count; nothing else to show for them.
  signaling.connect();
  setLiveState(ui.liveState, 'connecting');
}

async function join() {
  clearTimeout(joinRetryTimer);
  try {
    const reply = await signaling.request('join-room', joinFields(room, 'broadcaster', token));
    joined = true;
    ice = reply;
    setViewers(reply.viewers);
    setLiveState(ui.liveState, 'offline');
    status.clear();
    ui.start.disabled = false;
    if (wantLive) start();
  } catch (err) {
    if (err.code === 'disconnected') return; // the close handler reconnects and joins again
    setLiveState(ui.liveState, 'offline');
    ui.start.disabled = true;
    if (err.code === 'broadcaster-exists') {
      status.error(`Someone else is already broadcasting in room “${room}”. ` +
        'You can go live here once they stop, or pick another room.');
      // Nothing tells us when the slot frees up, so ask again now and then.
      joinRetryTimer = setTimeout(() => { if (signaling.connected) join(); }, JOIN_RETRY_MS);
    } else if (isTokenError(err)) {
      status.error(`Broadcasting in room “${room}” needs an access token: ${describeError(err)}`);
      tokenField.ask();
    } else {
      status.error(`Could not join room “${room}”: ${describeError(err)}`);
    }
  }
}

function onDisconnected({ retryInMs, resuming }) {
  if (resuming) {
    // The server keeps our session and its broadcast for a while: the viewers still see us.
    status.show('Connection to the server lost; reconnecting. You are still live meanwhile.');
    return;
  }
  joined = false;
  clearTimeout(joinRetryTimer);
  // The server drops our producer with the socket; the pc is useless now.
  if (phase !== 'idle') teardown();
  resetButton();
  ui.start.disabled = true;
  setLiveState(ui.liveState, 'connecting');
  status.error(`Connection to the server lost. Reconnecting in ${Math.round(retryInMs / 1000)} s…`);
}

/** A new socket took our session back: catch up with what happened meanwhile. */
function onResumed(reply) {
  ice = reply; // fresh TURN credentials, for the next peer connection
  setViewers(reply.viewers);
  if (phase === 'live' && !reply.transports.includes(transportId)) {
    status.error('The server ended the broadcast while the connection was away. Press Start Streaming to go live again.');
    stop(true);
  } else if (phase === 'live') {
    status.show(`You are live in room “${room}”.`);
  } else {
    status.clear();
    if (wantLive && phase === 'idle') start(); // an offer the drop cut short
  }
}

function onStartClick() {
  if (phase === 'idle') start();
  else if (phase === 'live') stop();
}

async function start() {
  if (!joined || phase !== 'idle') return;
  phase = 'starting';
  ui.start.disabled = true;
  ui.start.setAttribute('aria-busy', 'true');
  try {
    if (!camera.stream) {
      status.show('Starting camera…');
      await camera.start();
    }
    status.show('Going live…');
    await publish();
  } catch (err) {
    const wasDisconnect = err.code === 'disconnected';
    teardown();
    wantLive = wasDisconnect && wantLive;
    resetButton();
    if (!wasDisconnect) {
      ui.start.disabled = !joined;
      setLiveState(ui.liveState, 'offline');
      status.error(err.name === 'SignalingError' ? describeError(err) : cameraErrorText(err));
      console.error('beam: could not start streaming', err);
    }
  } finally {
    ui.start.removeAttribute('aria-busy');
  }
}

async function publish() {
  const gen = ++generation;
  const settings = await videoSendSettings();
  if (gen !== generation) return;
  pc = new RTCPeerConnection(peerConfiguration(ice));
  const thisPc = pc;
  const trickle = new CandidateTrickle(signaling, thisPc);
  await addCameraTracks(thisPc, camera.stream, settings, (sender) => { videoSender = sender; });
  thisPc.addEventListener('connectionstatechange', () => {
    if (gen === generation) onConnectionState(thisPc.connectionState);
  });

  const offer = await thisPc.createOffer();
  await thisPc.setLocalDescription(offer);
  // Sent without waiting for ICE gathering: our candidates follow via connect-transport.
  const reply = await signaling.request('produce', { sdp: thisPc.localDescription.sdp });
  if (gen !== generation) return;
  transportId = reply.transportId;
  producerId = reply.producerId;
  trickle.setTransport(reply.transportId);
  restarter = new IceRestarter(signaling, thisPc, reply.transportId, (why) => {
    if (gen !== generation) return;
    status.error(`The media connection broke and ${why}. Press Start Streaming to go live again.`);
    stop(true);
  });
  await thisPc.setRemoteDescription({ type: 'answer', sdp: reply.sdp });
  if (gen !== generation) return;

  phase = 'live';
  wantLive = true;
  ui.start.textContent = 'Stop Streaming';
  ui.start.classList.add('is-live');
  ui.start.disabled = false;
  if (thisPc.connectionState !== 'connected') setLiveState(ui.liveState, 'connecting');
  status.show('Connecting media to the server…');
  stats.start(() => (gen === generation ? pc : null));
}

function onConnectionState(state) {
  if (state === 'connected') {
    setLiveState(ui.liveState, 'live');
    status.show(`You are live in room “${room}”.`);
  } else if (state === 'disconnected') {
    setLiveState(ui.liveState, 'connecting'); // often recovers by itself
  } else if (state === 'failed') {
    setLiveState(ui.liveState, 'connecting');
    status.show('The media connection to the server broke; restarting it…');
  }
}

/** Ends the broadcast but keeps the camera preview. */
function stop(keepStatus = false) {
  wantLive = false;
  const wasProducing = phase === 'live';
  teardown();
  resetButton();
  ui.start.disabled = !joined;
  setLiveState(ui.liveState, 'offline');
  if (!keepStatus) status.show('Stream stopped. Your viewers see “No stream available”.');
  if (wasProducing && signaling.connected) {
    signaling.request('close-producer').catch((err) => console.warn('beam: close-producer', err));
  }
}

function teardown() {
  generation++;
  transportId = null;
  producerId = null;
  videoSender = null;
  restarter?.stop();
  restarter = null;
  stats.stop();
  if (pc) {
    pc.close();
    pc = null;
  }
  phase = 'idle';
}

function resetButton() {
  ui.start.textContent = 'Start Streaming';
  ui.start.classList.remove('is-live');
}

function setViewers(count) {
  ui.viewerCount.textContent = String(Number.isFinite(count) ? count : 0);
}
