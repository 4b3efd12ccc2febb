package dev.beam.media.rtp;

/**
 * A reusable list of RFC 8285 elements for {@link RtpHeaderWriter#rewrite}: ids 1..255 and 0..255 data
 * bytes each. The block is written in the one-byte form (§4.2) when every element fits it (id 1..14, 1..16
 * bytes), else in the two-byte form (§4.3), which a stream may mix with the one-byte form where
 * a=extmap-allow-mixed was negotiated (§6). Data is copied into storage sized at construction, so filling
 * it per packet allocates nothing. Not thread-safe: keep one per forwarding thread, {@link #clear()} before
 * each packet.
 */
public final class ExtensionElements {
    public static final int MAX_ELEMENTS = 16;
    /** The data of all elements together: a dependency descriptor with its structure and a few small ones. */
    public static final int MAX_BYTES = 1024;
    /** One-byte form ids are 1..14 (§4.2: 0 is padding, 15 reserved). */
    static final int MAX_ONE_BYTE_ID = 14;
    /** One-byte form data is 1..16 bytes (§4.2: L is length - 1). */
    static final int MAX_ONE_BYTE_DATA = 16;

    private final int[] ids = new int[MAX_ELEMENTS];
    private final int[] lengths = new int[MAX_ELEMENTS];
    private final int[] offsets = new int[MAX_ELEMENTS];
    private final byte[] data = new byte[MAX_BYTES];
    private int count;
    private int used;

    /** Maps a source id (index) to the id to write; reused by {@link #addRemapped}. */
    private byte[] idMap;
    private final RtpPacket.ExtensionVisitor remapper = (id, buf, dataOffset, dataLength) -> {
        if (id < idMap.length) {
            add(idMap[id] & 0xFF, buf, dataOffset, dataLength);
        }
    };

    public void clear() {
        count = 0;
        used = 0;
    }

    public int size() {
        return count;
    }

    public int id(int index) {
        return ids[index];
    }

    public int length(int index) {
        return lengths[index];
    }

    /** The backing array; element {@code i} starts at {@link #offset(int) offset(i)}. */
    public byte[] data() {
        return data;
    }

    public int offset(int index) {
        return offsets[index];
    }

    /**
     * Appends an element, copying its data. Returns false (and adds nothing) when no RFC 8285 form can
     * carry it (id 0 or above 255, more than 255 bytes) or the list is full, so untrusted source elements
     * can be passed straight through.
     */
    public boolean add(int id, byte[] src, int srcOff, int len) {
        if (!fits(id, len)) {
            return false;
        }
        System.arraycopy(src, srcOff, data, used, len);
        append(id, len);
        return true;
    }

    /** Appends a big-endian unsigned value of {@code byteCount} bytes (e.g. a transport-cc seq). */
    public boolean addValue(int id, long value, int byteCount) {
        if (byteCount < 1 || byteCount > 8 || !fits(id, byteCount)) {
            return false;
        }
        for (int i = 0; i < byteCount; i++) {
            data[used + i] = (byte) (value >>> (8 * (byteCount - 1 - i)));
        }
        append(id, byteCount);
        return true;
    }

    /** Appends every element of {@code other} that fits, in order. */
    public void addAll(ExtensionElements other) {
        for (int i = 0; i < other.count; i++) {
            add(other.ids[i], other.data, other.offsets[i], other.lengths[i]);
        }
    }

    /**
     * Adds every element of the RTP packet whose id has a non-zero entry in {@code idMap}
     * ({@code idMap[sourceId]} = id to write), in packet order; other ids are dropped. This is the
     * per-viewer extension id remapping. Returns false if the packet's extension block is malformed.
     */
    public boolean addRemapped(byte[] buf, int off, int len, byte[] idMap) {
        this.idMap = idMap;
        try {
            return RtpPacket.forEachExtension(buf, off, len, remapper);
        } finally {
            this.idMap = null;
        }
    }

    /** Whether the block needs the two-byte form: an id or a length the one-byte form cannot express. */
    boolean needsTwoByteForm() {
        for (int i = 0; i < count; i++) {
            if (ids[i] > MAX_ONE_BYTE_ID || lengths[i] < 1 || lengths[i] > MAX_ONE_BYTE_DATA) {
                return true;
            }
        }
        return false;
    }

    /**
     * Bytes the block takes on the wire: 4-byte header + elements (each with a one- or two-byte header),
     * padded to 32 bits; 0 if empty.
     */
    int blockLength() {
        if (count == 0) {
            return 0;
        }
        int n = used + count * (needsTwoByteForm() ? 2 : 1);
        return 4 + ((n + 3) & ~3);
    }

    private boolean fits(int id, int len) {
        return id >= 1 && id <= 255 && len >= 0 && len <= 255 && count < MAX_ELEMENTS && used + len <= MAX_BYTES;
    }

    private void append(int id, int len) {
        ids[count] = id;
        lengths[count] = len;
        offsets[count] = used;
        used += len;
        count++;
    }
}
