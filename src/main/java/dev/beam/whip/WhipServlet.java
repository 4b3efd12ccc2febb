package dev.beam.whip;

import dev.beam.room.Role;
import jakarta.servlet.annotation.WebServlet;

/** WHIP ingest (RFC 9725): {@code /whip/{room}} takes a broadcaster's offer. */
@WebServlet("/whip/*")
public class WhipServlet extends WishServlet {
    @Override
    Role role() {
        return Role.BROADCASTER;
    }

    @Override
    String protocol() {
        return "WHIP";
    }
}
