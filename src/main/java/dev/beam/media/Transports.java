package dev.beam.media;

import dev.beam.media.transport.WebRtcTransport;
import java.io.IOException;

/** Opens a peer's transport on the engine's port, with its certificate and shared parts. */
@FunctionalInterface
interface Transports {
    WebRtcTransport open(String peerId, String remoteFingerprint, WebRtcTransport.Handler handler) throws IOException;
}
