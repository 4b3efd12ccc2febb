package dev.beam.signaling;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import java.io.IOException;

/** Gives the WebSocket handshake the request's remote address, for {@link ClientAddress}. */
@WebFilter(urlPatterns = {"/ws", "/ws/*"})
public class ClientAddressFilter implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ClientAddress.during(request.getRemoteAddr(), () -> chain.doFilter(request, response));
    }
}
