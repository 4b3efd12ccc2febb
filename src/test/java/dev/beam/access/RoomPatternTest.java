package dev.beam.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoomPatternTest {

    @Test
    void aNameMatchesOnlyItself() {
        assertTrue(new RoomPattern("main").matches("main"));
        assertFalse(new RoomPattern("main").matches("Main"));
        assertFalse(new RoomPattern("main").matches("main2"));
    }

    @Test
    void aStarStandsForAnyRunOfCharacters() {
        assertTrue(new RoomPattern("*").matches("anything"));
        assertTrue(new RoomPattern("team-*").matches("team-"));
        assertTrue(new RoomPattern("team-*").matches("team-red"));
        assertFalse(new RoomPattern("team-*").matches("team"));
        assertTrue(new RoomPattern("*-live").matches("red-live"));
        assertTrue(new RoomPattern("a*b*c").matches("abc"));
        assertTrue(new RoomPattern("a*b*c").matches("a-b-b-c"));
        assertFalse(new RoomPattern("a*b*c").matches("a-c"));
        assertFalse(new RoomPattern("ab*ba").matches("aba"));
    }

    @Test
    void anyOfSeveralPatterns() {
        List<RoomPattern> patterns = List.of(new RoomPattern("secure-*"), new RoomPattern("vip"));

        assertTrue(RoomPattern.anyMatches(patterns, "vip"));
        assertTrue(RoomPattern.anyMatches(patterns, "secure-1"));
        assertFalse(RoomPattern.anyMatches(patterns, "main"));
        assertFalse(RoomPattern.anyMatches(List.of(), "main"));
    }
}
