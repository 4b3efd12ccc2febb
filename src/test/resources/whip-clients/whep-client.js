// Plays a WHEP endpoint with whip-whep's WHEPClient, which trickles its candidates with PATCH.
// The page owns the RTCPeerConnection, as that library wants. window.page: pc(), stop() (the
// client's stop: DELETE on the resource), log, requests.
import { WHEPClient } from 'whip-whep/whep.js';
import { log, requests } from './page-log.js';

const endpoint = new URLSearchParams(location.search).get('endpoint');
const video = document.querySelector('video');
const pc = new RTCPeerConnection({ iceServers: [] });
pc.addTransceiver('video', { direction: 'recvonly' });
pc.addTransceiver('audio', { direction: 'recvonly' });
const playing = new MediaStream();
pc.ontrack = event => {
  playing.addTrack(event.track);
  video.srcObject = playing;
};
const client = new WHEPClient();

window.page = { pc: () => pc, stop: () => client.stop(), log, requests };

client.view(pc, endpoint).catch(e => console.error('viewing failed: ' + e));
