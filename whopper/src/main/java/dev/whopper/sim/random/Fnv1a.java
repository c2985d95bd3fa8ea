package dev.whopper.sim.random;

import java.nio.charset.StandardCharsets;

/** FNV-1a, 64-bit: a stable hash of a name's UTF-8 bytes, used to derive stream seeds and trace keys. */
public final class Fnv1a {
    /** The 64-bit FNV offset basis. */
    public static final long OFFSET_BASIS = 0xCBF29CE484222325L;
    /** The 64-bit FNV prime. */
    public static final long PRIME = 0x100000001B3L;

    private Fnv1a() { }

    /**
     * @param text any string
     * @return the FNV-1a hash of its UTF-8 bytes
     */
    public static long hash64(String text) {
        return hash64(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param bytes any bytes
     * @return their FNV-1a hash
     */
    public static long hash64(byte[] bytes) {
        long h = OFFSET_BASIS;
        for (byte b : bytes) {
            h ^= (b & 0xFF);
            h *= PRIME;
        }
        return h;
    }
}
