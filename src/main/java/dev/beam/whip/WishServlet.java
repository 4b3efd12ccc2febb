package dev.beam.whip;

import dev.beam.access.AccessDenied;
import dev.beam.access.AccessTokens;
import dev.beam.room.Role;
import dev.beam.sdp.IceFragment;
import dev.beam.signaling.ClientMessage;
import dev.beam.turn.IceServer;
import dev.beam.turn.IceServers;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The HTTP side of WHIP (RFC 9725) and WHEP (draft-ietf-wish-whep-04), which differ only in the
 * role their sessions take: {@code POST /whip/{room}} (or {@code /whep/{room}}) with an SDP offer
 * opens a session and answers {@code 201} with its resource's {@code Location};
 * {@code PATCH} on the resource trickles candidates; {@code DELETE} ends it. Every response
 * allows any origin (CORS): access is by bearer token, never by cookie.
 */
abstract class WishServlet extends HttpServlet {
    static final String SDP = "application/sdp";
    static final String SDP_FRAGMENT = IceFragment.MEDIA_TYPE;
    /** Offers past this size are refused before they are read whole. */
    static final int MAX_BODY_BYTES = ClientMessage.MAX_SDP_CHARS;

    @Inject
    HttpPeers peers;

    @Inject
    IceServers iceServers;

    @Inject
    AccessTokens access;

    /** The role this protocol's sessions take in their room. */
    abstract Role role();

    /** The protocol's name, for messages. */
    abstract String protocol();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setHeader("Access-Control-Expose-Headers", "Location, ETag, Link, Accept-Patch, Accept-Post, Retry-After");
        try {
            Resource resource = Resource.of(request.getPathInfo());
            if (!request.getMethod().equals("OPTIONS")) {
                authorize(request, resource); // section 4.7: every request but the CORS preflight
            }
            switch (request.getMethod()) {
                case "OPTIONS" -> options(resource, response);
                case "POST" -> post(resource, request, response);
                case "PATCH" -> patch(resource, request, response);
                case "DELETE" -> delete(resource, response);
                case "GET", "HEAD" -> describe(resource, response);
                default -> throw notAllowed(resource, response);
            }
        } catch (HttpProblem problem) {
            refuse(problem, response);
        }
    }

    /** The CORS preflight, and what the resource takes (RFC 9725 section 4.2). */
    private void options(Resource resource, HttpServletResponse response) {
        response.setHeader("Allow", resource.allowed());
        response.setHeader("Access-Control-Allow-Methods", resource.allowed());
        response.setHeader("Access-Control-Allow-Headers", "Content-Type, Authorization, If-Match");
        response.setHeader("Access-Control-Max-Age", "86400");
        if (resource.session() == null) {
            response.setHeader("Accept-Post", SDP);
        } else {
            response.setHeader("Accept-Patch", SDP_FRAGMENT);
        }
        response.setStatus(HttpServletResponse.SC_OK);
    }

    /** The bearer token, where the room asks for one (RFC 9725 section 4.7.1, RFC 6750 section 2.1). */
    private void authorize(HttpServletRequest request, Resource resource) throws HttpProblem {
        try {
            access.authorize(AccessTokens.bearer(request.getHeader("Authorization")), resource.room(), role());
        } catch (AccessDenied e) {
            throw new HttpProblem(e.status(), e.reason());
        }
    }

    /** Endpoints and sessions have no representation: 2xx with nothing in it (RFC 9725 section 4.1). */
    private void describe(Resource resource, HttpServletResponse response) throws HttpProblem {
        if (resource.session() != null) {
            session(resource, response);
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    private void post(Resource resource, HttpServletRequest request, HttpServletResponse response)
            throws HttpProblem, IOException {
        if (resource.session() != null) {
            throw notAllowed(resource, response);
        }
        if (!isOfType(request, SDP)) {
            response.setHeader("Accept-Post", SDP);
            throw new HttpProblem(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "the offer must be sent as " + SDP);
        }
        String offer = body(request);
        HttpPeers.Created created = peers.open(resource.room(), role(), offer, request.getRemoteAddr());
        response.setStatus(HttpServletResponse.SC_CREATED);
        response.setHeader("Location", request.getContextPath() + request.getServletPath() + "/" + resource.room()
                + "/" + created.session().id());
        response.setHeader("ETag", created.session().etag());
        response.setHeader("Accept-Patch", SDP_FRAGMENT);
        // Only now, past the token check and the session's creation: TURN credentials are issued per session.
        for (IceServer server : iceServers.forPeer(created.session().peer().id())) {
            for (String url : server.urls()) {
                response.addHeader("Link", IceServerLinks.link(url, server));
            }
        }
        write(response, SDP, created.sdp());
    }

    private void patch(Resource resource, HttpServletRequest request, HttpServletResponse response)
            throws HttpProblem, IOException {
        HttpPeer session = session(resource, response);
        // Section 4.3.1: trickle names the current ICE session, a restart says "*".
        String ifMatch = request.getHeader("If-Match");
        if (ifMatch == null) {
            throw new HttpProblem(428, "a PATCH must carry If-Match with the session's ETag, " + session.etag());
        }
        if (!ifMatch.strip().equals("*") && !ifMatch.strip().equals(session.etag())) {
            throw new HttpProblem(HttpServletResponse.SC_PRECONDITION_FAILED, "If-Match names another ICE session than "
                    + session.etag());
        }
        if (!isOfType(request, SDP_FRAGMENT)) {
            response.setHeader("Accept-Patch", SDP_FRAGMENT);
            throw new HttpProblem(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "a PATCH must carry " + SDP_FRAGMENT);
        }
        Optional<IceFragment> restarted = IceTrickle.apply(peers, session, body(request), ifMatch.strip().equals("*"));
        if (restarted.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader("ETag", session.etag());
        write(response, SDP_FRAGMENT, restarted.get().write());
    }

    private void delete(Resource resource, HttpServletResponse response) throws HttpProblem {
        HttpPeer session = session(resource, response);
        peers.end(session.id());
        response.setStatus(HttpServletResponse.SC_OK);
    }

    private HttpPeer session(Resource resource, HttpServletResponse response) throws HttpProblem {
        if (resource.session() == null) {
            throw notAllowed(resource, response);
        }
        return peers.find(resource.session(), role()).filter(s -> s.peer().room().name().equals(resource.room()))
                .orElseThrow(() -> new HttpProblem(HttpServletResponse.SC_NOT_FOUND, "no " + protocol()
                        + " session '" + resource.session() + "' in room '" + resource.room() + "': it ended, or never was"));
    }

    private static HttpProblem notAllowed(Resource resource, HttpServletResponse response) {
        response.setHeader("Allow", resource.allowed());
        return new HttpProblem(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "this resource allows " + resource.allowed());
    }

    private static boolean isOfType(HttpServletRequest request, String type) {
        String contentType = request.getContentType();
        return contentType != null && contentType.split(";")[0].strip().toLowerCase(Locale.ROOT).equals(type);
    }

    private static String body(HttpServletRequest request) throws HttpProblem, IOException {
        byte[] bytes = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new HttpProblem(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "the body is larger than "
                    + MAX_BODY_BYTES / 1024 + " KiB");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void refuse(HttpProblem problem, HttpServletResponse response) throws IOException {
        response.setStatus(problem.status());
        if (problem.retryAfterSeconds() > 0) {
            response.setHeader("Retry-After", Long.toString(problem.retryAfterSeconds()));
        }
        if (problem.status() == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        write(response, "text/plain", problem.getMessage() + "\n");
    }

    private static void write(HttpServletResponse response, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentType(type + (type.startsWith("text/") ? ";charset=utf-8" : ""));
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
