package dev.beam.media.receive;

import dev.beam.media.rtp.RtpPacket;
import dev.beam.media.rtp.RtpStreamId;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A broadcaster's streams by SSRC. A stream is made when the first packet of a new SSRC arrives
 * under a negotiated payload type, so that streams need not be announced in the offer (WHIP
 * clients often do not); at most {@value #MAX_STREAMS}, so that a broadcaster cannot make the
 * server keep state without bound. A track is forwarded from its newest stream: a new SSRC
 * means the broadcaster switched sources. A simulcast track has a newest stream per layer: the
 * first packets of each SSRC name its layer in the rtp-stream-id extension (RFC 8852 §3.1), and
 * a new SSRC of a track supersedes only the older one of its layer.
 *
 * <p>Written only on the broadcaster's worker; read from any thread (copy on write).
 */
public final class ReceiveStreams {
    static final int MAX_STREAMS = 16;

    private final SourceTrack[] trackByPayloadType = new SourceTrack[128];
    private final List<SourceTrack> tracks;
    private final KeyframeRequesters keyframeRequesters;
    private final Map<SourceTrack, TrackLayers> layers = new IdentityHashMap<>();
    private volatile ReceiveStream[] streams = new ReceiveStream[0];

    /** Makes the requester that asks the broadcaster for keyframes of one stream. */
    @FunctionalInterface
    public interface KeyframeRequesters {
        KeyframeRequester create(long ssrc, SourceTrack track);
    }

    public ReceiveStreams(List<SourceTrack> tracks, KeyframeRequesters keyframeRequesters) {
        this.tracks = List.copyOf(tracks);
        for (SourceTrack track : tracks) {
            if (trackByPayloadType[track.payloadType()] != null) {
                throw new IllegalArgumentException("payload type " + track.payloadType() + " used twice");
            }
            trackByPayloadType[track.payloadType()] = track;
            if (track.isVideo()) {
                layers.put(track, new TrackLayers(track));
            }
        }
        this.keyframeRequesters = keyframeRequesters;
    }

    public List<SourceTrack> tracks() {
        return tracks;
    }

    /**
     * Stage: attaches the packet's stream, found by SSRC or made for a new one. Refuses a payload
     * type nothing negotiated, one that is not its stream's, and new SSRCs past the bound.
     */
    public boolean attach(Packet packet) {
        long ssrc = RtpPacket.ssrc(packet.buf, 0);
        SourceTrack track = trackByPayloadType[RtpPacket.payloadType(packet.buf, 0)];
        if (track == null) {
            return false;
        }
        ReceiveStream stream = find(ssrc);
        if (stream == null) {
            ReceiveStream[] current = streams;
            if (current.length >= MAX_STREAMS) {
                return false;
            }
            String rid = null;
            if (track.isSimulcast()) {
                rid = RtpStreamId.read(packet.buf, 0, packet.length, track.ridExtensionId());
                if (rid == null || !track.rids().contains(rid)) {
                    return false; // a layer not negotiated, or a packet that does not say which
                }
            }
            stream = new ReceiveStream(ssrc, track, rid, keyframeRequesters.create(ssrc, track));
            for (ReceiveStream older : current) {
                if (older.track() == track && Objects.equals(older.rid(), rid)) {
                    older.supersede();
                }
            }
            ReceiveStream[] grown = Arrays.copyOf(current, current.length + 1);
            grown[current.length] = stream;
            streams = grown;
        } else if (stream.track() != track) {
            return false;
        }
        packet.attach(stream);
        return true;
    }

    /** The layers of a video track (one without simulcast has one), or null for audio. */
    public TrackLayers layers(SourceTrack track) {
        return layers.get(track);
    }

    /** Ranks each video track's layers anew; on the broadcaster's worker. */
    public void rankLayers(long nowNanos) {
        ReceiveStream[] current = streams;
        for (TrackLayers track : layers.values()) {
            track.rank(current, nowNanos);
        }
    }

    /** Whether a negotiated track's media arrives under this payload type. */
    public boolean isMedia(int payloadType) {
        return trackByPayloadType[payloadType & 0x7F] != null;
    }

    /**
     * The stream of the track, and of its layer {@code rid} when simulcast (null without), that is being forwarded:
     * the newest one, since a newer SSRC supersedes the older; null before its first packet.
     */
    ReceiveStream current(SourceTrack track, String rid) {
        ReceiveStream[] current = streams;
        for (int i = current.length - 1; i >= 0; i--) {
            ReceiveStream stream = current[i];
            if (stream.track() == track && Objects.equals(stream.rid(), rid) && !stream.isSuperseded()) {
                return stream;
            }
        }
        return null;
    }

    /** The stream with this SSRC, or null. */
    public ReceiveStream find(long ssrc) {
        for (ReceiveStream stream : streams) {
            if (stream.ssrc() == ssrc) {
                return stream;
            }
        }
        return null;
    }

    /** Every stream heard so far, oldest first. */
    public ReceiveStream[] all() {
        return streams;
    }
}
