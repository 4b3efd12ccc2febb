package dev.beam.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.beam.media.transport.CandidateLine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The offer parser, negotiation and answer against mutated real offers: a bounded, seeded run in which nothing
 * may be thrown but {@link SdpException}. A failure names the seed and case, so it can be replayed.
 */
class SdpFuzzTest {
    private static final long SEED = 0x5d9f_2026L;
    private static final int CASES_PER_FIXTURE = 2_500;
    private static final String[] FIXTURES = {SdpFixtures.BROADCASTER, SdpFixtures.VIEWER, SdpFixtures.AUDIO_ONLY,
            SdpFixtures.NO_BUNDLE, SdpFixtures.SIMULCAST};
    private static final String[] TOKENS = {" ", "  ", "*", "-1", "0", "1", "65536", "4294967296",
            "99999999999999999999", "/", "//", ":", "::", ";", "=", "a=", "m=video 9 UDP/TLS/RTP/SAVPF 96", "\t",
            "BUNDLE", "rtx/90000", "apt=", "apt=96", "profile-level-id=", "packetization-mode=1", "sha-256",
            "actpass", "passive", "sendonly", "recvonly", "inactive", "a=mid:", "a=group:BUNDLE ", "%", "\u00e9",
            "\ud800", "\u0000", "\r", "\n", "\r\n", "VP8/90000", "H264/90000", "opus/48000/2", "candidate:",
            "example.com", ".local", "typ host", "FID 1 2", "x".repeat(300), "a=rid:", "a=simulcast:", "~", ",",
            "send", "recv", "a=rid:l send"};

    @Test
    void mutatedOffersGetAnAnswerOrAnSdpExceptionOnly() {
        Random random = new Random(SEED);
        List<NegotiatedMedia> source = source();
        int answered = 0;
        for (String fixture : FIXTURES) {
            String original = SdpFixtures.load(fixture);
            for (int i = 0; i < CASES_PER_FIXTURE; i++) {
                String mutated = mutate(original, random);
                try {
                    if (exercise(mutated, source)) {
                        answered++;
                    }
                } catch (SdpException expected) {
                    // the one documented refusal
                } catch (RuntimeException | Error e) {
                    fail("seed " + SEED + ", " + fixture + " case " + i + ": " + e + " on\n"
                            + mutated.substring(0, Math.min(mutated.length(), 4000)), e);
                }
            }
        }
        // Many mutations leave an offer usable: the run must reach negotiation and answers, not stop at parsing.
        assertTrue(answered > CASES_PER_FIXTURE / 2, "answered " + answered);
    }

    /**
     * Mutated ICE fragments (RFC 9725 §4.3's examples): parsed or refused with an SdpException only, and any
     * fragment accepted is written so that it parses back to the same fragment.
     */
    @Test
    void mutatedIceFragmentsParseAndRoundTripOrGetAnSdpExceptionOnly() {
        Random random = new Random(SEED);
        int parsed = 0;
        for (int f = 0; f < IceFragmentTest.EXAMPLES.size(); f++) {
            String original = IceFragmentTest.EXAMPLES.get(f);
            for (int i = 0; i < CASES_PER_FIXTURE; i++) {
                String mutated = mutate(original, random);
                try {
                    IceFragment fragment = IceFragment.parse(mutated);
                    assertEquals(fragment, IceFragment.parse(fragment.write()), mutated);
                    parsed++;
                } catch (SdpException expected) {
                    // the one documented refusal
                } catch (RuntimeException | Error e) {
                    fail("seed " + SEED + ", fragment " + f + " case " + i + ": " + e + " on\n" + mutated, e);
                }
            }
        }
        assertTrue(parsed > CASES_PER_FIXTURE, "parsed " + parsed);
    }

    /** Parses, judges the candidates, negotiates and answers as both roles; true if either answer was made. */
    private static boolean exercise(String sdp, List<NegotiatedMedia> source) throws SdpException {
        Offer offer = OfferParser.parse(sdp);
        for (String candidate : offer.candidates()) {
            try {
                CandidateLine.parse(candidate);
            } catch (CandidateLine.RefusedException refused) {
                // refused with a reason: fine
            }
        }
        try {
            AnswerBuilder.forBroadcaster(offer, Negotiator.forBroadcaster(offer), SdpFixtures.localTransport());
            return true;
        } catch (SdpException refused) {
            // not a broadcaster's offer: perhaps a viewer's
        }
        List<NegotiatedMedia> viewing = Negotiator.forViewer(offer, source);
        AnswerBuilder.forViewer(offer, viewing, SdpFixtures.localTransport(), Map.of(
                "0", new OutgoingStream(1111L, "beam", "s", "audio", 0),
                "1", new OutgoingStream(2222L, "beam", "s", "video", 3333L)));
        return true;
    }

    private static List<NegotiatedMedia> source() {
        try {
            return ViewerNegotiationTest.source(SdpFixtures.load(SdpFixtures.BROADCASTER));
        } catch (SdpException e) {
            throw new AssertionError(e);
        }
    }

    /** One to four random edits: lines deleted, duplicated, swapped or repeated; characters and tokens changed. */
    static String mutate(String sdp, Random random) {
        List<String> lines = new ArrayList<>(Arrays.asList(sdp.split("\r\n", -1)));
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            switch (random.nextInt(10)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(random.nextInt(lines.size() + 1), line);
                case 2 -> {
                    int other = random.nextInt(lines.size());
                    lines.set(at, lines.get(other));
                    lines.set(other, line);
                }
                case 3 -> {
                    for (int k = random.nextInt(40); k > 0; k--) {
                        lines.add(at, line);
                    }
                }
                case 4 -> lines.set(at, replaceChar(line, random));
                case 5 -> lines.set(at, insert(line, TOKENS[random.nextInt(TOKENS.length)], random));
                case 6 -> lines.set(at, line.substring(0, random.nextInt(line.length() + 1)));
                case 7 -> lines.set(at, line.replaceAll("[0-9]+", TOKENS[random.nextInt(8)]));
                case 8 -> lines.set(at, line.replace(' ', random.nextBoolean() ? '\t' : '/'));
                default -> {
                    String other = lines.get(random.nextInt(lines.size()));
                    lines.set(at, line.substring(0, random.nextInt(line.length() + 1))
                            + other.substring(random.nextInt(other.length() + 1)));
                }
            }
        }
        String joined = String.join("\r\n", lines);
        return random.nextInt(20) == 0 ? joined.replace("\r\n", "\n") : joined;
    }

    private static String replaceChar(String line, Random random) {
        if (line.isEmpty()) {
            return line;
        }
        char[] chars = line.toCharArray();
        chars[random.nextInt(chars.length)] = (char) (random.nextBoolean() ? 0x20 + random.nextInt(95)
                : random.nextInt(0x10000));
        return new String(chars);
    }

    private static String insert(String line, String token, Random random) {
        int at = random.nextInt(line.length() + 1);
        return line.substring(0, at) + token + line.substring(at);
    }
}
