package dev.beam.media.bwe;

/**
 * Groups received packets into bursts and measures how the delay changes from one group to the
 * next, draft-ietf-rmcat-gcc-02 §5.2: a group is the packets sent within {@link #BURST_US} of its
 * first one; for consecutive groups i-1 and i, d(i) = (t(i) - t(i-1)) - (T(i) - T(i-1)), with t
 * the arrival and T the send time of each group's last packet.
 *
 * <p>Packets must come in send (sequence) order; one sent before the current group began (it was
 * reordered, or reported late) is ignored.
 */
final class ArrivalGroups {
    /** §5.2 burst_time. */
    static final long BURST_US = 5_000;
    /** A jump larger than this between groups is a clock reset, not queuing. */
    private static final long MAX_JUMP_US = 3_000_000;

    private boolean current;
    private long firstSendUs;
    private long lastSendUs;
    private long lastArrivalUs;
    private boolean previous;
    private long previousSendUs;
    private long previousArrivalUs;

    private long delayVariationUs;
    private long sendDeltaUs;
    private long completedArrivalUs;

    /**
     * Adds one received packet.
     *
     * @return true when it began a new group and so completed one with a predecessor: then
     *         {@link #delayVariationUs}, {@link #sendDeltaUs} and {@link #arrivalUs} describe it
     */
    boolean onPacket(long sendUs, long arrivalUs) {
        if (!current) {
            begin(sendUs, arrivalUs);
            return false;
        }
        if (sendUs < firstSendUs) {
            return false;
        }
        if (sendUs - firstSendUs <= BURST_US) {
            lastSendUs = Math.max(lastSendUs, sendUs);
            lastArrivalUs = Math.max(lastArrivalUs, arrivalUs);
            return false;
        }
        boolean completed = false;
        if (previous) {
            long sendDelta = lastSendUs - previousSendUs;
            long arrivalDelta = lastArrivalUs - previousArrivalUs;
            long variation = arrivalDelta - sendDelta;
            if (arrivalDelta >= 0 && Math.abs(variation) <= MAX_JUMP_US) {
                delayVariationUs = variation;
                sendDeltaUs = sendDelta;
                completedArrivalUs = lastArrivalUs;
                completed = true;
            }
        }
        previous = true;
        previousSendUs = lastSendUs;
        previousArrivalUs = lastArrivalUs;
        begin(sendUs, arrivalUs);
        return completed;
    }

    /** d(i) of the group just completed, µs: positive when the queue grew. */
    long delayVariationUs() {
        return delayVariationUs;
    }

    /** T(i) - T(i-1) of the group just completed, µs. */
    long sendDeltaUs() {
        return sendDeltaUs;
    }

    /** t(i), the arrival of the group just completed, µs on the viewer's clock. */
    long arrivalUs() {
        return completedArrivalUs;
    }

    private void begin(long sendUs, long arrivalUs) {
        current = true;
        firstSendUs = sendUs;
        lastSendUs = sendUs;
        lastArrivalUs = arrivalUs;
    }
}
