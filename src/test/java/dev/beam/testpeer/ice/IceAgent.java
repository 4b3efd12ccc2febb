package dev.beam.testpeer.ice;

import dev.beam.testpeer.stun.Stun;
import dev.beam.testpeer.stun.StunError;
import dev.beam.testpeer.stun.StunMessage;
import dev.beam.testpeer.stun.StunMessageBuilder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * A lean ICE agent in the CONTROLLING role (RFC 8445) for one component on one local socket.
 * It checks each remote candidate with aggressive nomination (USE-CANDIDATE on every check, RFC
 * 5245 §8.1.1.2: RFC 8445 dropped it, but ice4j still accepts it), is connected on the first
 * authenticated success, and
 * answers the remote agent's checks, which a full agent like ice4j needs before it completes
 * (its triggered check, RFC 8445 §7.3.1.4), and later its consent checks (RFC 7675).
 *
 * <p>It does no I/O of its own: datagrams come in through {@link #onStun}, go out through the
 * {@link Transmitter}, and time only moves when {@link #tick} is called, reading the clock given.
 * Thread-safe: the socket reader and a timer may call in at once.
 */
public final class IceAgent {

    /** Sends one datagram; failures are the caller's to count, ICE retransmits anyway. */
    public interface Transmitter {
        void send(byte[] datagram, InetSocketAddress to);
    }

    /** Told once: connected on the given remote address, or failed. */
    public interface Listener {
        void onConnected(InetSocketAddress remote);

        void onFailed(String reason);
    }

    public enum State { NEW, CHECKING, CONNECTED, FAILED, CLOSED }

    private final IceCredentials local;
    private final Transmitter transmitter;
    private final Listener listener;
    private final LongSupplier nanoClock;
    private final Random random;
    private final long tieBreaker;
    private final List<Transaction> checks = new ArrayList<>();
    private final List<Transaction> consentRequests = new ArrayList<>();

    private State state = State.NEW;
    private IceCredentials remote;
    private long startedNanos;
    private long timeoutNanos;
    private InetSocketAddress selected;
    private boolean answerConsentChecks = true;
    private long consentIntervalNanos;
    private long nextConsentNanos;
    private long requestsAnswered;
    private long consentChecksAnswered;
    private long consentChecksIgnored;
    private long consentResponses;
    private long dropped;

    public IceAgent(IceCredentials local, Transmitter transmitter, Listener listener, LongSupplier nanoClock,
                    Random random) {
        this.local = local;
        this.transmitter = transmitter;
        this.listener = listener;
        this.nanoClock = nanoClock;
        this.random = random;
        this.tieBreaker = random.nextLong(); // RFC 8445 §16.1: ICE-CONTROLLING's random 64 bits
    }

    /**
     * Starts checking the candidates. Only loopback ones (127.0.0.0/8) are ever checked: this is
     * a test tool, and no test packet may leave the machine.
     */
    public synchronized void start(IceCredentials remoteCredentials, List<InetSocketAddress> candidates,
                                   Duration timeout) {
        if (state != State.NEW) {
            throw new IllegalStateException("ICE already " + state);
        }
        remote = remoteCredentials;
        timeoutNanos = timeout.toNanos();
        startedNanos = nanoClock.getAsLong();
        state = State.CHECKING;
        for (InetSocketAddress candidate : candidates) {
            if (isLoopback(candidate)) {
                checks.add(newRequest(candidate, true));
            }
        }
        if (checks.isEmpty()) {
            fail("no loopback candidate to check");
            return;
        }
        for (Transaction check : checks) {
            send(check);
        }
    }

    /** Whether to answer the remote agent's Binding requests once connected (during ICE: always). */
    public synchronized void answerConsentChecks(boolean answer) {
        answerConsentChecks = answer;
    }

    /** Sends a consent check of our own on the selected pair this often once connected; zero: never. */
    public synchronized void sendConsentChecks(Duration interval) {
        consentIntervalNanos = interval.toNanos();
        nextConsentNanos = nanoClock.getAsLong() + consentIntervalNanos;
    }

    /** Handles a datagram the demux found to be STUN (RFC 7983: first byte 0..3). */
    public synchronized void onStun(byte[] buf, int off, int len, InetSocketAddress from) {
        StunMessage message = StunMessage.parse(buf, off, len);
        if (message == null || state == State.NEW || state == State.CLOSED || !isLoopback(from)) {
            dropped++;
            return;
        }
        switch (message.type()) {
            case Stun.BINDING_REQUEST -> answer(message, from);
            case Stun.BINDING_SUCCESS, Stun.BINDING_ERROR -> response(message, from);
            default -> dropped++; // indications (keep-alives, RFC 8445 §11) need nothing
        }
    }

    /** Retransmits what is due, gives up after the timeout, sends consent checks when due. */
    public synchronized void tick() {
        long now = nanoClock.getAsLong();
        if (state == State.CHECKING) {
            if (now - startedNanos >= timeoutNanos) {
                fail("no answer to connectivity checks within " + Duration.ofNanos(timeoutNanos).toMillis() + " ms");
                return;
            }
            for (Transaction check : checks) {
                if (check.due(now)) {
                    send(check);
                }
            }
        } else if (state == State.CONNECTED && consentIntervalNanos > 0 && now - nextConsentNanos >= 0) {
            nextConsentNanos = now + consentIntervalNanos;
            Transaction consent = newRequest(selected, false);
            consentRequests.add(consent);
            if (consentRequests.size() > 8) {
                consentRequests.remove(0); // unanswered ones: consent is the remote side's concern here
            }
            send(consent);
        }
    }

    public synchronized void close() {
        state = State.CLOSED;
        checks.clear();
        consentRequests.clear();
    }

    public synchronized State state() {
        return state;
    }

    /** The remote address ICE selected, or null before it connected. */
    public synchronized InetSocketAddress selected() {
        return selected;
    }

    /** The remote agent's checks answered once connected: consent checks (RFC 7675 §5.2). */
    public synchronized long consentChecksAnswered() {
        return consentChecksAnswered;
    }

    /** Consent checks left unanswered because {@link #answerConsentChecks} said so. */
    public synchronized long consentChecksIgnored() {
        return consentChecksIgnored;
    }

    /** All Binding requests answered, during ICE and after. */
    public synchronized long requestsAnswered() {
        return requestsAnswered;
    }

    /** Answers to our own consent checks. */
    public synchronized long consentResponses() {
        return consentResponses;
    }

    /** STUN messages dropped: malformed, unauthenticated, unexpected. */
    public synchronized long dropped() {
        return dropped;
    }

    /**
     * Answers a check when it is for us and authentic (RFC 8445 §7.3): USERNAME "ourUfrag:theirs",
     * MESSAGE-INTEGRITY under our password, FINGERPRINT. The success response carries the
     * sender's address as XOR-MAPPED-ADDRESS and is signed with our password too (§7.3.1.2).
     */
    private void answer(StunMessage request, InetSocketAddress from) {
        String username = request.username();
        if (username == null || !username.startsWith(local.ufrag() + ":") || !request.hasValidFingerprint()
                || !request.hasValidIntegrity(local.key())) {
            dropped++;
            return;
        }
        if (state == State.CONNECTED) {
            if (!answerConsentChecks) {
                consentChecksIgnored++;
                return;
            }
            consentChecksAnswered++;
        }
        byte[] response = new StunMessageBuilder(Stun.BINDING_SUCCESS, request.transactionId())
                .xorMappedAddress(from).build(local.key(), true);
        requestsAnswered++;
        transmitter.send(response, from);
    }

    /** A response to one of our checks: authentic under the remote password, from where we sent it. */
    private void response(StunMessage response, InetSocketAddress from) {
        Transaction transaction = find(checks, response);
        boolean consent = false;
        if (transaction == null) {
            transaction = find(consentRequests, response);
            consent = transaction != null;
        }
        if (transaction == null || !from.equals(transaction.target)
                || (response.hasFingerprint() && !response.hasValidFingerprint())
                || !response.hasValidIntegrity(remote.key())) {
            dropped++; // RFC 8445 §7.2.5.2.1: a non-symmetric or unauthenticated answer does not count
            return;
        }
        if (consent) {
            consentRequests.remove(transaction);
            consentResponses++;
            return;
        }
        if (state != State.CHECKING) {
            return; // a late answer to a retransmission
        }
        if (response.type() == Stun.BINDING_ERROR) {
            StunError error = response.errorCode();
            fail("check answered with error " + (error == null ? "(no ERROR-CODE)" : error.code() + " " + error.reason()));
            return;
        }
        selected = transaction.target;
        state = State.CONNECTED;
        checks.clear();
        listener.onConnected(selected);
    }

    private static Transaction find(List<Transaction> transactions, StunMessage message) {
        byte[] id = message.transactionId();
        for (Transaction t : transactions) {
            if (t.hasId(id)) {
                return t;
            }
        }
        return null;
    }

    /** A check (RFC 8445 §7.1): USERNAME "theirUfrag:ours", PRIORITY, ICE-CONTROLLING, USE-CANDIDATE. */
    private Transaction newRequest(InetSocketAddress target, boolean nominate) {
        byte[] id = new byte[12];
        random.nextBytes(id);
        StunMessageBuilder builder = new StunMessageBuilder(Stun.BINDING_REQUEST, id)
                .username(remote.ufrag() + ":" + local.ufrag())
                .priority(Priorities.peerReflexive())
                .iceControlling(tieBreaker);
        if (nominate) {
            builder.useCandidate();
        }
        return new Transaction(target, id, builder.build(remote.key(), true));
    }

    private void send(Transaction t) {
        t.sent(nanoClock.getAsLong());
        transmitter.send(t.request, t.target);
    }

    private void fail(String reason) {
        state = State.FAILED;
        checks.clear();
        listener.onFailed(reason);
    }

    private static boolean isLoopback(InetSocketAddress address) {
        return address != null && address.getAddress() != null && address.getAddress().getAddress().length == 4
                && (address.getAddress().getAddress()[0] & 0xFF) == 127;
    }
}
