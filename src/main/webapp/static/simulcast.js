// Broadcaster page: the video goes in three simulcast layers (RFC 8853), so that each viewer can
// get the one its network carries. Chromium lists the layers in the offer in this order; the
// server ranks them by the bitrate each carries, whatever their names.

/** The layers: rid, how much smaller than the camera, and the most each may send (bit/s). */
export const LAYERS = [
  { rid: 'l', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: 'm', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: 'h', scaleResolutionDownBy: 1, maxBitrate: 1_700_000 },
];

/** Layers only where each is at least 160 pixels wide; one layer below that, or where simulcast is off. */
export function sendEncodings(track, codec, search = location.search) {
  const off = new URLSearchParams(search).get('simulcast') === 'off';
  // Chromium sends VP9 and AV1 in one stream with spatial layers rather than as simulcast.
  const layered = !codec || codec === 'VP8' || codec === 'H264';
  const width = track.getSettings ? track.getSettings().width || 0 : 0;
  const layers = LAYERS.filter((layer) => width / layer.scaleResolutionDownBy >= 160);
  if (off || !layered || layers.length < 2) return undefined;
  return layers.map((layer) => ({ ...layer, ...temporalLayers(codec) }));
}

// Three temporal layers on each VP8 layer (webrtc-svc's L1T3), so that the server can halve a
// layer's frame rate for a viewer just short of its bitrate. addTransceiver throws OperationError
// for a mode no codec in getCapabilities lists, so it is asked for only where VP8 lists it.
function temporalLayers(codec) {
  if (codec && codec !== 'VP8') return {};
  const vp8 = globalThis.RTCRtpSender?.getCapabilities?.('video')?.codecs
    .find((c) => c.mimeType.toLowerCase() === 'video/vp8');
  return vp8?.scalabilityModes?.includes('L1T3') ? { scalabilityMode: 'L1T3' } : {};
}
