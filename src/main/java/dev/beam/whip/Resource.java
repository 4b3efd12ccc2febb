package dev.beam.whip;

import dev.beam.signaling.ClientMessage;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What a WHIP or WHEP path names: the endpoint of a room ({@code /{room}}) or a session's
 * resource ({@code /{room}/{session}}).
 */
record Resource(String room, String session) {
    private static final String SESSION_ID = "[a-z]{4}-[0-9a-f]{16}";

    static Resource of(String pathInfo) throws HttpProblem {
        String[] parts = pathInfo == null ? new String[0] : pathInfo.substring(1).split("/", -1);
        if (parts.length < 1 || parts.length > 2 || !parts[0].matches(ClientMessage.ROOM_NAME)) {
            throw new HttpProblem(HttpServletResponse.SC_NOT_FOUND, "no such endpoint: the path is /{room} or"
                    + " /{room}/{session}, room names being 1-64 letters, digits, '-' or '_'");
        }
        if (parts.length == 2 && !parts[1].matches(SESSION_ID)) {
            throw new HttpProblem(HttpServletResponse.SC_NOT_FOUND, "no session '" + brief(parts[1]) + "'");
        }
        return new Resource(parts[0], parts.length == 2 ? parts[1] : null);
    }

    /** The methods this resource allows. */
    String allowed() {
        return session == null ? "OPTIONS, POST" : "OPTIONS, PATCH, DELETE";
    }

    private static String brief(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
