package dev.beam.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageAssemblerTest {
    private final MessageAssembler assembler = new MessageAssembler(10);

    @Test
    void aWholeMessagePassesStraightThrough() throws Exception {
        assertEquals(Optional.of("0123456789"), assembler.add("0123456789", true));
    }

    @Test
    void joinsParts() throws Exception {
        assertEquals(Optional.empty(), assembler.add("01234", false));
        assertEquals(Optional.of("0123456"), assembler.add("56", true));
        assertEquals(Optional.of("next"), assembler.add("next", true));
    }

    @Test
    void refusesAMessageOverTheLimitAndStartsAfresh() throws Exception {
        assembler.add("012345", false);

        MessageAssembler.TooBigException e = assertThrows(MessageAssembler.TooBigException.class,
                () -> assembler.add("6789X", false));
        assertEquals("message larger than 10 characters", e.getMessage());
        assertEquals(Optional.of("ok"), assembler.add("ok", true));
    }

    @Test
    void refusesASinglePartOverTheLimit() {
        assertThrows(MessageAssembler.TooBigException.class, () -> assembler.add("x".repeat(11), true));
    }

    @Test
    void theProductionLimitIs64KiB() throws Exception {
        MessageAssembler production = new MessageAssembler(MessageCodec.MAX_FRAME_CHARS);

        assertEquals(65536, production.add("x".repeat(65536), true).orElseThrow().length());
        assertThrows(MessageAssembler.TooBigException.class, () -> production.add("x".repeat(65537), true));
    }
}
