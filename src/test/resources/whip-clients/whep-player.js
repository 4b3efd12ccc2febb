// Plays a WHEP endpoint with @eyevinn/webrtc-player's WHEP adapter. window.page: pc() (the
// player's RTCPeerConnection), stop() (the player's unload: DELETE on the resource), log,
// requests.
import { WebRTCPlayer } from '@eyevinn/webrtc-player';
import { log, requests } from './page-log.js';

const endpoint = new URL(new URLSearchParams(location.search).get('endpoint'));
// No ICE servers: nothing but loopback exists where the test runs.
const player = new WebRTCPlayer({ video: document.querySelector('video'), type: 'whep', iceServers: [] });

window.page = { pc: () => player.peer, stop: () => player.unload(), log, requests };

player.load(endpoint).catch(e => console.error('playing failed: ' + e));
