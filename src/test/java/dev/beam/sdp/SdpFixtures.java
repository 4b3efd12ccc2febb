package dev.beam.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Loads the captured Chromium offers and provides a fixed server transport for tests. */
final class SdpFixtures {
    static final String BROADCASTER = "chromium-broadcaster-offer.sdp";
    static final String VIEWER = "chromium-viewer-offer.sdp";
    static final String AUDIO_ONLY = "chromium-audio-only-offer.sdp";
    /**
     * The broadcaster offer with three simulcast layers, as Chromium writes it for addTransceiver with
     * sendEncodings rids l, m and h: its video a=ssrc lines replaced by a=rid and a=simulcast (RFC 8853).
     */
    static final String SIMULCAST = "chromium-simulcast-broadcaster-offer.sdp";
    /** The broadcaster offer with its a=group:BUNDLE line deleted by hand. */
    static final String NO_BUNDLE = "chromium-offer-no-bundle.sdp";

    static final Fingerprint SERVER_FINGERPRINT = new Fingerprint("sha-256",
            "3A:5F:91:0C:7B:22:E4:18:AA:03:6D:C9:58:F0:11:B7:44:9E:2D:80:6A:13:CF:75:E2:09:BB:4C:D1:37:68:F5");

    private SdpFixtures() {
    }

    static String load(String name) {
        try (InputStream in = SdpFixtures.class.getResourceAsStream("/sdp/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Offer parse(String name) throws SdpException {
        return OfferParser.parse(load(name));
    }

    static LocalTransport localTransport() {
        return new LocalTransport("beamSrv1", "k9Qm2vX7pL4sT8wZ1nB6cR3d", SERVER_FINGERPRINT,
                List.of(new InetSocketAddress("127.0.0.1", 40000)), List.of());
    }
}
