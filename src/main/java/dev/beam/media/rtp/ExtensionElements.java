package dev.beam.media.rtp;

/**
 * A reusable list of RFC 8285 one-byte-form elements (id 1..14, 1..16 data bytes) for
 * {@link RtpHeaderWriter#rewrite}. Data is copied into storage sized for the worst case at
 * construction, so filling it per packet allocates nothing. Not thread-safe: keep one per forwarding
 * thread, {@link #clear()} before each packet.
 */
public final class ExtensionElements {
    /** One-byte form ids are 1..14 (§4.2: 0 is padding, 15 reserved). */
    public static final int MAX_ELEMENTS = 14;
    /** One-byte form data is 1..16 bytes (§4.2: L is length - 1). */
    public static final int MAX_DATA = 16;

    private final int[] ids = new int[MAX_ELEMENTS];
    private final int[] lengths = new int[MAX_ELEMENTS];
    private final byte[] data = new byte[MAX_ELEMENTS * MAX_DATA];
    private int count;

    /** Maps a source id (index) to the id to write; reused by {@link #addRemapped}. */
    private byte[] idMap;
    private final RtpPacket.ExtensionVisitor remapper = (id, buf, dataOffset, dataLength) -> {
        if (id < idMap.length) {
            add(idMap[id] & 0xFF, buf, dataOffset, dataLength);
        }
    };

    public void clear() {
        count = 0;
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
        return index * MAX_DATA;
    }

    /**
     * Appends an element, copying its data. Returns false (and adds nothing) when it cannot be sent in
     * one-byte form or the list is full, so untrusted source elements can be passed straight through.
     */
    public boolean add(int id, byte[] src, int srcOff, int len) {
        if (id < 1 || id > 14 || len < 1 || len > MAX_DATA || count == MAX_ELEMENTS) {
            return false;
        }
        System.arraycopy(src, srcOff, data, count * MAX_DATA, len);
        ids[count] = id;
        lengths[count] = len;
        count++;
        return true;
    }

    /** Appends a big-endian unsigned value of {@code byteCount} bytes (e.g. a transport-cc seq). */
    public boolean addValue(int id, long value, int byteCount) {
        if (id < 1 || id > 14 || byteCount < 1 || byteCount > 8 || count == MAX_ELEMENTS) {
            return false;
        }
        int base = count * MAX_DATA;
        for (int i = 0; i < byteCount; i++) {
            data[base + i] = (byte) (value >>> (8 * (byteCount - 1 - i)));
        }
        ids[count] = id;
        lengths[count] = byteCount;
        count++;
        return true;
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

    /** Bytes the block takes on the wire: 4-byte header + elements, padded to 32 bits; 0 if empty. */
    int blockLength() {
        if (count == 0) {
            return 0;
        }
        int n = 0;
        for (int i = 0; i < count; i++) {
            n += 1 + lengths[i];
        }
        return 4 + ((n + 3) & ~3);
    }
}
