package dev.beam.media.bwe;

/** The over-use detector's signal, draft-ietf-rmcat-gcc-02 §5.4. */
enum BandwidthUsage {
    /** The queue is neither growing nor draining noticeably. */
    NORMAL,
    /** The queue grows: more is sent than the path carries. */
    OVERUSE,
    /** The queue drains: a previous overuse is clearing. */
    UNDERUSE
}
