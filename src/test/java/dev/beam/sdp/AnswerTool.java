package dev.beam.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints the server's answer to an offer read from stdin, for checking by hand that a browser accepts it:
 * {@code java -cp target/classes:target/test-classes dev.beam.sdp.AnswerTool broadcaster [maxVideoBps [startVideoBps]]|viewer
 * < offer.sdp}. A viewer's source is the broadcaster fixture's negotiation; its streams have RTX SSRCs.
 */
public final class AnswerTool {
    private AnswerTool() {
    }

    public static void main(String[] args) throws IOException {
        String sdp = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        try {
            Offer offer = OfferParser.parse(sdp);
            LocalTransport local = SdpFixtures.localTransport();
            if (args.length > 0 && args[0].equals("viewer")) {
                List<NegotiatedMedia> source = Negotiator.forBroadcaster(OfferParser.parse(fixture()));
                List<NegotiatedMedia> accepted = Negotiator.forViewer(offer, source);
                Map<String, OutgoingStream> streams = new HashMap<>();
                long ssrc = 1000;
                for (NegotiatedMedia n : accepted) {
                    streams.put(n.mid(), new OutgoingStream(ssrc, "beamcname", "beam-stream", "track-" + n.mid(),
                            ssrc + 1000));
                    ssrc++;
                }
                System.out.print(AnswerBuilder.forViewer(offer, accepted, local, streams));
            } else {
                long cap = args.length > 1 ? Long.parseLong(args[1]) : 0;
                long start = args.length > 2 ? Long.parseLong(args[2]) : 0;
                System.out.print(AnswerBuilder.forBroadcaster(offer, Negotiator.forBroadcaster(offer), local,
                        new VideoBitrates(start, cap)));
            }
        } catch (SdpException e) {
            System.err.println("SdpException: " + e.getMessage());
            System.exit(1);
        }
    }

    private static String fixture() throws IOException {
        try (InputStream in = AnswerTool.class.getResourceAsStream("/sdp/chromium-broadcaster-offer.sdp")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
