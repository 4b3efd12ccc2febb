package dev.beam.testpeer.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.testpeer.stun.Stun;
import dev.beam.testpeer.stun.StunMessage;
import dev.beam.testpeer.stun.StunMessageBuilder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The controlling agent against a scripted remote agent, on a clock that moves only when told. */
class IceAgentTest {
    private static final IceCredentials MINE = new IceCredentials("mine", "my-password-of-22-chars");
    private static final IceCredentials SERVER = new IceCredentials("srv1", "server-password-22-chars");
    private static final InetSocketAddress SERVER_ADDRESS = new InetSocketAddress("127.0.0.1", 10000);
    private static final InetSocketAddress ELSEWHERE = new InetSocketAddress("192.0.2.7", 10000);

    private long now = 1_000_000_000L;
    private final List<Sent> sent = new ArrayList<>();
    private InetSocketAddress connected;
    private String failure;
    private final IceAgent agent = new IceAgent(MINE, (d, to) -> sent.add(new Sent(StunMessage.parse(d, 0, d.length), to)),
            new IceAgent.Listener() {
                @Override
                public void onConnected(InetSocketAddress remote) {
                    connected = remote;
                }

                @Override
                public void onFailed(String reason) {
                    failure = reason;
                }
            }, () -> now, new Random(8445));

    private record Sent(StunMessage message, InetSocketAddress to) {
    }

    @Test
    void checksOnlyLoopbackCandidatesAsTheControllingNominatingAgent() {
        agent.start(SERVER, List.of(ELSEWHERE, SERVER_ADDRESS), Duration.ofSeconds(5));
        assertEquals(1, sent.size(), "never a packet off loopback");
        Sent check = sent.get(0);
        assertEquals(SERVER_ADDRESS, check.to());
        StunMessage m = check.message();
        assertEquals(Stun.BINDING_REQUEST, m.type());
        assertEquals("srv1:mine", m.username());
        assertEquals((110L << 24) + (65535L << 8) + 255, m.priority(), "priority as peer-reflexive, RFC 8445 §7.1.1");
        assertNotNull(m.iceControlling());
        assertNull(m.iceControlled());
        assertTrue(m.useCandidate());
        assertTrue(m.hasValidIntegrity(SERVER.key()), "keyed with the server's password");
        assertTrue(m.hasValidFingerprint());
    }

    @Test
    void retransmitsAfter50ThenEvery100MillisecondsAndFailsAtTheTimeout() {
        agent.start(SERVER, List.of(SERVER_ADDRESS), Duration.ofSeconds(1));
        elapse(49);
        assertEquals(1, sent.size());
        elapse(1);
        assertEquals(2, sent.size());
        assertTrue(sent.get(1).message().hasTransactionId(sent.get(0).message().transactionId()), "same transaction");
        elapse(99);
        assertEquals(2, sent.size());
        elapse(1);
        assertEquals(3, sent.size());
        elapse(900);
        assertEquals(IceAgent.State.FAILED, agent.state());
        assertTrue(failure.contains("1000 ms"), failure);
    }

    @Test
    void anAuthenticSuccessFromTheCheckedAddressConnects() {
        agent.start(SERVER, List.of(SERVER_ADDRESS), Duration.ofSeconds(5));
        byte[] id = sent.get(0).message().transactionId();

        deliver(success(id, "wrong-password-entirely"), SERVER_ADDRESS);
        deliver(success(id, SERVER.password()), new InetSocketAddress("127.0.0.1", 10001));
        deliver(success(new byte[12], SERVER.password()), SERVER_ADDRESS);
        assertNull(connected, "forged, non-symmetric or unknown answers do not count");
        assertEquals(3, agent.dropped());

        deliver(success(id, SERVER.password()), SERVER_ADDRESS);
        assertEquals(SERVER_ADDRESS, connected);
        assertEquals(IceAgent.State.CONNECTED, agent.state());
        sent.clear();
        elapse(500);
        assertTrue(sent.isEmpty(), "no more checks once connected");
    }

    @Test
    void anErrorResponseFailsWithItsCode() {
        agent.start(SERVER, List.of(SERVER_ADDRESS), Duration.ofSeconds(5));
        byte[] error = new StunMessageBuilder(Stun.BINDING_ERROR, sent.get(0).message().transactionId())
                .errorCode(Stun.ROLE_CONFLICT, "Role Conflict").build(SERVER.key(), true);
        deliver(error, SERVER_ADDRESS);
        assertEquals(IceAgent.State.FAILED, agent.state());
        assertTrue(failure.contains("487 Role Conflict"), failure);
    }

    @Test
    void answersTheServersTriggeredCheckWithItsAddressSignedWithOurPassword() {
        agent.start(SERVER, List.of(SERVER_ADDRESS), Duration.ofSeconds(5));
        sent.clear();
        byte[] id = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        deliver(serverCheck(id, "mine:srv1", MINE.password()), SERVER_ADDRESS);

        assertEquals(1, sent.size());
        StunMessage response = sent.get(0).message();
        assertEquals(SERVER_ADDRESS, sent.get(0).to());
        assertEquals(Stun.BINDING_SUCCESS, response.type());
        assertTrue(response.hasTransactionId(id));
        assertEquals(SERVER_ADDRESS, response.xorMappedAddress());
        assertTrue(response.hasValidIntegrity(MINE.key()));
        assertTrue(response.hasValidFingerprint());
        assertEquals(0, agent.consentChecksAnswered(), "during ICE this is no consent check");
    }

    @Test
    void dropsChecksForOthersOrUnauthentic() {
        agent.start(SERVER, List.of(SERVER_ADDRESS), Duration.ofSeconds(5));
        sent.clear();
        deliver(serverCheck(new byte[12], "other:srv1", MINE.password()), SERVER_ADDRESS);
        deliver(serverCheck(new byte[12], "mine:srv1", "not-my-password-at-all"), SERVER_ADDRESS);
        deliver(new byte[] {0, 1, 0, 0}, SERVER_ADDRESS);
        assertTrue(sent.isEmpty());
        assertEquals(3, agent.dropped());
    }

    @Test
    void answersConsentChecksUntilToldNotTo() {
        connect();
        deliver(serverCheck(new byte[12], "mine:srv1", MINE.password()), SERVER_ADDRESS);
        deliver(serverCheck(new byte[12], "mine:srv1", MINE.password()), SERVER_ADDRESS);
        assertEquals(2, agent.consentChecksAnswered());
        assertEquals(2, sent.size());

        agent.answerConsentChecks(false);
        deliver(serverCheck(new byte[12], "mine:srv1", MINE.password()), SERVER_ADDRESS);
        assertEquals(2, sent.size(), "a peer that stopped answering sends nothing");
        assertEquals(1, agent.consentChecksIgnored());
    }

    @Test
    void sendsItsOwnConsentChecksOnlyWhenAsked() {
        connect();
        elapse(10_000);
        assertTrue(sent.isEmpty(), "off by default: the peer sends nothing");

        agent.sendConsentChecks(Duration.ofSeconds(5));
        elapse(4_999);
        assertTrue(sent.isEmpty());
        elapse(1);
        assertEquals(1, sent.size());
        StunMessage consent = sent.get(0).message();
        assertEquals(Stun.BINDING_REQUEST, consent.type());
        assertFalse(consent.useCandidate(), "consent checks nominate nothing");
        assertTrue(consent.hasValidIntegrity(SERVER.key()));
        deliver(success(consent.transactionId(), SERVER.password()), SERVER_ADDRESS);
        assertEquals(1, agent.consentResponses());
    }

    private void connect() {
        agent.start(SERVER, List.of(SERVER_ADDRESS), Duration.ofSeconds(5));
        deliver(success(sent.get(0).message().transactionId(), SERVER.password()), SERVER_ADDRESS);
        assertEquals(IceAgent.State.CONNECTED, agent.state());
        sent.clear();
    }

    /** Moves the clock a millisecond at a time, ticking as the peer's timer would. */
    private void elapse(int millis) {
        for (int i = 0; i < millis; i++) {
            now += 1_000_000L;
            agent.tick();
        }
    }

    private void deliver(byte[] datagram, InetSocketAddress from) {
        agent.onStun(datagram, 0, datagram.length, from);
    }

    private static byte[] success(byte[] id, String password) {
        return new StunMessageBuilder(Stun.BINDING_SUCCESS, id).xorMappedAddress(new InetSocketAddress("127.0.0.1", 40000))
                .build(password.getBytes(), true);
    }

    private static byte[] serverCheck(byte[] id, String username, String password) {
        return new StunMessageBuilder(Stun.BINDING_REQUEST, id).username(username).priority(1)
                .iceControlled(42).build(password.getBytes(), true);
    }
}
