package dev.whopper.core.storage.cache;

/**
 * The page cache's map from {@code (page, version)} to its {@link PageCache.Entry}, without boxing: open
 * addressing with linear probing over an array of entries (each entry carries its own key), plus a
 * doubly-linked list through the entries in insertion order, which is the only order anything walks.
 * A lookup allocates nothing; the order does not depend on hashing, so eviction stays deterministic.
 *
 * <p>Removal shifts later entries of the probe run back (no tombstones), so a lookup stops at the first
 * empty slot. The table doubles when it would be more than half full.
 */
final class EntryTable {
    private PageCache.Entry[] slots;
    private int mask;
    private int size;
    private PageCache.Entry head;
    private PageCache.Entry tail;

    /** @param expected entries to hold without growing, &gt;= 0 */
    EntryTable(int expected) {
        if (expected < 0) {
            throw new IllegalArgumentException("expected: " + expected + " (expected: >= 0)");
        }
        int capacity = Integer.highestOneBit(Math.max(8, expected) * 2 - 1) << 1; // load factor <= 1/2
        slots = new PageCache.Entry[capacity];
        mask = capacity - 1;
    }

    private static int hash(int page, int version) {
        // The cache's mixed key: the plain packing would cluster consecutive pages in one probe run.
        return (int) PageCache.key(page, version);
    }

    /** @return the entry for {@code (page, version)}, or null */
    PageCache.Entry get(int page, int version) {
        PageCache.Entry[] s = slots;
        int m = mask;
        for (int i = hash(page, version) & m; ; i = (i + 1) & m) {
            PageCache.Entry e = s[i];
            if (e == null || e.page() == page && e.version() == version) {
                return e;
            }
        }
    }

    /**
     * Adds an entry whose key is not in the table, at the end of the order.
     *
     * @throws IllegalStateException when its key is already present
     */
    void add(PageCache.Entry e) {
        if (e.prev != null || e.next != null || head == e) {
            throw new IllegalStateException("entry " + e.page() + "@" + e.version() + " is already in a table");
        }
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        int i = hash(e.page(), e.version()) & mask;
        for (PageCache.Entry o; (o = slots[i]) != null; i = (i + 1) & mask) {
            if (o.page() == e.page() && o.version() == e.version()) {
                throw new IllegalStateException("page " + e.page() + "@" + e.version() + " is already cached");
            }
        }
        slots[i] = e;
        size++;
        e.prev = tail;
        if (tail == null) {
            head = e;
        } else {
            tail.next = e;
        }
        tail = e;
    }

    /** Removes {@code e}, which must be in this table. */
    void remove(PageCache.Entry e) {
        int i = hash(e.page(), e.version()) & mask;
        while (slots[i] != e) {
            if (slots[i] == null) {
                throw new IllegalStateException("page " + e.page() + "@" + e.version() + " is not in the table");
            }
            i = (i + 1) & mask;
        }
        // Backward-shift deletion: move later members of the probe run into the gap when their home allows.
        int gap = i;
        for (int j = (gap + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            int home = hash(slots[j].page(), slots[j].version()) & mask;
            if (((j - home) & mask) >= ((j - gap) & mask)) {
                slots[gap] = slots[j];
                gap = j;
            }
        }
        slots[gap] = null;
        size--;
        if (e.prev == null) {
            head = e.next;
        } else {
            e.prev.next = e.next;
        }
        if (e.next == null) {
            tail = e.prev;
        } else {
            e.next.prev = e.prev;
        }
        e.prev = null;
        e.next = null;
    }

    /** @return the entry for {@code (page, version)}, removed, or null when absent */
    PageCache.Entry remove(int page, int version) {
        PageCache.Entry e = get(page, version);
        if (e != null) {
            remove(e);
        }
        return e;
    }

    /** @return the oldest entry in insertion order (walk on with {@link PageCache.Entry#next}), or null */
    PageCache.Entry first() {
        return head;
    }

    /** @return entries held */
    int size() {
        return size;
    }

    /** Removes every entry. */
    void clear() {
        for (PageCache.Entry e = head; e != null; ) {
            PageCache.Entry next = e.next;
            e.prev = null;
            e.next = null;
            e = next;
        }
        java.util.Arrays.fill(slots, null);
        head = null;
        tail = null;
        size = 0;
    }

    private void grow() {
        PageCache.Entry[] old = slots;
        slots = new PageCache.Entry[old.length * 2];
        mask = slots.length - 1;
        for (PageCache.Entry e : old) {
            if (e != null) {
                int i = hash(e.page(), e.version()) & mask;
                while (slots[i] != null) {
                    i = (i + 1) & mask;
                }
                slots[i] = e;
            }
        }
    }
}
