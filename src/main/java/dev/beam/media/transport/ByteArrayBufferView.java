package dev.beam.media.transport;

import org.jitsi.utils.ByteArrayBuffer;

/**
 * A reusable, mutable {@link ByteArrayBuffer} view over a caller's byte[] for jitsi-srtp, so that the
 * per-packet path does not allocate. It never reallocates: SRTP transforms in place and the caller
 * promises {@link SrtpTransformer#MAX_OVERHEAD} spare bytes after the packet (AES-GCM writes its tag
 * past the current length via {@link #setLength}, HMAC and SRTCP index go through {@link #append}).
 * Not thread-safe: one view per direction and packet kind.
 */
final class ByteArrayBufferView implements ByteArrayBuffer {
    private byte[] buffer;
    private int offset;
    private int length;

    ByteArrayBufferView reset(byte[] buffer, int offset, int length) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        return this;
    }

    /** Drops the reference to the caller's array once a transform is done. */
    void clear() {
        buffer = null;
        offset = 0;
        length = 0;
    }

    @Override
    public byte[] getBuffer() {
        return buffer;
    }

    @Override
    public int getOffset() {
        return offset;
    }

    @Override
    public int getLength() {
        return length;
    }

    @Override
    public void setLength(int len) {
        if (len < 0 || offset + len > buffer.length) {
            throw new IllegalArgumentException("length " + len + " does not fit the buffer");
        }
        length = len;
    }

    @Override
    public void setOffset(int off) {
        if (off < 0 || off + length > buffer.length) {
            throw new IllegalArgumentException("offset " + off + " does not fit the buffer");
        }
        offset = off;
    }

    @Override
    public boolean isInvalid() {
        return false;
    }

    @Override
    public void readRegionToBuff(int off, int len, byte[] out) {
        if (off < 0 || len < 0 || off + len > length) {
            throw new IllegalArgumentException("region outside the packet");
        }
        System.arraycopy(buffer, offset + off, out, 0, len);
    }

    /** Only checks: the caller's array must already have the room (no reallocation in place). */
    @Override
    public void grow(int howMuch) {
        if (offset + length + howMuch > buffer.length) {
            throw new IllegalStateException("no room for " + howMuch + " more bytes");
        }
    }

    @Override
    public void append(byte[] data, int len) {
        grow(len);
        System.arraycopy(data, 0, buffer, offset + length, len);
        length += len;
    }

    @Override
    public void shrink(int len) {
        if (len <= 0) {
            return;
        }
        length = Math.max(0, length - len);
    }
}
