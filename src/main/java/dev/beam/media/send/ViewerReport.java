package dev.beam.media.send;

/**
 * What a viewer's latest receiver report said about its video.
 *
 * @param fractionLost   share of packets lost since its previous report, 0..1
 * @param cumulativeLost packets lost in all
 * @param jitterMillis   interarrival jitter
 * @param rttMillis      round trip from the server's sender reports, -1 until known
 */
public record ViewerReport(double fractionLost, int cumulativeLost, double jitterMillis, long rttMillis) {
    public static final ViewerReport NONE = new ViewerReport(0, 0, 0, -1);
}
