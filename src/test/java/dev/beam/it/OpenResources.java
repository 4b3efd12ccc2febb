package dev.beam.it;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a test opened (peers, signaling connections, canaries), closed last-opened first when the
 * test ends: registered as an extension ({@code @RegisterExtension}), or closed by the test. Any
 * thread may {@link #keep}: tests open peers in parallel.
 */
final class OpenResources implements AutoCloseable, AfterEachCallback {
    private final Deque<AutoCloseable> open = new ArrayDeque<>();

    <T extends AutoCloseable> T keep(T resource) {
        synchronized (open) {
            open.push(resource);
        }
        return resource;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        close();
    }

    @Override
    public void close() throws Exception {
        while (true) {
            AutoCloseable resource;
            synchronized (open) {
                resource = open.poll();
            }
            if (resource == null) {
                return;
            }
            resource.close();
        }
    }
}
