// How the broadcaster page sends its camera: the video codec, simulcast and one send-only
// transceiver per camera track.
import { chooseVideoCodec, offerDependencyDescriptor, preferCodec } from './codec-preference.js';
import { sendEncodings, simulcastMode, keepResolution } from './simulcast.js';

/** The codec the camera's video is sent with, and its simulcast mode. */
export async function videoSendSettings() {
  const codec = await chooseVideoCodec();
  return { codec, mode: await simulcastMode(codec) };
}

/**
 * Adds a send-only transceiver per track of the camera stream to pc. onVideoSender gets the
 * video's sender as soon as it exists, so that a teardown while this still runs can drop it.
 */
export async function addCameraTracks(pc, stream, { codec, mode }, onVideoSender) {
  for (const track of stream.getTracks()) {
    const init = { direction: 'sendonly', streams: [stream] };
    const encodings = track.kind === 'video' ? sendEncodings(track, codec, mode) : undefined;
    if (encodings) init.sendEncodings = encodings;
    const transceiver = pc.addTransceiver(track, init);
    if (track.kind === 'video') {
      preferCodec(transceiver, codec);
      offerDependencyDescriptor(transceiver);
      onVideoSender(transceiver.sender);
      await keepResolution(transceiver.sender);
    }
  }
}
