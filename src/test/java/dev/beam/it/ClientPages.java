package dev.beam.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The test pages that run third-party WHIP/WHEP client libraries (bin/whip-clients installs the
 * libraries with npm and bundles them into {@code target/whip-clients/pages}), served on
 * 127.0.0.1 from a port of their own: an origin other than the server's, so that every request
 * the libraries make to it is a cross-origin one, as from a player on another site.
 */
final class ClientPages implements AutoCloseable {
    static final Path PAGES = Path.of("target", "whip-clients", "pages");
    private static final Pattern FILE = Pattern.compile("/([a-z-]+)\\.(html|js)");

    private final HttpServer server;

    private ClientPages(HttpServer server) {
        this.server = server;
    }

    /** Serves the pages; skips or fails the calling test (as a missing browser does) when they were not built. */
    static ClientPages serve(String... pages) throws IOException {
        for (String page : pages) {
            if (!Files.isRegularFile(PAGES.resolve(page + ".js"))) {
                Browsers.skipOrFail(missingBecause(page));
            }
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", ClientPages::answer);
        server.start();
        return new ClientPages(server);
    }

    private static String missingBecause(String page) {
        boolean npm = Pattern.compile(":").splitAsStream(System.getenv().getOrDefault("PATH", ""))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "npm")));
        return npm
                ? "the WHIP/WHEP client page " + PAGES.resolve(page + ".js") + " was not built: run bin/whip-clients (bin/test does)"
                : "node and npm are not installed (apt-get install nodejs npm): bin/test installs the WHIP/WHEP client libraries with them";
    }

    /** The page {@code name}.html with these query parameters. */
    URI page(String name, Map<String, String> query) {
        String encoded = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + name + ".html?" + encoded);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher file = FILE.matcher(exchange.getRequestURI().getPath());
            Path path = file.matches() ? PAGES.resolve(file.group(1) + "." + file.group(2)) : null;
            if (!"GET".equals(exchange.getRequestMethod()) || path == null || !Files.isRegularFile(path)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = Files.readAllBytes(path);
            String type = "html".equals(file.group(2)) ? "text/html" : "text/javascript";
            exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
