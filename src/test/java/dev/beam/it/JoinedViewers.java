package dev.beam.it;

import dev.beam.testpeer.OfferSpec;
import dev.beam.testpeer.PeerConnection;
import dev.beam.testpeer.TestPeer;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Receive-only test peers, each joined to a room as a viewer over a connection of its own, offers not yet sent. */
final class JoinedViewers {
    /** A viewer in a room, its offer not yet sent. */
    record Viewer(TestPeer peer, SignalingClient signaling) {
    }

    private JoinedViewers() {
    }

    /** Joins {@code count} viewers, their DTLS as told; {@code open} closes them. */
    static List<Viewer> join(int count, String room, IntFunction<PeerConnection.Dtls> dtls, OpenResources open)
            throws Exception {
        ExecutorService joining = Executors.newFixedThreadPool(8);
        try {
            List<Future<Viewer>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                PeerConnection.Dtls behaviour = dtls.apply(i);
                futures.add(joining.submit(() -> {
                    TestPeer peer = open.keep(TestPeer.create(OfferSpec.receive()).dtls(behaviour));
                    SignalingClient signaling = open.keep(SignalingClient.connect(TestServer.uri()));
                    signaling.request("join-room", "\"room\":\"" + room + "\",\"role\":\"viewer\"");
                    return new Viewer(peer, signaling);
                }));
            }
            List<Viewer> viewers = new ArrayList<>();
            for (Future<Viewer> future : futures) {
                viewers.add(future.get(60, TimeUnit.SECONDS));
            }
            return viewers;
        } finally {
            joining.shutdown();
        }
    }

    /** Sends every viewer's offer at once; those answered start ICE when {@code connect}. Returns the replies. */
    static List<JsonObject> consumeAll(List<Viewer> viewers, boolean connect) throws Exception {
        ExecutorService offering = Executors.newFixedThreadPool(32);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<JsonObject>> futures = new ArrayList<>();
            for (Viewer viewer : viewers) {
                futures.add(offering.submit(() -> {
                    go.await();
                    JsonObject reply = viewer.signaling().request("consume",
                            "\"sdp\":" + Fixtures.jsonString(viewer.peer().offer()));
                    if (connect && "consumer-created".equals(reply.getString("type"))) {
                        viewer.peer().accept(reply.getString("sdp"));
                    }
                    return reply;
                }));
            }
            go.countDown();
            List<JsonObject> replies = new ArrayList<>();
            for (Future<JsonObject> future : futures) {
                replies.add(future.get(60, TimeUnit.SECONDS));
            }
            return replies;
        } finally {
            offering.shutdown();
        }
    }
}
