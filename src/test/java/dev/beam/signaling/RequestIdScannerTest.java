package dev.beam.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestIdScannerTest {

    @Test
    void findsTheTopLevelIdWhereverItIs() {
        assertEquals(7L, RequestIdScanner.find("{\"type\":\"join-room\",\"id\":7}"));
        assertEquals(-3L, RequestIdScanner.find("{ \"id\" : -3 , \"type\":\"x\"}"));
        assertEquals(9L, RequestIdScanner.find("{\"a\":{\"id\":1},\"b\":\"\\\"id\\\":2\",\"id\":9}"));
    }

    @Test
    void findsItInTextThatIsNotValidJson() {
        assertEquals(12L, RequestIdScanner.find("{\"id\":12,\"type\":\"join-room\",\"room\":"));
    }

    @Test
    void noIdWhenThereIsNoIntegerOne() {
        assertNull(RequestIdScanner.find("{\"type\":\"x\"}"));
        assertNull(RequestIdScanner.find("{\"id\":\"7\"}"));
        assertNull(RequestIdScanner.find("{\"id\":1.5}"));
        assertNull(RequestIdScanner.find("{\"id\":99999999999999999999999}"));
        assertNull(RequestIdScanner.find("{\"x\":{\"id\":3}}"));
        assertNull(RequestIdScanner.find("\"id\":3"));
        assertNull(RequestIdScanner.find("{\"id"));
    }

    @Test
    void errorRepliesQuoteAShortPrefixOnly() {
        String quoted = ClientText.quote("x".repeat(70_000));
        assertTrue(quoted.length() <= ClientText.MAX_QUOTED + 1, quoted.length() + " chars");
        assertEquals("a?b", ClientText.quote("a\nb"));
        assertEquals("??", ClientText.quote("\u00e9\u202e"));
        assertTrue(ErrorFrames.capped("y".repeat(10_000)).length() <= ErrorFrames.MAX_MESSAGE_CHARS + 1);
    }

    @Test
    void anUnknownTypeIsQuotedShort() {
        SignalingException e = org.junit.jupiter.api.Assertions.assertThrows(SignalingException.class,
                () -> MessageCodecTest.CODEC.decode("{\"id\":4,\"type\":\"" + "t".repeat(60_000) + "\"}"));
        assertEquals(SignalingException.UNKNOWN_TYPE, e.code());
        assertEquals(4L, e.requestId());
        assertTrue(e.getMessage().length() < 120, e.getMessage());
    }

    @Test
    void malformedJsonKeepsTheIdWhenOneCanBeFound() {
        SignalingException e = org.junit.jupiter.api.Assertions.assertThrows(SignalingException.class,
                () -> MessageCodecTest.CODEC.decode("{\"id\":5,\"type\":\"join-room\",\"room\":[[["));
        assertEquals(SignalingException.BAD_JSON, e.code());
        assertEquals(5L, e.requestId());
    }

    @Test
    void theInternalErrorOfLastResortIsValidJsonWithTheId() {
        String frame = ErrorFrames.internalError(42L);
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(frame))) {
            var object = reader.readObject();
            assertEquals(42, object.getInt("id"));
            assertEquals("internal-error", object.getString("code"));
        }
    }
}
