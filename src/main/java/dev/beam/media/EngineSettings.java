package dev.beam.media;

import dev.beam.media.transport.WebRtcTransport;
import java.time.Duration;

/**
 * How the media plane runs.
 *
 * @param shards       how many fan-out shards one broadcast uses: the cores it may keep busy
 * @param maxDelay     media that waited longer than this in a queue of the server is dropped, never sent late
 * @param consent      RFC 7675 consent checks and their timeout
 * @param peerQueue    packets a broadcaster may have waiting for its worker
 * @param maxHandshakes DTLS handshakes in flight at once; a session whose ClientHello finds them all
 *                     taken is closed
 * @param maxPending   sessions opened but not yet connected; more are refused
 */
public record EngineSettings(int shards, Duration maxDelay, WebRtcTransport.Consent consent, int peerQueue,
        int maxHandshakes, int maxPending) {
    public static final int DEFAULT_PEER_QUEUE = 256;

    public EngineSettings {
        if (shards < 1 || shards > 64) {
            throw new IllegalArgumentException("shards must be 1..64: " + shards);
        }
        if (maxDelay.toMillis() < 1) {
            throw new IllegalArgumentException("max delay must be at least 1 ms: " + maxDelay);
        }
        if (peerQueue < 1) {
            throw new IllegalArgumentException("peer queue " + peerQueue);
        }
        if (maxHandshakes < 1 || maxPending < 1) {
            throw new IllegalArgumentException("handshakes " + maxHandshakes + " and pending sessions " + maxPending
                    + " must be at least 1");
        }
    }
}
