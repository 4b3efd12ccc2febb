// Broadcaster page: the video codec sent. The address may ask for one (?codec=vp8|vp9|av1|h264);
// otherwise AV1 or VP9 where the browser encodes it in hardware and can send it as simulcast,
// else the browser's default (VP8 in Chromium). Software VP9 and AV1 save bits but cost the
// broadcaster's CPU several times what VP8 does, which a laptop on battery or a busy machine
// pays in dropped frames. It is put first in the offer; the server takes the first it forwards.
import { simulcastMode } from './simulcast.js';

/** The codec the address asks for, upper case, or null. */
export function videoCodecFromUrl(search = location.search) {
  const codec = new URLSearchParams(search).get('codec');
  return codec && /^(vp8|vp9|av1|h264)$/i.test(codec) ? codec.toUpperCase() : null;
}

/** The codec to send: the address's, else AV1 or VP9 in hardware with simulcast, else null (the browser's default). */
export async function chooseVideoCodec(search = location.search) {
  const asked = videoCodecFromUrl(search);
  if (asked || !navigator.mediaCapabilities?.encodingInfo) return asked;
  for (const codec of ['AV1', 'VP9']) {
    try {
      const info = await navigator.mediaCapabilities.encodingInfo({
        type: 'webrtc',
        video: { contentType: `video/${codec}`, width: 1280, height: 720, bitrate: 1_700_000, framerate: 30 },
      });
      if (info.supported && info.powerEfficient && await simulcastMode(codec)) return codec;
    } catch {
      // This browser cannot say: try the next, then keep its default.
    }
  }
  return null;
}

/** Puts the codec first in the transceiver's offer, where the browser can encode it. */
export function preferCodec(transceiver, codec) {
  if (!codec || !transceiver.setCodecPreferences || !RTCRtpSender.getCapabilities) return;
  const all = RTCRtpSender.getCapabilities('video').codecs;
  const wanted = all.filter((c) => c.mimeType.toUpperCase() === `VIDEO/${codec}`);
  if (wanted.length === 0) {
    console.warn(`beam: this browser cannot send ${codec}; it sends its default codec instead`);
    return;
  }
  transceiver.setCodecPreferences([...wanted, ...all.filter((c) => !wanted.includes(c))]);
}

const DEPENDENCY_DESCRIPTOR = 'https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension';

/**
 * Offers the AV1 dependency descriptor on the transceiver, which Chromium leaves out of its offers unless
 * asked: with it the server reads AV1's temporal layers and drops the top ones for a viewer whose link
 * is just short of a layer's full rate (it takes the descriptor for AV1 only). Where the browser cannot
 * be asked (no setHeaderExtensionsToNegotiate), AV1 goes without it, whole.
 */
export function offerDependencyDescriptor(transceiver) {
  if (!transceiver.getHeaderExtensionsToNegotiate || !transceiver.setHeaderExtensionsToNegotiate) return;
  try {
    const extensions = transceiver.getHeaderExtensionsToNegotiate();
    if (!extensions.some((e) => e.uri === DEPENDENCY_DESCRIPTOR)) return;
    transceiver.setHeaderExtensionsToNegotiate(extensions.map((e) => (e.uri === DEPENDENCY_DESCRIPTOR
      ? { uri: e.uri, direction: transceiver.direction } : e)));
  } catch (err) {
    console.warn('beam: could not offer the AV1 dependency descriptor', err);
  }
}
