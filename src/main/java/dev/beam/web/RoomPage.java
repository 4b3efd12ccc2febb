package dev.beam.web;

import dev.beam.room.RoomSnapshot;
import java.util.List;

/**
 * One page of the room listing, and the totals over all rooms, so that {@code /api/info} answers
 * a bounded amount however many rooms exist.
 *
 * @param rooms      the rooms of this page, in name order
 * @param totalRooms rooms that exist
 * @param shownRooms rooms the query selects (all, or the one named)
 * @param liveRooms  rooms broadcasting
 * @param viewers    viewers in all rooms
 * @param offset     how many rooms come before this page
 * @param limit      the most rooms one page holds
 */
public record RoomPage(List<RoomSnapshot> rooms, int totalRooms, int shownRooms, int liveRooms, int viewers, int offset, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /**
     * The page of {@code all} (sorted by name) that the query parameters ask for: only the room
     * named {@code room} when that is given; absent offset and limit mean the first page of
     * {@value #DEFAULT_LIMIT}.
     *
     * @throws IllegalArgumentException for an offset or limit that is not a number in range
     */
    public static RoomPage of(List<RoomSnapshot> all, String room, String offsetParameter, String limitParameter) {
        int offset = parse("offset", offsetParameter, 0, 0, Integer.MAX_VALUE);
        int limit = parse("limit", limitParameter, DEFAULT_LIMIT, 1, MAX_LIMIT);
        int live = 0;
        int viewers = 0;
        for (RoomSnapshot snapshot : all) {
            live += snapshot.live() ? 1 : 0;
            viewers += snapshot.viewers();
        }
        List<RoomSnapshot> shown = room == null ? all : all.stream().filter(r -> r.name().equals(room)).toList();
        int from = Math.min(offset, shown.size());
        int to = (int) Math.min((long) from + limit, shown.size());
        return new RoomPage(List.copyOf(shown.subList(from, to)), all.size(), shown.size(), live, viewers, offset, limit);
    }

    /** Where the next page starts, or -1 when this is the last. */
    public int nextOffset() {
        long next = (long) offset + rooms.size();
        return rooms.size() == limit && next < shownRooms ? (int) next : -1;
    }

    private static int parse(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // refused below, like a number out of range
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max);
    }
}
