package dev.beam.web;

import dev.beam.config.HttpsSettings;
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
 * Keeps browsers on HTTPS once they came over it: every HTTPS response carries
 * {@code Strict-Transport-Security} (RFC 6797 §6.1; never over plain HTTP, §7.2, and browsers
 * ignore it from a certificate they had to be told to accept, §8.1). With {@code HTTPS_REDIRECT},
 * plain HTTP requests are sent to the same URL over HTTPS with 308, which keeps the method and
 * body of a WHIP POST (RFC 9110 §15.4.9).
 *
 * <p>Behind a proxy that terminates TLS, requests arrive as plain HTTP: leave the redirect off
 * and let the proxy redirect and send the header (README, HTTPS).
 */
@WebFilter("/*")
public class TransportSecurityFilter implements Filter {
    @Inject
    HttpsSettings https;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest httpRequest = (HttpServletRequest) request;
        HttpServletResponse httpResponse = (HttpServletResponse) response;
        if (request.isSecure()) {
            if (!https.hstsMaxAge().isZero()) {
                httpResponse.setHeader("Strict-Transport-Security", "max-age=" + https.hstsMaxAge().toSeconds());
            }
        } else if (https.redirect()) {
            httpResponse.setStatus(308);
            httpResponse.setHeader("Location", httpsLocation(request.getServerName(), https.publicPort(),
                    httpRequest.getRequestURI(), httpRequest.getQueryString()));
            return;
        }
        chain.doFilter(request, response);
    }

    /** The HTTPS URL of a request for {@code path} and {@code query} (null: none) on {@code host}. */
    static String httpsLocation(String host, int port, String path, String query) {
        String name = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return "https://" + name + (port == 443 ? "" : ":" + port) + path + (query == null ? "" : "?" + query);
    }
}
