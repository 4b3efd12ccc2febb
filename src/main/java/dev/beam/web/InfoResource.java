package dev.beam.web;

import dev.beam.room.RoomRegistry;
import dev.beam.stream.Broadcasts;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** {@code GET /api/info}: what this server is and the state of every room. */
@Path("info")
@RequestScoped
public class InfoResource {

    /** A viewer's latest receiver report about its video. */
    public record ViewerInfo(String peerId, double fractionLost, int cumulativeLost, double jitterMs, long rttMs) {
    }

    public record RoomInfo(String name, boolean live, int viewers, List<ViewerInfo> viewerReports) {
    }

    public record ServerInfo(String name, String version, List<RoomInfo> rooms) {
    }

    @Inject
    RoomRegistry rooms;

    @Inject
    BuildInfo build;

    @Inject
    Broadcasts broadcasts;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ServerInfo info() {
        return new ServerInfo(build.name(), build.version(), rooms.snapshots().stream()
                .map(room -> new RoomInfo(room.name(), room.live(), room.viewers(),
                        rooms.find(room.name()).map(broadcasts::viewerReports).orElse(Map.of()).entrySet().stream()
                                .map(e -> new ViewerInfo(e.getKey(), e.getValue().fractionLost(), e.getValue().cumulativeLost(),
                                        e.getValue().jitterMillis(), e.getValue().rttMillis()))
                                .toList()))
                .toList());
    }
}
