package dev.beam.media.rtp;

import static dev.beam.media.rtp.TestBytes.bytes;
import static dev.beam.media.rtp.TransportCcFeedback.LARGE_DELTA;
import static dev.beam.media.rtp.TransportCcFeedback.NOT_RECEIVED;
import static dev.beam.media.rtp.TransportCcFeedback.SMALL_DELTA;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TransportCcTest {
    private static final long SENDER = 1;
    private static final long MEDIA = 0xCAFEBABEL;

    /** One decoded feedback. */
    record Feedback(int base, int count, int referenceTime, int fbCount, int[] symbols,
            int[] deltas, int length) {
        long referenceUs() {
            return referenceTime * TransportCcFeedback.REFERENCE_TIME_UNIT_US;
        }
    }

    @Test
    void decodesTheDraftsChunkExamples() {
        int[] s = new int[14];
        // §3.1.3 example 1: |0|0 0|0 0 0 0 0 1 1 0 1 1 1 0 1| run of 221 "not received"
        int[] run = new int[300];
        Arrays.fill(run, 9);
        assertEquals(221, TransportCcFeedback.decodeChunk(0b0_00_0000011011101, run, 0, 300));
        assertTrue(Arrays.stream(run, 0, 221).allMatch(x -> x == NOT_RECEIVED));
        assertEquals(9, run[221]);
        assertEquals(100, TransportCcFeedback.decodeChunk(0x00DD, run, 0, 100)); // capped
        // Example 2: |0|1 1|0 0 0 0 0 0 0 0 1 1 0 0 0| symbol 11 (reserved in -01), run of 24
        assertEquals(24, TransportCcFeedback.decodeChunk(0b0_11_0000000011000, run, 0, 300));
        assertEquals(3, run[23]);
        // §3.1.4 example 1: |1|0|0 1 1 1 1 1 0 0 0 1 1 1 0 0| 1x not, 5x rcvd, 3x not, 3x rcvd, 2x not
        assertEquals(14, TransportCcFeedback.decodeChunk(0b1_0_01111100011100, s, 0, 14));
        assertArrayEquals(new int[] {0, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0}, s);
        // Example 2: |1|1|0 0 1 1 0 1 0 1 0 1 0 0 0 0| seven 2-bit symbols
        assertEquals(7, TransportCcFeedback.decodeChunk(0b1_1_00110101010000, s, 0, 14));
        assertArrayEquals(new int[] {0, 3, 1, 1, 1, 0, 0}, Arrays.copyOf(s, 7));
        assertEquals(3, TransportCcFeedback.decodeChunk(0xCD50, s, 0, 3)); // cropped to count
    }

    /** Built field by field from the draft's §3.1 layout. */
    static final byte[] SMALL_FEEDBACK = bytes(
            0xAF, 0xCD, 0x00, 0x06, // V=2 P=1 FMT=15, PT=205 RTPFB, length 6 -> 28 bytes
            0x00, 0x00, 0x00, 0x01, // SSRC of packet sender
            0xCA, 0xFE, 0xBA, 0xBE, // SSRC of media source
            0x00, 0x64, 0x00, 0x04, // base sequence number 100, packet status count 4
            0x00, 0x00, 0x0F, 0x00, // reference time 15 (x 64 ms = 960 ms), fb pkt. count 0
            0xD1, 0x80,             // 2-bit vector |1|1|01 00 01 10 00 00 00|: small, not, small, large
            0xA0,                   // seq 100: 1000 ms - 960 ms = 160 x 250 us
            0x04,                   // seq 102: +1 ms = 4 x 250 us
            0xFF, 0xFE,             // seq 103: -0.5 ms = -2 x 250 us, 16-bit signed
            0x00, 0x02);            // RFC 3550 padding: zero, then the count (2) in the last octet

    @Test
    void writesASmallFeedbackByteForByte() {
        TransportCcRecorder r = new TransportCcRecorder();
        r.record(100, 1_000_000);
        r.record(103, 1_000_500); // arrives before 102: a negative delta in sequence order
        r.record(102, 1_001_000);
        byte[] out = new byte[64];
        int len = r.writeFeedback(out, 3, SENDER, MEDIA);
        assertEquals(28, len);
        assertArrayEquals(SMALL_FEEDBACK, Arrays.copyOfRange(out, 3, 3 + len));
        assertTrue(Rtcp.isValid(SMALL_FEEDBACK, 0, 28));

        Feedback f = decode(SMALL_FEEDBACK, 0, 28);
        assertEquals(100, f.base());
        assertArrayEquals(new int[] {SMALL_DELTA, NOT_RECEIVED, SMALL_DELTA, LARGE_DELTA}, f.symbols());
        assertArrayEquals(new int[] {160, 0, 4, -2}, f.deltas());
        assertEquals(0, r.writeFeedback(out, 0, SENDER, MEDIA)); // nothing new
    }

    @Test
    void mixedPatternAcrossTheWrapRoundTrips() {
        long t0 = 5_000_000;
        Map<Integer, Long> arrivals = new LinkedHashMap<>(); // in arrival order
        arrivals.put(65530, t0);
        arrivals.put(65531, t0 + 1000);
        arrivals.put(65532, t0 + 2000);
        // 65533, 65534 lost
        arrivals.put(65535, t0 + 3500);
        arrivals.put(0, t0 + 4000);
        arrivals.put(1, t0 + 104_000);       // 100 ms gap: 400 units, 2-byte delta
        arrivals.put(3, t0 + 105_000);       // 2 lost for now, arrives below
        arrivals.put(2, t0 + 104_500);
        arrivals.put(5, t0 + 104_250);       // overtakes 4: negative delta for 5
        arrivals.put(4, t0 + 105_000);
        for (int s = 6; s < 26; s++) {
            arrivals.put(s, t0 + 106_000 + 500L * (s - 6)); // a run for a run length chunk
        }
        TransportCcRecorder r = new TransportCcRecorder();
        arrivals.forEach(r::record);
        byte[] out = new byte[1200];
        int len = r.writeFeedback(out, 0, SENDER, MEDIA);
        assertTrue(Rtcp.isValid(out, 0, len));
        assertTrue(TransportCcFeedback.isTransportCc(out, 0, len));
        assertEquals(SENDER, Rtcp.senderSsrc(out, 0));
        assertEquals(MEDIA, Rtcp.mediaSsrc(out, 0));

        Feedback f = decode(out, 0, len);
        assertEquals(65530, f.base());
        assertEquals(32, f.count()); // 65530..65535 and 0..25
        assertEquals(Math.floorDiv(t0, 64_000), f.referenceTime());
        assertEquals(0, f.fbCount());
        assertEquals(NOT_RECEIVED, f.symbols()[3]);
        assertEquals(NOT_RECEIVED, f.symbols()[4]);
        assertEquals(LARGE_DELTA, f.symbols()[7]);   // seq 1
        assertEquals(400, f.deltas()[7]);
        assertEquals(LARGE_DELTA, f.symbols()[11]);  // seq 5
        assertEquals(-3, f.deltas()[11]);
        assertEquals(Map.of(), mismatches(f, arrivals));
        // 7 two-bit symbols twice around the large deltas, then one run for seq 6..25
        assertEquals(List.of("2bit", "2bit", "run"), chunkKinds(out, f));
    }

    @Test
    void feedbacksContinueWhereTheLastStoppedAndCount() {
        TransportCcRecorder r = new TransportCcRecorder();
        byte[] out = new byte[200];
        r.record(1, 0);
        r.record(2, 1000);
        r.record(3, 2000);
        assertEquals(0, decode(out, 0, r.writeFeedback(out, 0, SENDER, MEDIA)).fbCount());
        r.record(0, 3000);   // too late: already reported as not received
        r.record(2, 3000);   // duplicate of a reported packet
        assertEquals(0, r.writeFeedback(out, 0, SENDER, MEDIA));
        r.record(6, 64_000 * 3 + 10);
        Feedback f = decode(out, 0, r.writeFeedback(out, 0, SENDER, MEDIA));
        assertEquals(List.of("1bit"), chunkKinds(out, f));
        assertEquals(4, f.base());
        assertArrayEquals(new int[] {NOT_RECEIVED, NOT_RECEIVED, SMALL_DELTA}, f.symbols());
        assertEquals(3, f.referenceTime());
        assertEquals(1, f.fbCount());
        for (int i = 2; i < 300; i++) { // the 8-bit counter wraps
            r.record(6 + i, 200_000 + i);
            assertEquals(i & 0xFF, decode(out, 0, r.writeFeedback(out, 0, SENDER, MEDIA)).fbCount());
        }
    }

    @Test
    void aGapBelowTheHighestIsReportedNotReceived() {
        TransportCcRecorder r = new TransportCcRecorder();
        byte[] out = new byte[200];
        r.record(10, 0);
        r.record(13, 2000);
        r.record(11, 1000); // 12 still missing, but 13 came after it
        Feedback f = decode(out, 0, r.writeFeedback(out, 0, SENDER, MEDIA));
        assertArrayEquals(new int[] {SMALL_DELTA, SMALL_DELTA, NOT_RECEIVED, SMALL_DELTA}, f.symbols());
    }

    @Test
    void deltaBeyondTwoBytesStartsANewFeedback() {
        TransportCcRecorder r = new TransportCcRecorder();
        r.record(1, 0);
        r.record(2, 10_000_000); // 10 s > 8191.75 ms
        byte[] out = new byte[200];
        Feedback a = decode(out, 0, r.writeFeedback(out, 0, SENDER, MEDIA));
        assertEquals(1, a.count());
        Feedback b = decode(out, 0, r.writeFeedback(out, 0, SENDER, MEDIA));
        assertEquals(2, b.base());
        assertEquals(1, b.count());
        assertEquals(10_000_000, b.referenceUs() + b.deltas()[0] * 250L);
    }

    @Test
    void stateIsBoundedWhenFeedbackIsNeverSent() {
        TransportCcRecorder r = new TransportCcRecorder();
        for (int s = 0; s < 5000; s++) {
            r.record(s, 1000L * s);
        }
        byte[] out = new byte[4096];
        int firstKept = 5000 - TransportCcRecorder.CAPACITY;
        int expectedBase = firstKept;
        while (true) {
            int len = r.writeFeedback(out, 0, SENDER, MEDIA);
            if (len == 0) {
                break;
            }
            Feedback f = decode(out, 0, len);
            assertEquals(expectedBase & 0xFFFF, f.base());
            assertTrue(f.count() <= TransportCcRecorder.MAX_STATUSES);
            for (int i = 0; i < f.count(); i++) {
                assertEquals(SMALL_DELTA, f.symbols()[i]);
            }
            expectedBase += f.count();
        }
        assertEquals(5000, expectedBase);
    }

    @Test
    void feedbackIsSplitToFitTheBuffer() {
        TransportCcRecorder r = new TransportCcRecorder();
        Map<Integer, Long> arrivals = new LinkedHashMap<>();
        Random rnd = new Random(3);
        long t = 1_000_000;
        for (int s = 65000; s < 65000 + 900; s++) {
            t += rnd.nextInt(3) == 0 ? 70_000 : rnd.nextInt(2000); // some 2-byte deltas
            if (rnd.nextInt(10) != 0) {
                arrivals.put(s & 0xFFFF, t);
            }
        }
        arrivals.forEach(r::record);
        byte[] out = new byte[150];
        Map<Integer, Long> reported = new LinkedHashMap<>();
        int next = arrivals.keySet().iterator().next(); // 65000 may be among the lost
        int len;
        while ((len = r.writeFeedback(out, 0, SENDER, MEDIA)) > 0) {
            assertTrue(len <= out.length);
            assertTrue(Rtcp.isValid(out, 0, len));
            Feedback f = decode(out, 0, len);
            assertEquals(next & 0xFFFF, f.base());
            assertEquals(Map.of(), mismatches(f, arrivals));
            long at = f.referenceUs();
            for (int i = 0; i < f.count(); i++) {
                at += f.deltas()[i] * 250L;
                if (f.symbols()[i] != NOT_RECEIVED) {
                    reported.put((f.base() + i) & 0xFFFF, at);
                }
            }
            next += f.count();
        }
        assertEquals(arrivals.keySet(), reported.keySet());
    }

    @Test
    void readsTheSequenceNumberFromTheHeaderExtension() {
        byte[] rtp = bytes(
                0x90, 0x60, 0x00, 0x01, // V=2 X=1, PT 96, seq 1
                0x00, 0x00, 0x00, 0x00, // timestamp
                0x11, 0x22, 0x33, 0x44, // SSRC
                0xBE, 0xDE, 0x00, 0x01, // RFC 8285 one-byte form, 1 word
                0x31, 0x12, 0x34, 0x00, // id 3 L=1: transport-wide seq 0x1234, padding
                0xAA);                  // payload
        TransportCcRecorder r = new TransportCcRecorder();
        assertFalse(r.recordPacket(rtp, 0, rtp.length, 4, 0));
        assertTrue(r.recordPacket(rtp, 0, rtp.length, 3, 0));
        byte[] out = new byte[64];
        assertEquals(0x1234, decode(out, 0, r.writeFeedback(out, 0, SENDER, MEDIA)).base());
    }

    @Test
    void malformedFeedbackIsRejectedNotThrown() {
        int[] s = new int[65536];
        int[] d = new int[65536];
        byte[] cut = Arrays.copyOf(SMALL_FEEDBACK, 24);
        cut[0] = (byte) 0x8F;
        assertEquals(-1, TransportCcFeedback.decode(cut, 0, 24, s, d)); // deltas missing
        Random rnd = new Random(5);
        byte[] buf = new byte[64];
        for (int i = 0; i < 20_000; i++) {
            rnd.nextBytes(buf);
            buf[0] = (byte) 0x8F;
            buf[1] = (byte) Rtcp.RTPFB;
            int len = 20 + 4 * rnd.nextInt(12);
            int decoded = TransportCcFeedback.decode(buf, 0, len, s, d);
            int[] visited = {0};
            boolean walked = TransportCcFeedback.forEachPacket(buf, 0, len, (seq, r, at) -> visited[0]++);
            assertEquals(decoded >= 0, walked); // the two readers agree on what is well formed
            assertEquals(walked ? decoded : 0, visited[0]);
        }
    }

    /** One status as forEachPacket reports it. */
    record Visit(int seq, boolean received, long arrivalUs) {
    }

    private static List<Visit> visits(byte[] buf, int off, int len) {
        List<Visit> out = new ArrayList<>();
        assertTrue(TransportCcFeedback.forEachPacket(buf, off, len,
                (seq, received, at) -> out.add(new Visit(seq, received, at))));
        return out;
    }

    @Test
    void visitsEveryStatusOfTheTwoBitExample() {
        assertEquals(List.of(new Visit(100, true, 1_000_000), new Visit(101, false, 0),
                new Visit(102, true, 1_001_000), new Visit(103, true, 1_000_500)),
                visits(SMALL_FEEDBACK, 0, SMALL_FEEDBACK.length));
    }

    @Test
    void visitsRunLengthAndOneBitChunksAcrossTheWrapWithANegativeReferenceTime() {
        byte[] fb = bytes(
                0x8F, 0xCD, 0x00, 0x07, // V=2 FMT=15, PT=205, length 7 -> 32 bytes
                0x00, 0x00, 0x00, 0x01, 0xCA, 0xFE, 0xBA, 0xBE,
                0xFF, 0xFE, 0x00, 0x14, // base 65534, 20 statuses
                0xFF, 0xFF, 0xFF, 0x07, // reference time -1 (-64 ms, signed 24 bits), fb count 7
                0x20, 0x02,             // §3.1.3 run: |0|01|0000000000010| two small deltas
                0x98, 0x00,             // §3.1.4 1-bit: |1|0|01100000000000| not, rcvd, rcvd, 11x not
                0x00, 0x04,             // run of 4 "not received"
                0x04, 0x08, 0x01, 0x00);// deltas: 1 ms, 2 ms, 0.25 ms, 0
        List<Visit> v = visits(fb, 0, fb.length);
        assertEquals(20, v.size());
        assertEquals(new Visit(65534, true, -63_000), v.get(0));
        assertEquals(new Visit(65535, true, -61_000), v.get(1));
        assertEquals(new Visit(0, false, 0), v.get(2));
        assertEquals(new Visit(1, true, -60_750), v.get(3));
        assertEquals(new Visit(2, true, -60_750), v.get(4));
        for (int i = 5; i < 20; i++) {
            assertEquals(new Visit(i - 2, false, 0), v.get(i));
        }
    }

    @Test
    void recordedArrivalsReadBackThroughTheVisitor() {
        TransportCcRecorder r = new TransportCcRecorder();
        Map<Integer, Long> arrivals = new LinkedHashMap<>();
        Random rnd = new Random(11);
        long t = 7_000_000;
        for (int s = 65_200; s < 65_200 + 1500; s++) {
            t += rnd.nextInt(5) == 0 ? rnd.nextInt(90_000) : rnd.nextInt(1500);
            if (rnd.nextInt(8) != 0) {
                arrivals.put(s & 0xFFFF, t);
            }
        }
        arrivals.forEach(r::record);
        byte[] out = new byte[400];
        Map<Integer, Long> read = new LinkedHashMap<>();
        int statuses = 0;
        int len;
        while ((len = r.writeFeedback(out, 0, SENDER, MEDIA)) > 0) {
            for (Visit v : visits(out, 0, len)) {
                statuses++;
                if (v.received()) {
                    read.put(v.seq(), v.arrivalUs());
                }
            }
        }
        assertTrue(statuses >= arrivals.size());
        Map<Integer, Long> expected = new LinkedHashMap<>();
        arrivals.forEach((seq, at) -> expected.put(seq, Math.floorDiv(at, 250) * 250));
        assertEquals(expected, read);
    }

    @Test
    void malformedFeedbackReachesNoVisitor() {
        byte[] cut = Arrays.copyOf(SMALL_FEEDBACK, 24);
        cut[0] = (byte) 0x8F;
        List<Integer> seen = new ArrayList<>();
        assertFalse(TransportCcFeedback.forEachPacket(cut, 0, 24, (s, r, a) -> seen.add(s)));
        byte[] reserved = SMALL_FEEDBACK.clone();
        reserved[20] = (byte) 0xF1; // first 2-bit symbol 11
        assertFalse(TransportCcFeedback.forEachPacket(reserved, 0, 28, (s, r, a) -> seen.add(s)));
        assertEquals(List.of(), seen);
    }

    private static Feedback decode(byte[] buf, int off, int len) {
        assertTrue(len > 0);
        assertTrue(TransportCcFeedback.isTransportCc(buf, off, len));
        int count = TransportCcFeedback.statusCount(buf, off);
        int[] symbols = new int[count];
        int[] deltas = new int[count];
        assertEquals(count, TransportCcFeedback.decode(buf, off, len, symbols, deltas));
        return new Feedback(TransportCcFeedback.baseSequence(buf, off), count,
                TransportCcFeedback.referenceTime(buf, off), TransportCcFeedback.feedbackCount(buf, off),
                symbols, deltas, len);
    }

    /**
     * Checks each status against the recorded arrivals: received iff recorded, and the arrival
     * time rebuilt from the reference time and the deltas equals the recorded one rounded down to
     * 250 us. Returns seq -> problem for every mismatch.
     */
    private static Map<Integer, String> mismatches(Feedback f, Map<Integer, Long> arrivals) {
        Map<Integer, String> bad = new LinkedHashMap<>();
        long at = f.referenceUs();
        for (int i = 0; i < f.count(); i++) {
            int seq = (f.base() + i) & 0xFFFF;
            Long t = arrivals.get(seq);
            int sym = f.symbols()[i];
            if (t == null) {
                if (sym != NOT_RECEIVED) {
                    bad.put(seq, "reported received");
                }
                continue;
            }
            at += f.deltas()[i] * 250L;
            int d = f.deltas()[i];
            int expectedSymbol = d >= 0 && d <= 255 ? SMALL_DELTA : LARGE_DELTA;
            if (sym != expectedSymbol) {
                bad.put(seq, "symbol " + sym + " for delta " + d);
            } else if (at != Math.floorDiv(t, 250) * 250) {
                bad.put(seq, "arrival " + at + " != " + t);
            }
        }
        return bad;
    }

    private static List<String> chunkKinds(byte[] buf, Feedback f) {
        List<String> kinds = new ArrayList<>();
        int[] scratch = new int[f.count()];
        int n = 0;
        for (int p = 20; n < f.count(); p += 2) {
            int chunk = Bytes.u16(buf, p);
            kinds.add((chunk & 0x8000) == 0 ? "run" : (chunk & 0x4000) == 0 ? "1bit" : "2bit");
            n += TransportCcFeedback.decodeChunk(chunk, scratch, n, f.count() - n);
        }
        return kinds;
    }
}
