package dev.whopper.workloads.elle;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** How keys, lists and registers are stored in the engine's key-value store. */
final class ValueCodec {
    private ValueCodec() { }

    /** @return the engine key of history key {@code k}: {@code "e<k>"} */
    static byte[] key(long k) {
        return ("e" + k).getBytes(StandardCharsets.US_ASCII);
    }

    /** @return a list as unsigned LEB128 varints (values are positive) */
    static byte[] encodeList(long[] list) {
        byte[] out = new byte[list.length * 10];
        int n = 0;
        for (long v : list) {
            long x = v;
            while ((x & ~0x7FL) != 0) {
                out[n++] = (byte) ((x & 0x7F) | 0x80);
                x >>>= 7;
            }
            out[n++] = (byte) x;
        }
        return Arrays.copyOf(out, n);
    }

    /** @return the list stored, empty for an absent key ({@code null}) */
    static long[] decodeList(byte[] bytes) {
        if (bytes == null) {
            return new long[0];
        }
        long[] out = new long[bytes.length];
        int count = 0;
        long x = 0;
        int shift = 0;
        for (byte b : bytes) {
            x |= (long) (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                out[count++] = x;
                x = 0;
                shift = 0;
            }
        }
        if (shift != 0) {
            throw new IllegalStateException("list value ends inside a varint: " + Arrays.toString(bytes));
        }
        return Arrays.copyOf(out, count);
    }

    static long[] append(long[] list, long v) {
        long[] out = Arrays.copyOf(list, list.length + 1);
        out[list.length] = v;
        return out;
    }

    static byte[] encodeRegister(long v) {
        byte[] out = new byte[8];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (v >>> (56 - 8 * i));
        }
        return out;
    }

    /** @return the register's value, or {@code null} for an absent key */
    static Long decodeRegister(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length != 8) {
            throw new IllegalStateException("register value of " + bytes.length + " bytes (expected: 8)");
        }
        long v = 0;
        for (byte b : bytes) {
            v = (v << 8) | (b & 0xFF);
        }
        return v;
    }
}
