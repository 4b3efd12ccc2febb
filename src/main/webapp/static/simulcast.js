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
  return layers.map((layer) => ({ ...layer }));
}
