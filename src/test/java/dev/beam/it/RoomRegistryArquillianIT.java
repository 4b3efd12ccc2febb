package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.config.RoomSettings;
import dev.beam.config.SettingsProducer;
import dev.beam.room.Membership;
import dev.beam.room.PeerListener;
import dev.beam.room.Role;
import dev.beam.room.RoomException;
import dev.beam.room.RoomRegistry;
import dev.beam.room.RoomSnapshot;
import dev.beam.room.RoomSweeper;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The room beans deployed into the running Liberty, wired by its CDI and MicroProfile Config. */
@ExtendWith(ArquillianExtension.class)
class RoomRegistryArquillianIT {

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "rooms-it.war")
                .addPackage(RoomRegistry.class.getPackage())
                .addClasses(SettingsProducer.class, RoomSettings.class,
                        dev.beam.config.SignalingSettings.class, dev.beam.config.SignalingLimits.class,
                        dev.beam.config.MediaSettings.class, dev.beam.config.SessionLimitSettings.class,
                        dev.beam.config.AccessSettings.class, dev.beam.config.MediaLimits.class,
                        dev.beam.config.TokenSettings.class, dev.beam.config.IceServerSettings.class, dev.beam.config.TurnSettings.class,
                        dev.beam.config.SimulcastSettings.class, dev.beam.config.HttpsSettings.class,
                        dev.beam.media.transport.TcpPortSettings.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Inject
    RoomRegistry registry;

    @Inject
    RoomSettings settings;

    @Inject
    RoomSweeper sweeper;

    /** Records events the way the signaling layer would receive them. */
    static final class Events implements PeerListener {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void viewerCount(String room, int viewers) {
            seen.add("viewer-count " + viewers);
        }

        @Override
        public void streamStarted(String room) {
            seen.add("stream-started");
        }

        @Override
        public void streamEnded(String room) {
            seen.add("stream-ended");
        }

        @Override
        public void userJoined(String room, String peerId) {
            seen.add("user-joined");
        }

        @Override
        public void userLeft(String room, String peerId) {
            seen.add("user-left");
        }
    }

    @Test
    void theConfiguredDefaultsReachTheBeans() {
        // The server runs with bin/test's environment, as this method, which runs inside it.
        String maxViewers = System.getenv("MAX_VIEWERS");
        assertEquals(maxViewers == null ? 100 : Integer.parseInt(maxViewers.strip()), settings.maxViewers());
        assertEquals(300, settings.idleTimeout().toSeconds());
        assertTrue(sweeper != null);
    }

    @Test
    void aBroadcastRunsThroughTheContainerManagedRegistry() throws Exception {
        Events broadcasterEvents = new Events();
        Events viewerEvents = new Events();
        Membership broadcaster = registry.join("arquillian", Role.BROADCASTER, broadcasterEvents);
        Membership viewer = registry.join("arquillian", Role.VIEWER, viewerEvents);

        registry.startBroadcast(broadcaster::peer);
        assertEquals(new RoomSnapshot("arquillian", true, true, 1), registry.find("arquillian").orElseThrow().snapshot());
        assertEquals("broadcaster-exists",
                assertThrows(RoomException.class, () -> registry.join("arquillian", Role.BROADCASTER, new Events())).code());

        registry.leave(broadcaster.peer());
        registry.leave(viewer.peer());

        assertEquals(List.of("viewer-count 0", "user-joined", "viewer-count 1"), broadcasterEvents.seen);
        assertEquals(List.of("viewer-count 1", "stream-started", "stream-ended"), viewerEvents.seen);
        assertEquals(new RoomSnapshot("arquillian", false, false, 0), registry.find("arquillian").orElseThrow().snapshot());
    }
}
