package dev.whopper.core.db;

import java.util.Arrays;

/**
 * A write transaction's private page copies, by page number: an open-addressing hash table of int
 * keys (no boxing, one probe sequence per lookup), listed in ascending page order for the commit.
 * Never shrinks; bounded by the pages one transaction writes.
 */
final class DirtyPages {
    private static final int MAX_CAPACITY = 1 << 30;

    /** Page numbers (0: empty slot; page numbers are &gt;= 1). */
    private int[] keys = new int[64];
    private byte[][] images = new byte[64][];
    private int size;

    private static int hash(int pageNo) {
        int h = pageNo * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private int slot(int pageNo) {
        int mask = keys.length - 1;
        int i = hash(pageNo) & mask;
        for (int probes = 0; probes <= mask; probes++) {
            int k = keys[i];
            if (k == pageNo || k == 0) {
                return i;
            }
            i = (i + 1) & mask;
        }
        throw new IllegalStateException("dirty page table full (" + size + " pages)");
    }

    /** @return this transaction's copy of {@code pageNo}, or null */
    byte[] get(int pageNo) {
        int i = slot(pageNo);
        return keys[i] == pageNo ? images[i] : null;
    }

    /** Sets the copy of {@code pageNo} (replacing an earlier one). */
    void put(int pageNo, byte[] image) {
        if (pageNo < 1) {
            throw new IllegalArgumentException("pageNo: " + pageNo + " (expected: >= 1)");
        }
        int i = slot(pageNo);
        if (keys[i] == pageNo) {
            images[i] = image;
            return;
        }
        keys[i] = pageNo;
        images[i] = image;
        size++;
        if (size * 2 > keys.length) {
            grow();
        }
    }

    private void grow() {
        if (keys.length >= MAX_CAPACITY) {
            throw new IllegalStateException("dirty page table: too many pages (" + size + ")");
        }
        int[] oldKeys = keys;
        byte[][] oldImages = images;
        keys = new int[oldKeys.length * 2];
        images = new byte[oldKeys.length * 2][];
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != 0) {
                int i = slot(oldKeys[j]);
                keys[i] = oldKeys[j];
                images[i] = oldImages[j];
            }
        }
    }

    /** @return pages held */
    int size() {
        return size;
    }

    /** @return true when no page was written */
    boolean isEmpty() {
        return size == 0;
    }

    /** @return the page numbers, ascending */
    int[] sortedPages() {
        int[] out = new int[size];
        int n = 0;
        for (int k : keys) {
            if (k != 0) {
                out[n++] = k;
            }
        }
        Arrays.sort(out);
        return out;
    }
}
