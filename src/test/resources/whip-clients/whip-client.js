// Publishes the camera and microphone with whip-whep's WHIPClient, which trickles its candidates
// with PATCH, offering only the video codec the test asks for. The page owns the
// RTCPeerConnection, as that library wants. window.page: pc(), stop() (the client's stop: DELETE
// on the session's resource), log, requests.
import { WHIPClient } from 'whip-whep/whip.js';
import { onlyCodec } from './codec-preferences.js';
import { log, requests } from './page-log.js';

const params = new URLSearchParams(location.search);
const pc = new RTCPeerConnection({ iceServers: [] });
const client = new WHIPClient();

window.page = { pc: () => pc, stop: () => client.stop(), log, requests };

(async () => {
  const media = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
  document.querySelector('video').srcObject = media;
  for (const track of media.getTracks()) {
    const transceiver = pc.addTransceiver(track, { direction: 'sendonly', streams: [media] });
    if (track.kind === 'video') {
      transceiver.setCodecPreferences(onlyCodec('video/' + params.get('codec')));
    }
  }
  await client.publish(pc, params.get('endpoint'));
})().catch(e => console.error('publishing failed: ' + e));
