// Viewer page: joins the room as viewer and plays the broadcast whenever the room is live.
import {
  Signaling, CandidateTrickle, StatusLine, roomFromUrl, setLiveState, describeError,
  peerConfiguration, usesIceServers,
} from './signaling.js';
import { IncomingStats } from './incoming-stats.js';
import { QualityMenu } from './quality-menu.js';
import { IceRestarter } from './ice-restart.js';
import { tokenFromFragment, joinFields, isTokenError, TokenField } from './token.js';
import { offerDependencyDescriptor } from './codec-preference.js';
import { Player } from './player.js';

const FAILED_RETRY_MS = 2000;
const ROOM_FULL_RETRY_MS = 10000;

const $ = (id) => document.getElementById(id);
const ui = {
  roomName: $('room-name'),
  video: $('remote-video'),
  liveState: $('live-state'),
  viewerCount: $('viewer-count'),
  streamLinks: [$('stream-link'), $('stream-link-footer')],
  brand: $('brand-link'),
  stat: {
    resolution: $('stat-resolution'), fps: $('stat-fps'), bitrate: $('stat-bitrate'),
    loss: $('stat-loss'), decoded: $('stat-decoded'), nacks: $('stat-nacks'),
  },
};
const status = new StatusLine($('status'));
const player = new Player({
  player: $('player'), video: ui.video, noStream: $('no-stream'), loading: $('stream-loading'),
  unmute: $('unmute-button'), statsButton: $('stats-button'), statsOverlay: $('stats-overlay'),
  fullscreen: $('fullscreen-button'),
}, status, () => pc !== null);
const stats = new IncomingStats(ui.stat);
const quality = new QualityMenu($('quality-select'), $('quality-note'),
  { layer: $('stat-layer'), estimate: $('stat-estimate') });
let token = tokenFromFragment();
const tokenField = new TokenField($('token-form'), $('token-input'), (entered) => {
  token = entered;
  if (signaling?.connected) join();
});

let signaling = null;
let room = null;
let live = false;
let pc = null;
let generation = 0;     // bumped on teardown so callbacks of an old pc are ignored
let retryTimer = null;
let transportId = null; // the server's name for our current media session
let peerId = null;      // ours in the room, as operators see it in /api/info
let spare = null;       // a peer connection made with its offer while the page joins, see preparePeer
let restarter = null;   // restarts ICE on the current session when its path breaks
let ice = null;         // the ICE servers and policy of the latest join or resume reply

window.beamViewer = { pc: () => pc, video: ui.video, peerId: () => peerId, transportId: () => transportId };

init();

function init() {
  room = roomFromUrl();
  const shown = new URLSearchParams(location.search).get('room');
  ui.roomName.textContent = room ?? shown;
  if (room === null) {
    setLiveState(ui.liveState, 'offline');
    status.error('Invalid room name. Use 1–64 letters, digits, “-” or “_”, for example /watch?room=main');
    return;
  }
  const query = `?room=${encodeURIComponent(room)}`;
  ui.streamLinks.forEach((a) => { a.href = `/stream${query}`; });
  ui.brand.href = `/watch${query}`;
  document.title = `Watching ${room} · Beam`;

  signaling = new Signaling();
  signaling.on('open', join);
  signaling.on('close', onDisconnected);
  signaling.on('resumed', onResumed);
  signaling.on('session-lost', () => { teardown(); live = false; });
  signaling.on('taken-over', () => {
    teardown();
    setLive(false);
    status.error('This room is being watched from another tab or window now. Reload to watch here.');
  });
  signaling.on('viewer-count', (msg) => setViewers(msg.count));
  signaling.on('stream-started', () => {
    setLive(true);
    status.clear();
    consume(); // a running consume belongs to the previous broadcast: consume() replaces it
  });
  signaling.on('stream-ended', () => {
    setLive(false);
    teardown();
    status.show('The broadcast has ended.');
  });
  signaling.on('transport-closed', (msg) => {
    if (msg.transportId === transportId) mediaLost(`The server closed the media connection (${msg.reason}).`);
  });
  signaling.on('layer-changed', (msg) => quality.delivered(msg));
  signaling.on('error', (msg) => status.error(describeError(msg)));
  setLiveState(ui.liveState, 'connecting');
  spare = preparePeer();
  signaling.connect();
}

async function join() {
  clearTimeout(retryTimer);
  try {
    const reply = await signaling.request('join-room', joinFields(room, 'viewer', token));
    ice = reply;
    if (spare?.gatheringWithoutServers && usesIceServers(ice)) {
      // It began gathering before the servers and this page's TURN credentials came: consume makes one with them.
      spare.then(({ peer }) => peer.close(), () => {});
      spare = null;
    }
    peerId = reply.peerId;
    setViewers(reply.viewers);
    setLive(reply.live);
    status.clear();
    if (reply.live) consume();
  } catch (err) {
    if (err.code === 'disconnected') return; // reconnect joins again
    setLiveState(ui.liveState, 'offline');
    status.error(`Could not join room “${room}”: ${describeError(err)}`);
    if (isTokenError(err)) tokenField.ask();
    if (err.code === 'room-full') {
      retryTimer = setTimeout(() => { if (signaling.connected) join(); }, ROOM_FULL_RETRY_MS);
    }
  }
}

function onDisconnected({ retryInMs, resuming }) {
  if (resuming) {
    // The server keeps our session and its media for a while: the video plays on meanwhile.
    status.show('Connection to the server lost; reconnecting. The video plays on meanwhile.');
    return;
  }
  teardown();
  live = false;
  setLiveState(ui.liveState, 'connecting');
  status.error(`Connection to the server lost. Reconnecting in ${Math.round(retryInMs / 1000)} s…`);
}

async function consume() {
  teardown();
  const gen = generation;
  player.loading();
  const prepared = spare ?? preparePeer();
  spare = null;
  try {
    const { peer: thisPc, trickle } = await prepared;
    if (gen !== generation) {
      thisPc.close();
      return;
    }
    pc = thisPc;
    thisPc.addEventListener('track', (event) => { if (gen === generation) player.attachTrack(event); });
    const reply = await signaling.request('consume', { sdp: thisPc.localDescription.sdp });
    if (gen !== generation) return;
    transportId = reply.transportId;
    trickle.setTransport(reply.transportId);
    restarter = new IceRestarter(signaling, thisPc, reply.transportId, (why) => {
      if (gen === generation) mediaLost(`The media connection broke and ${why}.`);
    });
    await Promise.all([
      thisPc.setRemoteDescription({ type: 'answer', sdp: reply.sdp }),
      // The server holds the media until the transport connects, so this need not wait for it.
      signaling.request('resume-consumer', { consumerId: reply.consumerId }),
    ]);
    if (gen !== generation) return;
    quality.attach(signaling, reply.consumerId);
    stats.start(() => (gen === generation ? pc : null));
  } catch (err) {
    if (gen !== generation) return; // superseded (stream ended, restarted, socket closed)
    teardown();
    if (err.code === 'disconnected') return;
    status.error(err.name === 'SignalingError' ? describeError(err) : `Could not play the stream: ${err.message}`);
    console.error('beam: consume failed', err);
  }
}

/**
 * A receive-only peer connection with its offer set, and the trickle that sends its candidates
 * once the server names the transport. Making the offer is the slowest step of joining on the
 * page's side (hundreds of ms on a busy machine), so the first one is made while the socket
 * opens and the room is joined. The ICE servers (and this page's TURN credentials) come with the
 * join reply: where it arrives while the offer is made, they are set before the offer is applied
 * (ICE gathers from then on; RTCPeerConnection takes new servers until then); where it arrives
 * later and names servers, this one is dropped and consume makes another with them.
 */
function preparePeer() {
  const peer = new RTCPeerConnection(peerConfiguration(ice));
  const trickle = new CandidateTrickle(signaling, peer);
  peer.addTransceiver('audio', { direction: 'recvonly' });
  offerDependencyDescriptor(peer.addTransceiver('video', { direction: 'recvonly' }));
  const ready = peer.createOffer()
    .then((offer) => {
      if (usesIceServers(ice) && !usesIceServers(peer.getConfiguration())) peer.setConfiguration(peerConfiguration(ice));
      ready.gatheringWithoutServers = !usesIceServers(peer.getConfiguration());
      return peer.setLocalDescription(offer);
    })
    .then(() => ({ peer, trickle }));
  ready.catch(() => peer.close()); // consume() reports the failure when it uses this one
  return ready;
}

/** A new socket took our session back: catch up with what the room did meanwhile. */
function onResumed(reply) {
  ice = reply; // fresh TURN credentials, for the next peer connection
  status.clear();
  setViewers(reply.viewers);
  setLive(reply.live);
  if (!reply.live) {
    teardown();
    status.show('The broadcast has ended.');
  } else if (!transportId || !reply.transports.includes(transportId)) {
    consume(); // our media session ended while we were away
  }
}

/** The media session is gone (it failed, or the server closed it): start a new one shortly. */
function mediaLost(why) {
  teardown();
  status.error(`${why} Retrying…`);
  retryTimer = setTimeout(() => {
    if (live && signaling.connected) consume();
  }, FAILED_RETRY_MS);
}

/** Closes the current pc (if any) and shows the "No stream available" state. */
function teardown() {
  generation++;
  transportId = null;
  clearTimeout(retryTimer);
  stats.stop();
  quality.detach();
  restarter?.stop();
  restarter = null;
  if (pc) {
    pc.close();
    pc = null;
  }
  player.clear();
}

function setLive(isLive) {
  live = Boolean(isLive);
  setLiveState(ui.liveState, live ? 'live' : 'offline');
}

function setViewers(count) {
  ui.viewerCount.textContent = String(Number.isFinite(count) ? count : 0);
}
