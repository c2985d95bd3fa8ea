package dev.whopper.core.io.model;

import java.util.Arrays;

/**
 * The bytes of one layer of a {@link DurableFile} (volatile or durable): a growable array and a length.
 * Bytes past the length are never visible; extending the layer zero-fills. Callers check arguments;
 * a violated bound here is a bug of the model ({@link IllegalStateException}).
 */
final class Image {
    /** The largest layer, in bytes. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private byte[] bytes = new byte[0];
    private int length;

    int length() {
        return length;
    }

    /** Writes {@code len} bytes of {@code src} from {@code from} at {@code offset}; a zero-length write changes nothing. */
    void write(long offset, byte[] src, int from, int len) {
        if (len == 0) {
            return;
        }
        long end = offset + len;
        if (offset < 0 || end > MAX_BYTES) {
            throw new IllegalStateException("write of " + len + " bytes at offset " + offset + " exceeds " + MAX_BYTES);
        }
        grow((int) end);
        if (offset > length) {
            Arrays.fill(bytes, length, (int) offset, (byte) 0);
        }
        System.arraycopy(src, from, bytes, (int) offset, len);
        length = Math.max(length, (int) end);
    }

    /** Sets the length; growing zero-fills. */
    void truncate(long newLength) {
        if (newLength < 0 || newLength > MAX_BYTES) {
            throw new IllegalStateException("truncate to " + newLength + " outside [0, " + MAX_BYTES + "]");
        }
        int n = (int) newLength;
        if (n > length) {
            grow(n);
            Arrays.fill(bytes, length, n, (byte) 0);
        }
        length = n;
    }

    /**
     * Copies up to {@code len} bytes at {@code offset} into {@code dst}.
     *
     * @return how many bytes were available and copied
     */
    int read(long offset, byte[] dst, int len) {
        long available = Math.max(0, length - offset);
        int n = (int) Math.min(available, len);
        if (n > 0) {
            System.arraycopy(bytes, (int) offset, dst, 0, n);
        }
        return n;
    }

    /** Makes this image a copy of {@code other}. */
    void copyFrom(Image other) {
        bytes = Arrays.copyOf(other.bytes, other.length);
        length = other.length;
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, length);
    }

    /** Writes bytes {@code [from, to)} of {@code source} at the same offsets of this image. */
    void copyRange(Image source, int from, int to) {
        write(from, source.bytes, from, to - from);
    }

    /** @return true when bytes {@code [from, to)} of both images are equal; both must hold them */
    boolean sameBytes(Image other, int from, int to) {
        return Arrays.equals(bytes, from, to, other.bytes, from, to);
    }

    /** Flips bit {@code bit} (0..7) of the byte at {@code offset}, which must be below the length. */
    void flipBit(int offset, int bit) {
        bytes[offset] ^= (byte) (1 << bit);
    }

    /** @return the byte at {@code offset}, which must be below the length */
    byte byteAt(int offset) {
        return bytes[offset];
    }

    private void grow(int end) {
        if (end > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.max(end, Math.min(MAX_BYTES, bytes.length * 2L)));
        }
    }
}
