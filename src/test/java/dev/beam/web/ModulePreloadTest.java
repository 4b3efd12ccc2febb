package dev.beam.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each page preloads exactly the modules its script imports, directly or not, so none waits for another. */
class ModulePreloadTest {
    private static final Path STATIC = Path.of("src", "main", "webapp", "static");
    private static final Path PAGES = Path.of("src", "main", "webapp", "WEB-INF", "pages");
    private static final Pattern IMPORT = Pattern.compile("from '\\./([a-z-]+\\.js)'");
    private static final Pattern PRELOAD = Pattern.compile("<link rel=\"modulepreload\" href=\"/static/([a-z-]+\\.js)\">");

    @Test
    void theWatchPagePreloadsWhatWatchJsImports() throws IOException {
        assertEquals(imports("watch.js"), preloads("watch.jsp"));
    }

    @Test
    void theStreamPagePreloadsWhatStreamJsImports() throws IOException {
        assertEquals(imports("stream.js"), preloads("stream.jsp"));
    }

    private static Set<String> imports(String main) {
        Set<String> found = new TreeSet<>();
        Deque<String> pending = new ArrayDeque<>(Set.of(main));
        while (!pending.isEmpty()) {
            Matcher matcher = IMPORT.matcher(read(STATIC.resolve(pending.pop())));
            while (matcher.find()) {
                if (found.add(matcher.group(1))) {
                    pending.push(matcher.group(1));
                }
            }
        }
        return found;
    }

    private static Set<String> preloads(String page) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = PRELOAD.matcher(read(PAGES.resolve(page)));
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
