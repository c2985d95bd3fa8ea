package dev.whopper.workloads.check;

import java.util.Arrays;

/** A growable list of longs, without boxing. */
final class LongList {
    private long[] items = new long[8];
    private int size;

    void add(long v) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = v;
    }

    long get(int i) {
        return items[i];
    }

    int size() {
        return size;
    }
}
