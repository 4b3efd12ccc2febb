package dev.beam.signaling;

import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses a WebSocket handshake beyond the connection limits, before any WebSocket state exists
 * (on every path, as {@link OriginFilter} does: Liberty hands other spellings of {@code /ws} to
 * the endpoint too):
 * 429 when the client's address holds its maximum, 503 when the server does. An admitted
 * handshake's ticket goes to the endpoint through {@link HandshakeTickets}; if the handshake did
 * not take it (refused further down the chain, not an upgrade), it is given back here.
 */
@WebFilter("/*")
public class ConnectionAdmissionFilter implements Filter {
    static final int RETRY_AFTER_SECONDS = 10;
    /** Marks a request already admitted, should the container run this filter for it again. */
    private static final String ADMITTED = ConnectionAdmissionFilter.class.getName() + ".admitted";

    @Inject
    ConnectionAdmission admission;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getAttribute(ADMITTED) != null || !OriginFilter.isWebSocketHandshake((HttpServletRequest) request)) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(ADMITTED, Boolean.TRUE);
        ConnectionLimiter.Admission admitted = admission.admit(request.getRemoteAddr());
        if (!admitted.admitted()) {
            HttpServletResponse http = (HttpServletResponse) response;
            http.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            if (admitted.refusal() == ConnectionLimiter.Refusal.PER_ADDRESS) {
                http.sendError(429, "too many signaling connections from this address; see SIGNALING_MAX_CONNECTIONS_PER_ADDRESS");
            } else {
                http.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                        "the server holds its maximum of signaling connections; see SIGNALING_MAX_CONNECTIONS");
            }
            return;
        }
        HandshakeTickets.offer(admitted.ticket());
        try {
            chain.doFilter(request, response);
        } finally {
            if (!HandshakeTickets.takenAfterOffer()) {
                admitted.ticket().release();
            }
        }
    }
}
