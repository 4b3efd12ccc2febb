package dev.beam.whip;

import dev.beam.room.Role;
import jakarta.servlet.annotation.WebServlet;

/** WHEP playback (draft-ietf-wish-whep-04): {@code /whep/{room}} takes a viewer's receive-only offer. */
@WebServlet("/whep/*")
public class WhepServlet extends WishServlet {
    @Override
    Role role() {
        return Role.VIEWER;
    }

    @Override
    String protocol() {
        return "WHEP";
    }
}
