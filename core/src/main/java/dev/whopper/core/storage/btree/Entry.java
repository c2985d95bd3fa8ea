package dev.whopper.core.storage.btree;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One key/value pair returned by {@link BTree#scan}. Equality compares the bytes.
 *
 * @param key   the key
 * @param value the value
 */
public record Entry(byte[] key, byte[] value) {
    /** Checks that key and value are present. */
    public Entry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Entry e && Arrays.equals(key, e.key) && Arrays.equals(value, e.value);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "Entry[key=" + hex.formatHex(key) + ", value=" + value.length + " bytes]";
    }
}
