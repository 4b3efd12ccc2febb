package dev.beam.media.receive;

import dev.beam.media.rtp.RtpPacket;
import java.util.Arrays;
import java.util.List;

/**
 * A broadcaster's streams by SSRC. A stream is made when the first packet of a new SSRC arrives
 * under a negotiated payload type, so that streams need not be announced in the offer (WHIP
 * clients often do not); at most {@value #MAX_STREAMS}, so that a broadcaster cannot make the
 * server keep state without bound. A track is forwarded from its newest stream: a new SSRC
 * means the broadcaster switched sources.
 *
 * <p>Written only on the broadcaster's worker; read from any thread (copy on write).
 */
public final class ReceiveStreams {
    static final int MAX_STREAMS = 16;

    private final SourceTrack[] trackByPayloadType = new SourceTrack[128];
    private final List<SourceTrack> tracks;
    private final KeyframeRequesters keyframeRequesters;
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
            stream = new ReceiveStream(ssrc, track, keyframeRequesters.create(ssrc, track));
            for (ReceiveStream older : current) {
                if (older.track() == track) {
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
