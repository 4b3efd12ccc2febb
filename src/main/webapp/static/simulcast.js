// Broadcaster page: the video goes in three simulcast layers (RFC 8853), so that each viewer can
// get the one its network carries. Chromium lists the layers in the offer in this order; the
// server ranks them by picture size or by the bitrate each carries, whatever their names.

/** The layers: rid, how much smaller than the camera, and the most each may send (bit/s). */
export const LAYERS = [
  { rid: 'l', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: 'm', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: 'h', scaleResolutionDownBy: 1, maxBitrate: 1_700_000 },
];

/**
 * The scalability mode that makes the browser send VP9 or AV1 as simulcast, one stream per layer
 * (without one, Chromium sends them as a single stream with spatial layers), where its media
 * capabilities say it can encode it; null otherwise, and for VP8 and H.264, simulcast by default.
 */
export async function simulcastMode(codec) {
  if ((codec !== 'VP9' && codec !== 'AV1') || !navigator.mediaCapabilities?.encodingInfo) return null;
  try {
    const info = await navigator.mediaCapabilities.encodingInfo({
      type: 'webrtc',
      video: {
        contentType: `video/${codec}`, width: 1280, height: 720, bitrate: 1_700_000, framerate: 30,
        scalabilityMode: 'L1T3',
      },
    });
    return info.supported ? 'L1T3' : null;
  } catch {
    return null;
  }
}

/**
 * Layers only where each is at least 160 pixels wide; one layer below that, or where simulcast is
 * off. `mode`: {@link simulcastMode}'s answer for the codec.
 */
export function sendEncodings(track, codec, mode, search = location.search) {
  const off = new URLSearchParams(search).get('simulcast') === 'off';
  const layered = !codec || codec === 'VP8' || codec === 'H264' || mode !== null;
  const width = track.getSettings ? track.getSettings().width || 0 : 0;
  const layers = LAYERS.filter((layer) => width / layer.scaleResolutionDownBy >= 160);
  if (off || !layered || layers.length < 2) return undefined;
  return layers.map((layer) => (mode ? { ...layer, scalabilityMode: mode } : { ...layer }));
}

/**
 * Turns the layers on and off as the server asks (`send-layers`): a layer no viewer needs is not
 * encoded at all. Returns whether anything changed.
 */
export async function setActiveLayers(sender, active) {
  const params = sender.getParameters();
  let changed = false;
  for (const encoding of params.encodings ?? []) {
    if (!encoding.rid) continue;
    const on = active.includes(encoding.rid);
    if (encoding.active !== on) {
      encoding.active = on;
      changed = true;
    }
  }
  if (changed) await sender.setParameters(params);
  return changed;
}
