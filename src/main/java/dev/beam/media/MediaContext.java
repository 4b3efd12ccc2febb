package dev.beam.media;

import dev.beam.media.receive.PacketPool;
import dev.beam.media.transport.DtlsHandshakes;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * What every session of one engine shares: the executors and clocks it runs on, its counters,
 * its packet buffers and its settings.
 *
 * @param workers   runs the peers' workers and the fan-out shards; never blocks
 * @param handshakes runs the DTLS handshakes, on a pool of their own, capped
 * @param nanoTime  the one monotonic clock of the media plane
 * @param clock     wall time, only for NTP timestamps in RTCP
 */
record MediaContext(Executor workers, DtlsHandshakes handshakes, LongSupplier nanoTime, Clock clock, MediaStats stats,
        PacketPool pool, EngineSettings settings) {
}
