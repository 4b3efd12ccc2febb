package dev.beam.media.send;

/**
 * Probes a viewer's bandwidth upward when a better simulcast layer might fit. A send-side
 * estimate grows only as far as what the viewer is seen to receive (GCC caps it at 1.5 times the
 * acknowledged rate), so a viewer on a lower layer would never be found able to take a higher
 * one. So, now and then, for up to {@value #PROBE_MILLIS} ms, the viewer is sent its own recent
 * packets again (as RTX where it negotiated RTX, else as duplicates, which its receiver drops)
 * on top of its media, the two making {@value #OVERSHOOT} times the better layer's rate: what the
 * layer selector wants with headroom, once 90 % of it is seen delivered after the probe ran long enough
 * to have emptied a policer's bucket ({@link ViewerBandwidth#PROBE_CONFIRM_MILLIS}). Even a probe
 * that got only those 90 % through leaves an estimate of 1.44 times the layer, which the selector
 * goes up to (it takes a layer at 75 % of the estimate) with room for the layer's rate to vary. A
 * probe that lifts the estimate there ends early; one that meets congestion (the estimate
 * falling) ends at once, so that it costs the viewer little, and makes the next wait twice as
 * long, up to {@value #MAX_INTERVAL_MILLIS} ms.
 *
 * <p>The longest wait is short: a probe that fails behind a policer costs the viewer's frames
 * little (see below), and a link that widens is found within that wait, then one probe a layer.
 *
 * <p>The probe tops up the media actually sent during it, not a rate measured as it starts: that
 * rate can hold a keyframe (right after a move up, the new layer's), and a probe sized by it would
 * send less than its target.
 *
 * <p>Probe packets go out only after a frame's last packet, never between a frame's packets: a
 * policer whose bucket the probe emptied (or a full queue) then passes each frame whole, on the
 * rate gathered since the last burst, and drops the probe after it. A probe interleaved with the
 * media would have the policer drop media as much as probe, and the viewer would freeze until its
 * retransmissions got through.
 *
 * <p>Pure logic, on the viewer's fan-out shard: the caller passes the time and sends.
 */
public final class Prober {
    static final long PROBE_MILLIS = 3000;
    static final long FIRST_INTERVAL_MILLIS = 2000;
    static final long MAX_INTERVAL_MILLIS = 4000;
    /** Probe to this many times the better layer's rate. */
    public static final double OVERSHOOT = 1.6;
    /**
     * Probe packets sent after one frame at most, so that a frame after a gap (a broadcaster that
     * paused) is not followed by a burst that would overflow a queue, yet a probe can reach its
     * rate: a viewer on a 10 fps layer probing for 2.7 Mbit/s needs about 30 packets a frame.
     */
    static final int MAX_BURST = 32;
    /** The most media over the probe's target that it makes up for by sending less, in ms of the target. */
    static final long MAX_DEBT_MILLIS = 250;
    private static final long MS = 1_000_000;

    private long intervalNanos = FIRST_INTERVAL_MILLIS * MS;
    private long nextProbeNanos = Long.MIN_VALUE;
    private long probeStartNanos = Long.MIN_VALUE;
    /** What the probe in progress aims at, fixed as it starts. */
    private long probeTargetBps;
    private long lastNanos;
    private double budgetBytes;
    private int burst;
    private int packetsSent;
    /** Whether the last media packet ended a frame, so that the probe goes now. */
    private boolean frameEnded;

    /**
     * After a media packet: whether to send one more probe packet now.
     *
     * @param targetBps   the rate the better layer needs, 0 when there is none to probe for; a
     *                    probe keeps the one it started with
     * @param estimateBps the viewer's estimate now
     * @param congested   whether the estimate is falling: a probe in progress fails
     */
    public boolean wantsPacket(long nowNanos, long targetBps, long estimateBps, boolean congested) {
        if (nextProbeNanos == Long.MIN_VALUE) {
            nextProbeNanos = nowNanos + intervalNanos;
        }
        // A probe is judged by the target it started with: once it finds the better layer, the
        // viewer's choice moves there and the target to the layer after, which must not make the
        // probe that found it look failed.
        long aim = probing() ? probeTargetBps : targetBps;
        boolean found = estimateBps >= ViewerBandwidth.PROBE_DELIVERED * aim;
        if (targetBps <= 0 || found) {
            if (probing() && found) {
                intervalNanos = FIRST_INTERVAL_MILLIS * MS; // found: probe again soon for the next layer
            }
            end(nowNanos);
            return false;
        }
        if (!probing()) {
            if (nowNanos < nextProbeNanos) {
                return false;
            }
            probeStartNanos = nowNanos;
            probeTargetBps = targetBps;
            lastNanos = nowNanos;
            budgetBytes = 0;
            burst = 0;
        }
        if (nowNanos - probeStartNanos >= PROBE_MILLIS * MS || congested && nowNanos > probeStartNanos) {
            intervalNanos = Math.min(2 * intervalNanos, MAX_INTERVAL_MILLIS * MS);
            end(nowNanos);
            return false;
        }
        if (nowNanos != lastNanos) {
            // Media over the target (a keyframe) holds the probe back for a while, not for good.
            double maxDebt = probeTargetBps / 8.0 * MAX_DEBT_MILLIS / 1000;
            budgetBytes = Math.max(budgetBytes, -maxDebt) + probeTargetBps / 8.0 * (nowNanos - lastNanos) / 1e9;
            lastNanos = nowNanos;
        }
        return frameEnded && budgetBytes > 0 && burst < MAX_BURST;
    }

    /**
     * A media packet of this many bytes (0: it was not sent) went to the viewer: during a probe, it
     * counts toward the target, and a frame's last lets the probe go.
     */
    public void mediaSent(int bytes, boolean endsFrame) {
        if (probing()) {
            budgetBytes -= bytes;
        }
        frameEnded = endsFrame;
        burst = 0;
    }

    /** A probe packet of this many bytes went out. */
    public void sent(int bytes) {
        budgetBytes -= bytes;
        burst++;
        packetsSent++;
    }

    /** Which recent packet to send next, counting back from the latest: 0, 1, ..., 15, 0, ... */
    public int nextPacketBack() {
        return packetsSent & 15;
    }

    public boolean probing() {
        return probeStartNanos != Long.MIN_VALUE;
    }

    private void end(long nowNanos) {
        if (probing()) {
            nextProbeNanos = nowNanos + intervalNanos;
        }
        probeStartNanos = Long.MIN_VALUE;
        budgetBytes = 0;
    }
}
