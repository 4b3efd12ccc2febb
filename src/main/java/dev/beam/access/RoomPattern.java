package dev.beam.access;

import java.util.List;

/**
 * A room name in which {@code *} stands for any run of characters, none included: {@code main},
 * {@code team-*}, {@code *}. Matched literally otherwise (no other wildcard, case-sensitive).
 */
record RoomPattern(String pattern) {

    boolean matches(String room) {
        List<String> parts = List.of(pattern.split("\\*", -1));
        if (parts.size() == 1) {
            return room.equals(pattern);
        }
        String first = parts.get(0);
        String last = parts.get(parts.size() - 1);
        if (room.length() < first.length() + last.length() || !room.startsWith(first) || !room.endsWith(last)) {
            return false;
        }
        int at = first.length();
        int end = room.length() - last.length();
        for (String middle : parts.subList(1, parts.size() - 1)) {
            int found = room.indexOf(middle, at);
            if (found < 0 || found + middle.length() > end) {
                return false;
            }
            at = found + middle.length();
        }
        return true;
    }

    static boolean anyMatches(List<RoomPattern> patterns, String room) {
        return patterns.stream().anyMatch(pattern -> pattern.matches(room));
    }
}
