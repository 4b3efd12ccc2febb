package dev.beam.media.send;

import dev.beam.media.receive.Packet;
import dev.beam.media.receive.ReceiveStream;
import dev.beam.media.rtp.ExtensionElements;
import dev.beam.media.rtp.PictureIdShift;
import dev.beam.media.rtp.Rtx;
import dev.beam.media.transport.SrtpTransformer;

/**
 * A packet on its way to one viewer: the broadcaster's plaintext it comes from (read only) and
 * the viewer's own copy built in {@link #buf}. One thread owns an instance and reuses it for
 * every viewer and packet it sends, so the send path allocates nothing.
 */
public final class Outgoing {
    /** The source packet plus a bigger header, the RTX OSN and SRTP's tag. */
    public static final int CAPACITY = Packet.CAPACITY + 64 + Rtx.OVERHEAD + SrtpTransformer.MAX_OVERHEAD;

    public final byte[] buf = new byte[CAPACITY];
    public int length;
    byte[] source;
    int sourceLength;
    ReceiveStream sourceStream;
    long receivedNanos;
    int sourceEpoch;
    boolean keyframeStart;
    boolean retransmission;
    int seqShift;
    long timestampShift;
    PictureIdShift pictureShift;
    /** Added to an AV1 dependency descriptor's frame number. */
    int frameNumberShift;
    /** The viewer's extension block when it varies per packet (a forwarded dependency descriptor). */
    final ExtensionElements elements = new ExtensionElements();
    SendStream stream;
    /** Where a retransmission's copy of the history goes; made on first use. */
    private byte[] copy;
    private boolean sent;

    /** Points at a packet the fan-out forwards. */
    public Outgoing forwarding(Packet packet) {
        source = packet.buf;
        sourceLength = packet.length;
        sourceStream = packet.stream();
        receivedNanos = packet.receivedNanos();
        sourceEpoch = packet.epoch();
        keyframeStart = packet.isKeyframeStart();
        retransmission = false;
        stream = null;
        length = 0;
        sent = false;
        return this;
    }

    /** Points at a copy of a packet a viewer asked for again, to be numbered as it was first sent. */
    Outgoing retransmitting(byte[] copy, int copyLength, SendStream.Mapping mapping, SendStream to) {
        source = copy;
        sourceLength = copyLength;
        sourceStream = mapping.source();
        sourceEpoch = mapping.epoch();
        numberedBy(mapping);
        keyframeStart = false;
        retransmission = true;
        stream = to;
        length = 0;
        sent = false;
        return this;
    }

    /** It went out to the viewer, {@link #length} bytes. */
    public void markSent() {
        sent = true;
    }

    public boolean wasSent() {
        return sent;
    }

    /** Numbers the packet by the offsets of {@code mapping}; true, for chaining a filter. */
    boolean numberedBy(SendStream.Mapping mapping) {
        seqShift = mapping.seqOffset();
        timestampShift = mapping.timestampOffset();
        pictureShift = mapping.pictureShift();
        frameNumberShift = mapping.frameNumberDelta();
        return true;
    }

    byte[] copyBuffer() {
        if (copy == null) {
            copy = new byte[Packet.CAPACITY];
        }
        return copy;
    }

    /** The broadcaster's stream this packet comes from. */
    public ReceiveStream sourceStream() {
        return sourceStream;
    }

    /** When the source packet reached the server (monotonic ns). */
    public long receivedNanos() {
        return receivedNanos;
    }

    public SendStream stream() {
        return stream;
    }

    public boolean isRetransmission() {
        return retransmission;
    }
}
