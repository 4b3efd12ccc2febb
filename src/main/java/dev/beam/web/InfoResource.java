package dev.beam.web;

import dev.beam.config.AccessSettings;
import dev.beam.media.send.ViewerBandwidth;
import dev.beam.media.send.ViewerReport;
import dev.beam.media.transport.PeerTransport;
import dev.beam.room.RoomRegistry;
import dev.beam.stream.Broadcasts;
import dev.beam.stream.ViewerDelivery;
import dev.beam.stream.ViewerStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * {@code GET /api/info}: what this server is, totals over all rooms, and one page of rooms
 * ({@code ?offset=&limit=}, or {@code ?room=NAME} for one). Viewers' peer ids and network
 * figures are for operators only: requests with {@code Authorization: Bearer <OPERATOR_SECRET>}.
 */
@Path("info")
@RequestScoped
public class InfoResource {

    /**
     * A viewer's latest receiver report about its video; for a simulcast broadcast, the quality it
     * asked for, the layer (rid) it gets and why, and the highest temporal layer when frames above
     * it are dropped; and its bandwidth estimate and why it is there.
     * Each null (left out) where it does not apply.
     */
    public record ViewerInfo(String peerId, double fractionLost, int cumulativeLost, double jitterMs, long rttMs,
                             String quality, String layer, String layerReason, Integer temporalLayer, Long estimateBps,
                             String estimateReason, String transport) {
    }

    /**
     * A room; {@code broadcasterTransport} (how the broadcaster's media travels: udp, tcp, relay,
     * or none before ICE selected a pair) and {@code viewerReports} are null (left out) for the
     * public, the former also when nothing is live.
     */
    public record RoomInfo(String name, boolean live, int viewers, String broadcasterTransport,
                           List<ViewerInfo> viewerReports) {
    }

    /** {@code next} is the offset of the next page, null (left out) on the last. */
    @JsonbPropertyOrder({"name", "version", "totalRooms", "liveRooms", "viewers", "offset", "limit", "next", "rooms"})
    public record ServerInfo(String name, String version, int totalRooms, int liveRooms, int viewers, int offset,
                             int limit, Integer next, List<RoomInfo> rooms) {
    }

    public record Refusal(String error, String message) {
    }

    @Inject
    RoomRegistry rooms;

    @Inject
    BuildInfo build;

    @Inject
    Broadcasts broadcasts;

    @Inject
    AccessSettings access;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response info(@QueryParam("offset") String offset, @QueryParam("limit") String limit,
                         @QueryParam("room") String room, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        OperatorAccess.Caller caller = new OperatorAccess(access.operatorSecret()).judge(authorization);
        if (caller == OperatorAccess.Caller.REFUSED) {
            return Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .entity(new Refusal("unauthorized", "only the operator secret (OPERATOR_SECRET) is accepted as credentials"))
                    .build();
        }
        RoomPage page;
        try {
            page = RoomPage.of(rooms.snapshots(), room, offset, limit);
        } catch (IllegalArgumentException e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(new Refusal("invalid-query", e.getMessage())).build();
        }
        boolean operator = caller == OperatorAccess.Caller.OPERATOR;
        int next = page.nextOffset();
        return Response.ok(new ServerInfo(build.name(), build.version(), page.totalRooms(), page.liveRooms(), page.viewers(),
                page.offset(), page.limit(), next < 0 ? null : next,
                page.rooms().stream().map(r -> new RoomInfo(r.name(), r.live(), r.viewers(),
                        operator ? broadcasterTransport(r.name()) : null,
                        operator ? viewerReports(r.name()) : null)).toList())).build();
    }

    private List<ViewerInfo> viewerReports(String room) {
        return rooms.find(room).map(broadcasts::viewerStatuses).orElse(List.of()).stream()
                .map(InfoResource::viewerInfo)
                .toList();
    }

    private String broadcasterTransport(String room) {
        return rooms.find(room).flatMap(broadcasts::broadcasterTransport).map(PeerTransport::wireName).orElse(null);
    }

    private static ViewerInfo viewerInfo(ViewerStatus status) {
        ViewerReport report = status.report();
        ViewerBandwidth bandwidth = status.bandwidth();
        ViewerDelivery delivery = ViewerDelivery.of(status.layer(), bandwidth);
        return new ViewerInfo(status.peerId(), report.fractionLost(), report.cumulativeLost(), report.jitterMillis(),
                report.rttMillis(), delivery.quality(), delivery.layer(), delivery.reason(),
                delivery.temporalLayer(), delivery.estimateBps(),
                bandwidth == null ? null : ViewerDelivery.wireName(bandwidth.reason()), status.transport().wireName());
    }
}
