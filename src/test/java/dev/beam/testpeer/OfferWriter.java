package dev.beam.testpeer;

import dev.beam.testpeer.ice.IceCredentials;
import dev.beam.testpeer.ice.Priorities;

/**
 * The offer a test peer makes, shaped like a browser's: BUNDLE and rtcp-mux (RFC 8843, RFC 5761),
 * one UDP host candidate on 127.0.0.1, a=setup:actpass with a sha-256 fingerprint, opus and VP8 (or AV1)
 * with nack, nack pli and ccm fir; sendonly with a=ssrc lines for a broadcaster, recvonly for a
 * viewer; RTX (RFC 4588) as the spec says.
 */
final class OfferWriter {
    private static final String[] KINDS = {"audio", "video"};

    private OfferWriter() {
    }

    static String offer(OfferSpec spec, String name, IceCredentials ice, int port, String fingerprint) {
        StringBuilder s = new StringBuilder();
        line(s, "v=0");
        line(s, "o=- " + Math.abs(name.hashCode()) + " 2 IN IP4 127.0.0.1");
        line(s, "s=-");
        line(s, "t=0 0");
        line(s, "a=group:BUNDLE 0 1");
        line(s, "a=msid-semantic:WMS " + name);
        if (spec.av1()) {
            line(s, "a=extmap-allow-mixed"); // RFC 8285 §6: the descriptor of a keyframe needs the two-byte form
        }
        for (int mid = 0; mid < 2; mid++) {
            String kind = KINDS[mid];
            int pt = spec.payloadType(kind);
            boolean rtx = kind.equals("video") && spec.rtx();
            line(s, "m=" + kind + " " + port + " UDP/TLS/RTP/SAVPF " + pt + (rtx ? " " + spec.rtxPayloadType() : ""));
            line(s, "c=IN IP4 127.0.0.1");
            if (mid == 0) { // BUNDLE: candidates belong to the first (tagged) m-section, RFC 8843 §7.1
                line(s, "a=candidate:1 1 udp " + Priorities.host() + " 127.0.0.1 " + port + " typ host");
                line(s, "a=end-of-candidates");
            }
            line(s, "a=ice-ufrag:" + ice.ufrag());
            line(s, "a=ice-pwd:" + ice.password());
            line(s, "a=fingerprint:sha-256 " + fingerprint);
            line(s, "a=setup:actpass");
            line(s, "a=mid:" + mid);
            line(s, "a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid");
            boolean transportCc = spec.role() == OfferSpec.Role.SEND && spec.rtx();
            if (transportCc) {
                line(s, "a=extmap:" + OfferSpec.TRANSPORT_CC_EXTENSION_ID
                        + " http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01");
            }
            if (kind.equals("video") && spec.av1()) {
                line(s, "a=extmap:" + spec.dependencyDescriptorId() + " " + OfferSpec.DEPENDENCY_DESCRIPTOR);
            }
            boolean simulcast = kind.equals("video") && !spec.rids().isEmpty();
            if (simulcast) {
                line(s, "a=extmap:" + OfferSpec.RID_EXTENSION_ID + " urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id");
                if (rtx) {
                    line(s, "a=extmap:" + OfferSpec.REPAIRED_RID_EXTENSION_ID
                            + " urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id");
                }
            }
            line(s, spec.role() == OfferSpec.Role.SEND ? "a=sendonly" : "a=recvonly");
            line(s, "a=rtcp-mux");
            if (kind.equals("audio")) {
                line(s, "a=rtpmap:" + pt + " opus/48000/2");
                line(s, "a=fmtp:" + pt + " minptime=10;useinbandfec=1");
            } else {
                line(s, "a=rtpmap:" + pt + (spec.av1() ? " AV1/90000" : " VP8/90000"));
                line(s, "a=rtcp-fb:" + pt + " nack");
                line(s, "a=rtcp-fb:" + pt + " nack pli");
                line(s, "a=rtcp-fb:" + pt + " ccm fir");
                if (transportCc) {
                    line(s, "a=rtcp-fb:" + pt + " transport-cc");
                }
                if (rtx) {
                    line(s, "a=rtpmap:" + spec.rtxPayloadType() + " rtx/90000");
                    line(s, "a=fmtp:" + spec.rtxPayloadType() + " apt=" + pt);
                }
            }
            if (simulcast) {
                line(s, "a=msid:" + name + " " + kind + "0");
                spec.rids().forEach(rid -> line(s, "a=rid:" + rid + " send"));
                line(s, "a=simulcast:send " + String.join(";", spec.rids()));
            } else if (spec.role() == OfferSpec.Role.SEND) {
                long ssrc = kind.equals("audio") ? spec.audioSsrc() : spec.videoSsrc();
                line(s, "a=msid:" + name + " " + kind + "0");
                if (rtx) {
                    line(s, "a=ssrc-group:FID " + ssrc + " " + OfferSpec.rtxSsrc(ssrc)); // RFC 5576 §4.2
                }
                for (long announced : rtx ? new long[] {ssrc, OfferSpec.rtxSsrc(ssrc)} : new long[] {ssrc}) {
                    line(s, "a=ssrc:" + announced + " cname:" + name);
                    line(s, "a=ssrc:" + announced + " msid:" + name + " " + kind + "0");
                }
            }
        }
        return s.toString();
    }

    private static void line(StringBuilder s, String l) {
        s.append(l).append("\r\n");
    }
}
