package dev.beam.media.rtp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.media.Mutator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RTP parsing against real Chromium payloads (src/test/resources/rtp) in real headers, mutated,
 * and random bytes: the parsers' contract is to never throw, and to read a packet's fields only
 * once {@link RtpPacket#isValid} accepted it; everything the receive path calls is called.
 */
class RtpFuzzTest {
    private static final int CASES = 60_000;
    private static final int MID_ID = 1;
    private static final int TRANSPORT_CC_ID = 3;

    @Test
    void noInputMakesAParserThrow() throws IOException {
        Mutator mutator = new Mutator(0x5EED_0001L, seeds());
        TransportCcRecorder recorder = new TransportCcRecorder();
        byte[] out = new byte[2000];
        int valid = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] p = mutator.next();
            int len = p.length;
            RtpPacket.headerLength(p, 0, len);
            RtpPacket.payloadOffset(p, 0, len);
            RtpPacket.findExtension(p, 0, len, TRANSPORT_CC_ID);
            RtpPacket.transportSequenceNumber(p, 0, len, TRANSPORT_CC_ID);
            recorder.recordPacket(p, 0, len, TRANSPORT_CC_ID, i * 1000L);
            RtpPacket.forEachExtension(p, 0, len, (id, buf, off, l) -> { });
            Rtx.unwrapRtx(p, 0, len, out, 0, 96, 1234);
            if (!RtpPacket.isValid(p, 0, len)) {
                continue;
            }
            valid++;
            RtpPacket.sequenceNumber(p, 0);
            RtpPacket.timestamp(p, 0);
            RtpPacket.ssrc(p, 0);
            for (int c = 0; c < RtpPacket.csrcCount(p, 0); c++) {
                RtpPacket.csrc(p, 0, c);
            }
            int payload = RtpPacket.payloadOffset(p, 0, len);
            int payloadLength = RtpPacket.payloadLength(p, 0, len);
            assertTrue(payload >= 0 && payloadLength >= 0 && payload + payloadLength <= len, "payload range");
            for (int id = 1; id <= 14; id++) {
                int data = RtpPacket.findExtension(p, 0, len, id);
                if (data >= 0) {
                    assertTrue(data + RtpPacket.extensionLength(p, 0, len, data) <= len, "element within the packet");
                }
            }
            Vp8.descriptorLength(p, payload, payloadLength);
            Vp8.pictureId(p, payload, payloadLength);
            Vp8.isStartOfFrame(p, payload, payloadLength);
            Vp8.isKeyframe(p, payload, payloadLength);
            H264.isKeyframe(p, payload, payloadLength);
            if (payloadLength >= Rtx.OVERHEAD) {
                Rtx.originalSequenceNumber(p, 0, len);
            }
            Rtx.writeRtx(p, 0, len, out, 0, 97, 5678, i & 0xFFFF);
        }
        assertTrue(valid > CASES / 4, "most mutations keep a packet parseable, so the accessors are exercised: " + valid);
    }

    /** Chromium's VP8 and H.264 payloads behind headers with and without extensions, CSRCs and padding. */
    static List<byte[]> seeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        int seq = 0;
        for (String fixture : List.of("/rtp/chromium-156-vp8.txt", "/rtp/chromium-156-h264.txt")) {
            for (byte[] payload : payloads(fixture)) {
                seeds.add(packet(payload, seq++, false, 0, 0));
                seeds.add(packet(payload, seq++, true, 0, 0));
                seeds.add(packet(payload, seq++, true, 2, 4));
            }
        }
        return seeds;
    }

    private static byte[] packet(byte[] payload, int seq, boolean extensions, int csrcs, int padding) {
        int extensionBytes = extensions ? 4 + 8 : 0;
        int header = RtpPacket.FIXED_HEADER + 4 * csrcs + extensionBytes;
        byte[] p = new byte[header + payload.length + padding];
        RtpPacket.writeFixedHeader(p, 0, seq % 7 == 0, 96, seq, seq * 3000L, 0x1234_5678L);
        p[0] = (byte) (0x80 | (padding > 0 ? 0x20 : 0) | (extensions ? 0x10 : 0) | csrcs);
        int at = RtpPacket.FIXED_HEADER;
        for (int c = 0; c < csrcs; c++, at += 4) {
            p[at + 3] = (byte) (c + 1);
        }
        if (extensions) {
            // RFC 8285 §4.2 one-byte elements: MID "0", transport-wide sequence number, padding.
            p[at] = (byte) 0xBE;
            p[at + 1] = (byte) 0xDE;
            p[at + 3] = 2;
            p[at + 4] = (byte) (MID_ID << 4);
            p[at + 5] = '0';
            p[at + 6] = (byte) (TRANSPORT_CC_ID << 4 | 1);
            p[at + 7] = (byte) (seq >>> 8);
            p[at + 8] = (byte) seq;
        }
        System.arraycopy(payload, 0, p, header, payload.length);
        if (padding > 0) {
            p[p.length - 1] = (byte) padding;
        }
        return p;
    }

    private static List<byte[]> payloads(String resource) throws IOException {
        List<byte[]> payloads = new ArrayList<>();
        try (InputStream in = RtpFuzzTest.class.getResourceAsStream(resource);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                payloads.add(HexFormat.of().parseHex(fields[fields.length - 1].strip()));
            }
        }
        return payloads;
    }
}
