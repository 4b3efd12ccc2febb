// Broadcaster page: the video codec asked for in the address (?codec=vp8|vp9|av1|h264), put first
// in the offer; the server takes the first codec of the offer that it forwards.

/** The codec the address asks for, upper case, or null: the browser's own order then stands (VP8 first in Chromium). */
export function videoCodecFromUrl(search = location.search) {
  const codec = new URLSearchParams(search).get('codec');
  return codec && /^(vp8|vp9|av1|h264)$/i.test(codec) ? codec.toUpperCase() : null;
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
