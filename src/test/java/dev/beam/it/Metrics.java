package dev.beam.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The server's application metrics, as Prometheus text. */
final class Metrics {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Metrics() {
    }

    /**
     * The sum of the samples of metric {@code name} whose labels contain {@code labelFragment}
     * (e.g. {@code limit="dtls-handshakes"}); 0 when there are none yet.
     */
    static double value(String name, String labelFragment) throws IOException, InterruptedException {
        return value(TestServer.managementUri(), name, labelFragment);
    }

    /** The same, from the server whose management port is at {@code management}. */
    static double value(URI management, String name, String labelFragment) throws IOException, InterruptedException {
        String text = HTTP.send(HttpRequest.newBuilder(management.resolve("/metrics?scope=application")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double sum = 0;
        for (String line : text.split("\n")) {
            boolean named = line.startsWith(name + "{") || line.startsWith(name + " ");
            if (named && line.contains(labelFragment)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
