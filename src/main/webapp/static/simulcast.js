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
 * The scalability mode of each layer: three temporal layers (webrtc-svc's L1T3), so that the
 * server can halve a layer's frame rate for a viewer just short of its bitrate; for VP9 and AV1
 * also what makes the browser send them as simulcast, one stream per layer (without a mode,
 * Chromium sends them as one stream with spatial layers). Asked for where the browser's media
 * capabilities say it encodes the codec so (addTransceiver throws for a mode no codec takes;
 * Chromium lists none in getCapabilities); null otherwise, and for H.264. `codec` null is the
 * browser's default, VP8 in Chromium.
 */
export async function simulcastMode(codec) {
  if (codec === 'H264' || !navigator.mediaCapabilities?.encodingInfo) return null;
  try {
    const info = await navigator.mediaCapabilities.encodingInfo({
      type: 'webrtc',
      video: {
        contentType: `video/${codec ?? 'VP8'}`, width: 1280, height: 720, bitrate: 1_700_000, framerate: 30,
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

/**
 * Under CPU load the browser lowers the frame rate rather than the resolution: the server ranks
 * simulcast layers by picture size and viewers choose among them, so layers that shrink and grow
 * with the broadcaster's CPU would move viewers between pictures for nothing.
 */
export async function keepResolution(sender) {
  const params = sender.getParameters();
  params.degradationPreference = 'maintain-resolution';
  try {
    await sender.setParameters(params);
  } catch (err) {
    console.warn('beam: the browser keeps its own degradation preference', err);
  }
}
