package dev.beam.it;

import java.net.URI;

/** The Liberty server the build started for the integration tests. */
public final class TestServer {
    private TestServer() {
    }

    public static URI uri() {
        return URI.create("http://localhost:" + System.getProperty("beam.http.port", "9080"));
    }
}
