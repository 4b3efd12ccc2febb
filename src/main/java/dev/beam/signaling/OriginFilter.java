package dev.beam.signaling;

import dev.beam.config.AccessSettings;
import dev.beam.config.SignalingSettings;
import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Refuses, with 403, every WebSocket handshake from a browser origin that {@link OriginPolicy}
 * does not allow. It looks at every request of the application, not only {@code /ws}: Liberty
 * hands {@code /ws/}, {@code /ws//} and {@code /ws/;} to the same endpoint, and a filter mapped
 * to the one path never saw them. What makes a request a handshake is its {@code Upgrade:
 * websocket} header (RFC 6455 section 4.1), whatever the path.
 */
@WebFilter("/*")
public class OriginFilter implements Filter {
    private static final Logger LOG = Logger.getLogger(OriginFilter.class.getName());
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    @Inject
    SignalingSettings settings;

    @Inject
    AccessSettings access;

    private OriginPolicy policy;
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
    private final AtomicLong unlogged = new AtomicLong();

    @Override
    public void init(FilterConfig config) {
        policy = new OriginPolicy(settings, access);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        if (!isWebSocketHandshake(http)) {
            chain.doFilter(request, response);
            return;
        }
        String origin = http.getHeader("Origin");
        if (policy.allows(origin, http.getHeader("Host"))) {
            chain.doFilter(request, response);
            return;
        }
        logRefusal(origin);
        ((HttpServletResponse) response).sendError(HttpServletResponse.SC_FORBIDDEN,
                "this origin is not allowed to connect; see PUBLIC_ORIGIN and CORS_ORIGIN");
    }

    static boolean isWebSocketHandshake(HttpServletRequest request) {
        for (String upgrade : Collections.list(request.getHeaders("Upgrade"))) {
            if (upgrade.toLowerCase(Locale.ROOT).contains("websocket")) {
                return true;
            }
        }
        return false;
    }

    /** One line per 10 s at most, so that a flood of refused handshakes does not flood the log. */
    private void logRefusal(String origin) {
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last < LOG_INTERVAL_NANOS || !lastLogged.compareAndSet(last, now)) {
            unlogged.incrementAndGet();
            return;
        }
        long others = unlogged.getAndSet(0);
        String shown = origin.length() > 100 ? origin.substring(0, 100) + "..." : origin;
        LOG.info(() -> "refused signaling connection from origin " + shown.replaceAll("[^\\x20-\\x7e]", "?")
                + (others > 0 ? " (and " + others + " more refused since the last such line)" : "")
                + " (set PUBLIC_ORIGIN to the origin of the server's pages, or CORS_ORIGIN to allow another)");
    }
}
