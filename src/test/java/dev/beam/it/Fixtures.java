package dev.beam.it;

import jakarta.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test resources: real Chromium offers and the like. */
public final class Fixtures {
    private Fixtures() {
    }

    public static String sdp(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/sdp/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text as a JSON string literal, quotes included. */
    public static String jsonString(String text) {
        return Json.createValue(text).toString();
    }
}
