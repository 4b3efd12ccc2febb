package dev.beam.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RestartedAnswerTest {
    private static final String ANSWER = String.join("\r\n",
            "v=0",
            "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0 1",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111",
            "c=IN IP4 0.0.0.0",
            "a=mid:0",
            "a=ice-ufrag:oldU",
            "a=ice-pwd:oldPasswordOldPasswordOld",
            "a=fingerprint:sha-256 AB:CD",
            "a=setup:passive",
            "a=candidate:1 1 udp 2130706431 127.0.0.1 10000 typ host",
            "m=video 9 UDP/TLS/RTP/SAVPF 96",
            "c=IN IP4 0.0.0.0",
            "a=mid:1",
            "a=ice-ufrag:oldU",
            "a=ice-pwd:oldPasswordOldPasswordOld",
            "a=fingerprint:sha-256 AB:CD",
            "a=setup:passive",
            "") + "\r\n";

    @Test
    void everySectionGetsTheNewCredentialsAndTheOriginItsNextVersion() {
        String restarted = RestartedAnswer.of(ANSWER, "newU", "newPasswordNewPasswordNew", 1);
        List<String> lines = restarted.lines().toList();
        assertEquals("o=- 4611731400430051336 3 IN IP4 127.0.0.1", lines.get(1), "same session id, next version");
        assertEquals(2, lines.stream().filter("a=ice-ufrag:newU"::equals).count());
        assertEquals(2, lines.stream().filter("a=ice-pwd:newPasswordNewPasswordNew"::equals).count());
        assertTrue(lines.stream().noneMatch(line -> line.contains("old")), restarted);
        assertEquals(ANSWER.replace("oldU", "newU").replace("oldPasswordOldPasswordOld", "newPasswordNewPasswordNew")
                .replace(" 2 IN IP4", " 3 IN IP4"), restarted, "nothing else changes: fingerprint, setup, candidates");
        assertTrue(restarted.endsWith("\r\n"));
    }

    @Test
    void aLaterRestartRaisesTheVersionFromTheFirstAnswer() {
        assertTrue(RestartedAnswer.of(ANSWER, "u3", "p3p3p3p3p3p3p3p3p3p3p3p3", 3)
                .contains("o=- 4611731400430051336 5 IN IP4"));
    }

    @Test
    void whipAndWhepGetTheRestartAsAFragmentOfTheTagSection() throws Exception {
        IceFragment fragment = RestartedAnswer.fragment(RestartedAnswer.of(ANSWER, "newU", "newPasswordNewPasswordNew", 1));
        assertEquals(List.of("0", "1"), fragment.bundle());
        assertEquals("newU", fragment.iceUfrag());
        assertEquals("newPasswordNewPasswordNew", fragment.icePwd());
        assertEquals(1, fragment.media().size(), "only the BUNDLE-tag section (RFC 9725 §4.3.3)");
        assertEquals("0", fragment.media().get(0).mid());
        assertEquals(List.of("1 1 udp 2130706431 127.0.0.1 10000 typ host"), fragment.candidates());
        assertEquals(fragment, IceFragment.parse(fragment.write()), "it reads back as written");
    }

    @Test
    void credentialsThatCannotBeWrittenAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RestartedAnswer.of(ANSWER, "bad ufrag", "p", 1));
    }
}
