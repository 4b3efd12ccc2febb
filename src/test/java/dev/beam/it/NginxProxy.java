package dev.beam.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx running the README's reverse-proxy configuration ({@code deploy/nginx/beam.conf})
 * in front of the test server, changed only where a deployment changes it: the name, the ports,
 * the certificate (one openssl makes for localhost) and the upstream.
 */
final class NginxProxy implements AutoCloseable {
    static final Path NGINX = Path.of("/usr/sbin/nginx");
    static final Path SHIPPED = Path.of("deploy", "nginx", "beam.conf");

    private final ChildProcess process;
    private final int httpsPort;
    private final int httpPort;

    private NginxProxy(ChildProcess process, int httpsPort, int httpPort) {
        this.process = process;
        this.httpsPort = httpsPort;
        this.httpPort = httpPort;
    }

    /** Starts nginx on {@code httpsPort} (TLS) and {@code httpPort} (redirect) before {@code upstreamPort}. */
    static NginxProxy start(int httpsPort, int httpPort, int upstreamPort) throws Exception {
        Path prefix = ChildProcess.runDirectory("nginx");
        Path cert = prefix.resolve("fullchain.pem");
        Path key = prefix.resolve("privkey.pem");
        run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost", "-days", "1",
                "-keyout", key.toString(), "-out", cert.toString()));
        String site = Files.readString(SHIPPED)
                .replace("live.example.com", "localhost")
                .replace("listen 443 ssl;", "listen 127.0.0.1:" + httpsPort + " ssl;")
                .replace("listen 80;", "listen 127.0.0.1:" + httpPort + ";")
                .replace("/etc/ssl/beam/fullchain.pem", cert.toString())
                .replace("/etc/ssl/beam/privkey.pem", key.toString())
                .replace("server 127.0.0.1:9080;", "server 127.0.0.1:" + upstreamPort + ";");
        Files.writeString(prefix.resolve("beam.conf"), site);
        // Workers run as the namespace's root: a namespace mapped for a user who is not root
        // outside maps no other user, not even nginx's usual one.
        Files.writeString(prefix.resolve("nginx.conf"), """
                worker_processes 1;
                user root root;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 256; }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    include %1$s/beam.conf;
                }
                """.formatted(prefix));
        ChildProcess process = ChildProcess.start("nginx", prefix, List.of(NGINX.toString(), "-p", prefix.toString(),
                "-c", prefix.resolve("nginx.conf").toString(), "-g", "daemon off;"), Duration.ofSeconds(10),
                ChildProcess.listening("127.0.0.1", httpsPort), prefix.resolve("error.log"));
        return new NginxProxy(process, httpsPort, httpPort);
    }

    int httpsPort() {
        return httpsPort;
    }

    int httpPort() {
        return httpPort;
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(command.get(0) + " failed: " + output);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
