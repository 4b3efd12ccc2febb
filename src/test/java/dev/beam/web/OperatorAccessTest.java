package dev.beam.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beam.web.OperatorAccess.Caller;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OperatorAccessTest {
    private final OperatorAccess access = new OperatorAccess(Optional.of("correct-horse-battery"));

    @Test
    void noCredentialsIsThePublic() {
        assertEquals(Caller.PUBLIC, access.judge(null));
        assertEquals(Caller.PUBLIC, new OperatorAccess(Optional.empty()).judge(null));
    }

    @Test
    void theSecretAsBearerIsAnOperator() {
        assertEquals(Caller.OPERATOR, access.judge("Bearer correct-horse-battery"));
        assertEquals(Caller.OPERATOR, access.judge("bearer correct-horse-battery"));
    }

    @Test
    void anythingElseIsRefused() {
        for (String header : new String[] {"", "Bearer", "Bearer ", "Bearer correct-horse-batter", "Bearer correct-horse-battery2",
                "Basic correct-horse-battery", "correct-horse-battery", "Bearer CORRECT-HORSE-BATTERY"}) {
            assertEquals(Caller.REFUSED, access.judge(header), header);
        }
    }

    @Test
    void withoutAConfiguredSecretCredentialsAreRefused() {
        assertEquals(Caller.REFUSED, new OperatorAccess(Optional.empty()).judge("Bearer anything-at-all-here"));
    }
}
