package dev.beam.loadgen;

import dev.beam.media.transport.DtlsCertificate;
import dev.beam.testpeer.PeerConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every peer of one run shares: one HttpClient for all signaling, the receive workers, the
 * timer, the DTLS handshake pool (in the connection settings), the window being measured, and
 * one DTLS certificate (each peer's offer carries its fingerprint, so sharing it is sound, and
 * saves a key generation per viewer).
 */
record LoadContext(HttpClient http, URI server, String room, ReceiveWorkers workers, ScheduledExecutorService timer,
                   PeerConnection.Settings connection, DtlsCertificate certificate, MeasurementWindow window,
                   Duration joinTimeout) {
}
