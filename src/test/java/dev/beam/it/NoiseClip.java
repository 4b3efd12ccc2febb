package dev.beam.it;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A 1280x720 Y4M clip of random noise at 20 frames a second for Chromium's fake camera: nothing
 * compresses it, so the encoder sends as much as its bandwidth estimate allows (the built-in fake
 * camera's picture compresses so well that it plateaus near 750 kbit/s even peer-to-peer). 20 fps,
 * as the trial had it, also leaves the 2-core test machine room to encode three layers.
 */
final class NoiseClip {
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 720;
    private static final int FRAMES = 30;

    private NoiseClip() {
    }

    static Path create() throws IOException {
        Path clip = Path.of("target", "noise-720p.y4m");
        if (Files.exists(clip)) {
            return clip;
        }
        Random random = new Random(7);
        byte[] frame = new byte[WIDTH * HEIGHT * 3 / 2];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(clip), 1 << 20)) {
            out.write(("YUV4MPEG2 W" + WIDTH + " H" + HEIGHT + " F20:1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < FRAMES; i++) {
                random.nextBytes(frame);
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                out.write(frame);
            }
        }
        return clip;
    }
}
