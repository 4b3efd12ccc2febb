package dev.beam.it;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A 1280x720 Y4M clip for Chromium's fake camera, as the trial had it: a moving gradient
 * under noise, 20 frames a second. The noise keeps every frame expensive, so the encoder sends as
 * much as its bandwidth estimate allows (the built-in fake camera's picture compresses so well
 * that it plateaus near 750 kbit/s even peer-to-peer); the gradient leaves it a picture to code,
 * as a camera's has, where pure random noise made every keyframe of the top layer about 300 KB,
 * more than any real camera's. 20 fps also leaves the 2-core test machine room to encode three
 * layers.
 */
final class NoiseClip {
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 720;
    private static final int FRAMES = 30;
    /** Noise added to each sample, up to this much either way. */
    private static final int LUMA_NOISE = 24;
    private static final int CHROMA_NOISE = 8;
    /** How far the gradient moves each frame, in samples. */
    private static final int STEP = 8;

    private NoiseClip() {
    }

    static Path create() throws IOException {
        Path clip = Path.of("target", "gradient-noise-720p.y4m");
        if (Files.exists(clip)) {
            return clip;
        }
        Random random = new Random(7);
        byte[] frame = new byte[WIDTH * HEIGHT * 3 / 2];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(clip), 1 << 20)) {
            out.write(("YUV4MPEG2 W" + WIDTH + " H" + HEIGHT + " F20:1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < FRAMES; i++) {
                paint(frame, i, random);
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                out.write(frame);
            }
        }
        return clip;
    }

    /** Frame {@code i}: luma a diagonal ramp moving right, chroma ramps across and down, all under noise. */
    private static void paint(byte[] frame, int i, Random random) {
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int ramp = ((x + y / 2 + i * STEP) * 255 / WIDTH) % 256;
                frame[y * WIDTH + x] = noisy(ramp, LUMA_NOISE, random);
            }
        }
        int chromaWidth = WIDTH / 2;
        int chromaHeight = HEIGHT / 2;
        int u = WIDTH * HEIGHT;
        int v = u + chromaWidth * chromaHeight;
        for (int y = 0; y < chromaHeight; y++) {
            for (int x = 0; x < chromaWidth; x++) {
                frame[u + y * chromaWidth + x] = noisy(64 + x * 128 / chromaWidth, CHROMA_NOISE, random);
                frame[v + y * chromaWidth + x] = noisy(64 + y * 128 / chromaHeight, CHROMA_NOISE, random);
            }
        }
    }

    private static byte noisy(int value, int amplitude, Random random) {
        return (byte) Math.max(0, Math.min(255, value + random.nextInt(2 * amplitude + 1) - amplitude));
    }
}
