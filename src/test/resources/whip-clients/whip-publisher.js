// Publishes the camera and microphone through @eyevinn/whip-web-client, offering only the video
// codec the test asks for. window.page: pc() (the library's RTCPeerConnection), stop() (the
// library's destroy: DELETE on the session's resource), log, requests.
import { WHIPClient } from '@eyevinn/whip-web-client';
import { onlyCodec } from './codec-preferences.js';
import { log, requests } from './page-log.js';

const params = new URLSearchParams(location.search);
const codec = 'video/' + params.get('codec');
let pc = null;

// The library makes its RTCPeerConnection through this hook and adds the tracks before its
// offer: the codec preferences are set on the video transceivers just before that offer.
function peerConnection(configuration) {
  pc = new RTCPeerConnection(configuration);
  const createOffer = pc.createOffer.bind(pc);
  pc.createOffer = options => {
    pc.getTransceivers()
      .filter(t => t.sender.track && t.sender.track.kind === 'video')
      .forEach(t => t.setCodecPreferences(onlyCodec(codec)));
    return createOffer(options);
  };
  return pc;
}

// No ICE servers: the test runs where nothing but loopback exists (the library's default is a
// public STUN server).
const client = new WHIPClient({
  endpoint: params.get('endpoint'),
  opts: { iceServers: [] },
  peerConnectionFactory: peerConnection,
});

window.page = { pc: () => pc, stop: () => client.destroy(), log, requests };

(async () => {
  const media = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
  document.querySelector('video').srcObject = media;
  await client.ingest(media);
})().catch(e => console.error('publishing failed: ' + e));
