package dev.beam.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** WHIP and WHEP requests against the started server, as a client of those protocols sends them. */
final class WishClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private WishClient() {
    }

    /** POSTs an offer to {@code /whip/{room}} or {@code /whep/{room}}. */
    static HttpResponse<String> post(String endpoint, String contentType, String body) throws IOException, InterruptedException {
        return send(endpoint, "POST", Map.of("Content-Type", contentType), body);
    }

    static HttpResponse<String> offer(String endpoint, String sdp) throws IOException, InterruptedException {
        return post(endpoint, "application/sdp", sdp);
    }

    static HttpResponse<String> patch(String resource, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        return send(resource, "PATCH", headers, body);
    }

    static HttpResponse<String> delete(String resource) throws IOException, InterruptedException {
        return send(resource, "DELETE", Map.of(), null);
    }

    static HttpResponse<String> send(String path, String method, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(path)).timeout(Duration.ofSeconds(15))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static URI resolve(String path) {
        return TestServer.uri().resolve(path);
    }
}
