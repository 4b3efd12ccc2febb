package dev.beam.testpeer;

import dev.beam.testpeer.ice.IceCredentials;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a peer needs from the server's answer: its ICE credentials and loopback UDP candidates,
 * its DTLS fingerprint (it must be a=setup:passive, this peer being the DTLS client), and per
 * kind the payload type, SSRC and RTX payload type it will send with.
 */
public record Answer(IceCredentials ice, String fingerprint, List<InetSocketAddress> candidates,
                     Map<String, Integer> payloadTypes, Map<String, Long> ssrcs, int rtxPayloadType) {

    private static final String[] KINDS = {"audio", "video"};

    /** Parses the answer; IllegalArgumentException when it lacks what a peer needs. */
    public static Answer parse(String text) {
        Sdp sdp = Sdp.parse(text);
        if (sdp.media.isEmpty()) {
            throw new IllegalArgumentException("answer has no m= section");
        }
        Sdp.Media first = sdp.media.get(0);
        IceCredentials ice = new IceCredentials(require(sdp.attr(first, "ice-ufrag"), "ice-ufrag"),
                require(sdp.attr(first, "ice-pwd"), "ice-pwd"));
        String[] fp = require(sdp.attr(first, "fingerprint"), "fingerprint").trim().split("\\s+");
        if (fp.length != 2 || !fp[0].equalsIgnoreCase("sha-256")) {
            throw new IllegalArgumentException("need a sha-256 fingerprint, got " + Arrays.toString(fp));
        }
        String setup = sdp.attr(first, "setup");
        if (setup != null && !setup.equals("passive")) {
            throw new IllegalArgumentException("the test peer is DTLS client only; answer has a=setup:" + setup);
        }
        Map<String, Integer> pts = new HashMap<>();
        Map<String, Long> ssrcs = new HashMap<>();
        int rtxPt = 0;
        for (String kind : KINDS) {
            Sdp.Media m = sdp.byKind(kind);
            pts.put(kind, m.formats().get(0));
            if (kind.equals("video") && m.formats().size() > 1) {
                rtxPt = m.formats().get(1);
            }
            List<Long> list = Sdp.ssrcs(m);
            if (!list.isEmpty()) {
                ssrcs.put(kind, list.get(0));
            }
        }
        return new Answer(ice, fp[1], loopbackCandidates(sdp), Map.copyOf(pts), Map.copyOf(ssrcs), rtxPt);
    }

    /** First payload type of the m-section of this kind. */
    public int payloadType(String kind) {
        return require(payloadTypes.get(kind), "answer for " + kind);
    }

    /** First a=ssrc of the m-section of this kind (what the server sends with), or -1. */
    public long ssrc(String kind) {
        return ssrcs.getOrDefault(kind, -1L);
    }

    /**
     * The server's UDP candidates for the one component (rtcp-mux, BUNDLE) on 127.0.0.0/8. A test
     * tool only ever sends to loopback, whatever else the server announces.
     */
    private static List<InetSocketAddress> loopbackCandidates(Sdp sdp) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (Sdp.Media m : sdp.media) {
            for (String line : m.all("candidate")) {
                Sdp.Candidate c = Sdp.Candidate.parse(line);
                InetSocketAddress address = new InetSocketAddress(c.ip(), c.port());
                if ("udp".equals(c.transport()) && c.component() == 1 && c.ip().startsWith("127.")
                        && !out.contains(address)) {
                    out.add(address);
                }
            }
        }
        return List.copyOf(out);
    }

    private static <T> T require(T v, String what) {
        if (v == null) {
            throw new IllegalArgumentException("answer lacks " + what);
        }
        return v;
    }
}
