package dev.beam.signaling;

import dev.beam.config.SignalingSettings;
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
import java.util.logging.Logger;

/** Refuses the WebSocket handshake, with 403, from a browser origin that {@link OriginPolicy} does not allow. */
@WebFilter("/ws")
public class OriginFilter implements Filter {
    private static final Logger LOG = Logger.getLogger(OriginFilter.class.getName());

    @Inject
    SignalingSettings settings;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        String origin = http.getHeader("Origin");
        if (new OriginPolicy(settings).allows(origin, http.getHeader("Host"))) {
            chain.doFilter(request, response);
            return;
        }
        LOG.info(() -> "refused signaling connection from origin " + origin.replaceAll("[^\\x20-\\x7e]", "?") + " (set CORS_ORIGIN to allow it)");
        ((HttpServletResponse) response).sendError(HttpServletResponse.SC_FORBIDDEN,
                "this origin is not allowed to connect; see CORS_ORIGIN");
    }
}
