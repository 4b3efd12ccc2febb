package dev.beam.media.rtp;

import static dev.beam.media.rtp.TestBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodecKeyframeTest {
    // RFC 6386 §9.1 frame tag (3 bytes, little-endian; bit 0 is P, 0 = key frame) + start code.
    private static final byte[] VP8_KEY_HEADER = bytes(0x50, 0x42, 0x00, 0x9D, 0x01, 0x2A, 0x80, 0x02);
    private static final byte[] VP8_DELTA_HEADER = bytes(0x51, 0x42, 0x00, 0x11, 0x22, 0x33);

    private static boolean vp8(byte[] descriptor, byte[] header) {
        byte[] p = TestBytes.concat(bytes(0xEE, 0xEE), descriptor, header); // at an offset
        return Vp8.isKeyframe(p, 2, p.length - 2);
    }

    @Test
    void vp8MinimalDescriptor() {
        byte[] d = bytes(0x10); // X=0 R=0 N=0 S=1 R=0 PID=0
        assertTrue(vp8(d, VP8_KEY_HEADER));
        assertFalse(vp8(d, VP8_DELTA_HEADER));
        assertFalse(vp8(bytes(0x00), VP8_KEY_HEADER)); // S=0: continuation
        assertFalse(vp8(bytes(0x11), VP8_KEY_HEADER)); // S=1 PID=1: not partition 0
        assertTrue(vp8(bytes(0x30), VP8_KEY_HEADER));  // N (non-reference) does not matter
    }

    @Test
    void vp8AllExtensionFields() {
        byte[] d = bytes(
                0x90,       // X=1 S=1 PID=0
                0xF0,       // I=1 L=1 T=1 K=1
                0x80, 0x7B, // M=1: 15-bit PictureID 123
                0x05,       // TL0PICIDX
                0x60);      // TID=1 Y=1 KEYIDX=0
        assertEquals(6, Vp8.descriptorLength(d, 0, d.length));
        assertEquals(123, Vp8.pictureId(d, 0, d.length));
        assertTrue(vp8(d, VP8_KEY_HEADER));
        assertFalse(vp8(d, VP8_DELTA_HEADER));

        byte[] shortId = bytes(0x90, 0x80, 0x2A); // I only, 7-bit PictureID 42
        assertEquals(3, Vp8.descriptorLength(shortId, 0, shortId.length));
        assertEquals(42, Vp8.pictureId(shortId, 0, shortId.length));
        assertTrue(vp8(shortId, VP8_KEY_HEADER));

        byte[] kOnly = bytes(0x90, 0x10, 0x1F); // K alone still takes the T/K byte
        assertEquals(3, Vp8.descriptorLength(kOnly, 0, kOnly.length));
        assertEquals(-1, Vp8.pictureId(kOnly, 0, kOnly.length));
        assertTrue(vp8(kOnly, VP8_KEY_HEADER));
    }

    @Test
    void vp8TruncatedOrGarbledIsNotAKeyframe() {
        assertFalse(vp8(bytes(0x90, 0xF0, 0x80), bytes()));           // descriptor cut short
        assertFalse(vp8(bytes(0x10), bytes(0x50, 0x42)));             // frame tag cut short
        assertTrue(vp8(bytes(0x10), bytes(0x50, 0x42, 0x00)));        // tag only: P bit decides
        assertFalse(vp8(bytes(0x10), bytes(0x50, 0x42, 0x00, 0x9D, 0x01, 0x2B))); // bad start code
        assertFalse(Vp8.isKeyframe(bytes(), 0, 0));
        assertFalse(Vp8.isKeyframe(bytes(0x10, 0x50), 0, 5));          // len past the array
    }

    @Test
    void h264SingleNalUnits() {
        assertTrue(H264.isKeyframe(bytes(0x65, 0x88, 0x84), 0, 3));  // NRI=3 type 5 IDR
        assertTrue(H264.isKeyframe(bytes(0x67, 0x42, 0xC0), 0, 3));  // type 7 SPS
        assertFalse(H264.isKeyframe(bytes(0x68, 0xCE, 0x3C), 0, 3)); // type 8 PPS
        assertFalse(H264.isKeyframe(bytes(0x41, 0x9A, 0x00), 0, 3)); // type 1 non-IDR slice
        assertFalse(H264.isKeyframe(bytes(0x06, 0x05), 0, 2));       // type 6 SEI
        assertFalse(H264.isKeyframe(bytes(), 0, 0));
    }

    @Test
    void h264StapA() {
        byte[] stap = bytes(
                0x78,             // F=0 NRI=3 type 24 STAP-A
                0x00, 0x02,       // NALU 1 size
                0x06, 0x05,       // SEI
                0x00, 0x03,       // NALU 2 size
                0x67, 0x42, 0xC0, // SPS
                0x00, 0x02,       // NALU 3 size
                0x68, 0xCE);      // PPS
        assertTrue(H264.isKeyframe(stap, 0, stap.length));
        byte[] noKey = stap.clone();
        noKey[7] = 0x61;          // SPS -> non-IDR slice
        assertFalse(H264.isKeyframe(noKey, 0, noKey.length));
        byte[] badSize = stap.clone();
        badSize[2] = 0x20;        // first NALU overruns the packet
        assertFalse(H264.isKeyframe(badSize, 0, badSize.length));
        assertFalse(H264.isKeyframe(stap, 0, 1));
    }

    @Test
    void h264FuA() {
        assertTrue(H264.isKeyframe(bytes(0x7C, 0x85, 0xB8), 0, 3));  // FU-A, S=1, IDR
        assertTrue(H264.isKeyframe(bytes(0x7C, 0x87, 0xB8), 0, 3));  // FU-A, S=1, SPS
        assertFalse(H264.isKeyframe(bytes(0x7C, 0x05, 0xB8), 0, 3)); // middle fragment
        assertFalse(H264.isKeyframe(bytes(0x7C, 0x45, 0xB8), 0, 3)); // E=1 last fragment
        assertFalse(H264.isKeyframe(bytes(0x7C, 0x81, 0xB8), 0, 3)); // start of a non-IDR slice
        assertFalse(H264.isKeyframe(bytes(0x7C), 0, 1));             // no FU header
        assertFalse(H264.isKeyframe(bytes(0x7D, 0x85, 0, 0), 0, 4)); // FU-B: not supported
    }

    // Real payloads from Chromium 156 (src/test/resources/rtp: how they were captured, and what the
    // keyframe-start column means).

    private record Fixture(String name, boolean keyframeStart, byte[] payload) {
        /** The payload at an offset inside a larger buffer, as the server passes it. */
        byte[] atOffset() {
            return TestBytes.concat(bytes(0xEE, 0xEE, 0xEE), payload, bytes(0xEE));
        }
    }

    private static Map<String, Fixture> fixtures(String resource) throws IOException {
        Map<String, Fixture> fixtures = new LinkedHashMap<>();
        try (InputStream in = CodecKeyframeTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                assertEquals(3, f.length, line);
                assertTrue(f[1].equals("true") || f[1].equals("false"), line);
                fixtures.put(f[0], new Fixture(f[0], Boolean.parseBoolean(f[1]), HexFormat.of().parseHex(f[2])));
            }
        }
        return fixtures;
    }

    private static boolean vp8(Fixture f) {
        return Vp8.isKeyframe(f.atOffset(), 3, f.payload().length);
    }

    private static boolean h264(Fixture f) {
        return H264.isKeyframe(f.atOffset(), 3, f.payload().length);
    }

    @Test
    void vp8FromChromium() throws IOException {
        Map<String, Fixture> all = fixtures("/rtp/chromium-156-vp8.txt");
        // PictureIDs as Chromium sent them: 15-bit (M=1), one per frame.
        Map<String, Integer> pictureIds = Map.of(
                "vp8-key-start-640x360", 21847,
                "vp8-key-continuation", 21847,
                "vp8-delta-start", 21848,
                "vp8-delta-continuation", 21852,
                "vp8-key-start-480x270", 21894);
        assertEquals(pictureIds.keySet(), all.keySet());
        for (Fixture f : all.values()) {
            byte[] p = f.payload();
            assertEquals(f.keyframeStart(), vp8(f), f.name());
            assertEquals(4, Vp8.descriptorLength(p, 0, p.length), f.name()); // X=1 I=1 M=1
            assertEquals(pictureIds.get(f.name()), Vp8.pictureId(p, 0, p.length), f.name());
            assertEquals(!f.name().endsWith("-continuation"), Vp8.isStartOfFrame(p, 0, p.length), f.name());
        }
    }

    @Test
    void h264FromChromium() throws IOException {
        Map<String, Fixture> all = fixtures("/rtp/chromium-156-h264.txt");
        assertEquals(7, all.size());
        for (Fixture f : all.values()) {
            // The FU-A starting the IDR slice carries a key NAL unit too, one packet after the
            // STAP-A that starts the frame: the receive stream marks only the first per frame.
            boolean carriesKeyNalStart = f.keyframeStart() || f.name().equals("h264-fu-a-idr-start");
            assertEquals(carriesKeyNalStart, h264(f), f.name());
        }
        assertEquals(H264.STAP_A, all.get("h264-stap-a-sps-pps-640x360").payload()[0] & 0x1F);
        assertEquals(H264.FU_A, all.get("h264-fu-a-idr-middle").payload()[0] & 0x1F);
        assertEquals(1, all.get("h264-single-nal-slice").payload()[0] & 0x1F);
    }
}
