package dev.beam.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beam.room.RoomSnapshot;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RoomPageTest {
    private final List<RoomSnapshot> rooms = IntStream.range(0, 20_000)
            .mapToObj(i -> new RoomSnapshot(String.format("room-%05d", i), i % 10 == 0, i % 10 == 0, i % 3))
            .toList();

    @Test
    void theFirstPageIsBoundedAndTheTotalsCoverEveryRoom() {
        RoomPage page = RoomPage.of(rooms, null, null, null);

        assertEquals(RoomPage.DEFAULT_LIMIT, page.rooms().size());
        assertEquals("room-00000", page.rooms().get(0).name());
        assertEquals(20_000, page.totalRooms());
        assertEquals(2_000, page.liveRooms());
        assertEquals(rooms.stream().mapToInt(RoomSnapshot::viewers).sum(), page.viewers());
        assertEquals(RoomPage.DEFAULT_LIMIT, page.nextOffset());
    }

    @Test
    void pagesFollowOneAnotherToTheLast() {
        RoomPage page = RoomPage.of(rooms, null, "19900", "200");

        assertEquals(100, page.rooms().size());
        assertEquals("room-19900", page.rooms().get(0).name());
        assertEquals(-1, page.nextOffset());
        assertEquals(0, RoomPage.of(rooms, null, "30000", "10").rooms().size());
    }

    @Test
    void oneRoomByName() {
        RoomPage page = RoomPage.of(rooms, "room-00042", null, null);

        assertEquals(List.of("room-00042"), page.rooms().stream().map(RoomSnapshot::name).toList());
        assertEquals(20_000, page.totalRooms());
        assertEquals(1, page.shownRooms());
        assertEquals(-1, page.nextOffset());
        assertEquals(0, RoomPage.of(rooms, "nowhere", null, null).rooms().size());
    }

    @Test
    void anOffsetOrLimitOutOfRangeIsRefused() {
        for (String[] query : new String[][] {{"-1", null}, {"x", null}, {null, "0"}, {null, "201"}, {null, "1e3"},
                {"99999999999", null}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RoomPage.of(rooms, null, query[0], query[1]));
            assertEquals(true, e.getMessage().contains("must be a whole number"), e.getMessage());
        }
    }
}
