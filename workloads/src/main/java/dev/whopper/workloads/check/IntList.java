package dev.whopper.workloads.check;

import java.util.Arrays;

/** A growable list of ints, without boxing. */
final class IntList {
    private int[] items;
    private int size;

    IntList() {
        this(8);
    }

    IntList(int capacity) {
        items = new int[Math.max(1, capacity)];
    }

    void add(int v) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = v;
    }

    int get(int i) {
        return items[i];
    }

    void set(int i, int v) {
        items[i] = v;
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    void truncate(int newSize) {
        size = newSize;
    }

    int[] toArray() {
        return Arrays.copyOf(items, size);
    }
}
