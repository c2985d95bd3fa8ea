package dev.whopper.workloads.kv;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The key space ({@value #KEYS} keys {@code k/00 .. k/39}) and the value encoding: a value is its write id (8
 * bytes) followed by padding derived from the id (16 to 55 bytes), so that the store spans more pages than the
 * cache holds, and a value that does not decode is caught.
 */
final class KvKeys {
    /** Keys in the key space. */
    static final int KEYS = 40;
    /** The first key's prefix: every key is at or after it. */
    static final String FIRST = "k/";
    /** Past every key. */
    static final String END = "k0";
    private static final List<String> ALL = keys();

    private KvKeys() { }

    private static List<String> keys() {
        List<String> out = new ArrayList<>(KEYS);
        for (int i = 0; i < KEYS; i++) {
            out.add(String.format("k/%02d", i));
        }
        return List.copyOf(out);
    }

    /** @return every key, in order */
    static List<String> all() {
        return ALL;
    }

    /** @return key number {@code i} */
    static String key(int i) {
        return ALL.get(i);
    }

    static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.US_ASCII);
    }

    static String text(byte[] key) {
        return new String(key, StandardCharsets.US_ASCII);
    }

    /** @return the stored form of write {@code id} */
    static byte[] encode(long id) {
        int pad = 16 + (int) (id % 40);
        ByteBuffer b = ByteBuffer.allocate(8 + pad).putLong(id);
        for (int i = 0; i < pad; i++) {
            b.put((byte) (id * 31 + i));
        }
        return b.array();
    }

    /**
     * @param value a stored value
     * @return its write id, or -2 when it is not a value this workload wrote (garbage)
     */
    static long decode(byte[] value) {
        if (value.length < 8) {
            return -2;
        }
        long id = ByteBuffer.wrap(value).getLong();
        return id >= 0 && java.util.Arrays.equals(value, encode(id)) ? id : -2;
    }
}
