package dev.beam.media.rtp;

import static dev.beam.media.rtp.RtpTestPackets.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beam.media.rtp.Rtcp;
import dev.beam.media.rtp.RtcpWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NacksTest {
    /** RR without report blocks, then a generic NACK with two FCI entries. */
    static final byte[] RR_NACK = bytes(
            0x80, 0xC9, 0x00, 0x01, // V=2 RC=0, PT=201 RR, length 1 -> 8 bytes
            0x00, 0x00, 0x00, 0x09, // SSRC of packet sender
            0x81, 0xCD, 0x00, 0x04, // V=2 FMT=1, PT=205 RTPFB, length 4 -> 20 bytes        @8
            0x00, 0x00, 0x00, 0x09, // SSRC of packet sender
            0xCA, 0xFE, 0xBA, 0xBE, // SSRC of media source
            0xFF, 0xFA, 0x80, 0x05, // PID 65530; BLP bits 0, 2, 15: 65531, 65533, 65546 = 10
            0x00, 0x64, 0x00, 0x00);// PID 100, BLP 0

    static final byte[] PLI = bytes(
            0x81, 0xCE, 0x00, 0x02,
            0x00, 0x00, 0x00, 0x09,
            0xCA, 0xFE, 0xBA, 0xBE);

    @Test
    void listsPidAndEveryBlpBitInACompound() {
        List<Integer> seqs = new ArrayList<>();
        int packets = Rtcp.forEach(RR_NACK, 0, RR_NACK.length,
                (buf, off, len) -> Nacks.forEachNackedSeq(buf, off, len, seqs::add));
        assertEquals(2, packets);
        assertEquals(List.of(65530, 65531, 65533, 10, 100), seqs);
    }

    @Test
    void fullBlpCoversSeventeenPackets() {
        byte[] nack = new byte[16];
        RtcpWriter.writeNack(nack, 0, 1, 2, 65535, 0xFFFF);
        List<Integer> seqs = new ArrayList<>();
        Nacks.forEachNackedSeq(nack, 0, nack.length, seqs::add);
        List<Integer> expected = new ArrayList<>();
        expected.add(65535);
        for (int s = 0; s < 16; s++) {
            expected.add(s);
        }
        assertEquals(expected, seqs);
    }

    @Test
    void ignoresOtherFeedback() {
        List<Integer> seqs = new ArrayList<>();
        Nacks.forEachNackedSeq(PLI, 0, PLI.length, seqs::add);
        assertEquals(List.of(), seqs);
    }
}
