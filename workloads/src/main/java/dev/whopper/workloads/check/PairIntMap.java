package dev.whopper.workloads.check;

/**
 * An open-addressing map from a (key id, value) pair to a non-negative int, without boxing: the checker's
 * "who appended value v to key k" tables for histories of 100,000 transactions and more.
 */
final class PairIntMap {
    /** What {@link #get} returns for an absent pair. */
    static final int ABSENT = -1;

    private int[] keyIds;
    private long[] values;
    private int[] slots;
    private int size;
    private int mask;

    PairIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        allocate(cap);
    }

    private void allocate(int cap) {
        keyIds = new int[cap];
        values = new long[cap];
        slots = new int[cap];
        java.util.Arrays.fill(slots, ABSENT);
        mask = cap - 1;
    }

    private static int hash(int keyId, long value) {
        long h = value * 0x9E3779B97F4A7C15L + keyId * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 31;
        return (int) (h ^ (h >>> 17));
    }

    /** @return the int stored for the pair, or {@link #ABSENT} */
    int get(int keyId, long value) {
        for (int i = hash(keyId, value) & mask; ; i = (i + 1) & mask) {
            int s = slots[i];
            if (s == ABSENT) {
                return ABSENT;
            }
            if (keyIds[i] == keyId && values[i] == value) {
                return s;
            }
        }
    }

    /**
     * Stores {@code v} (&gt;= 0) for the pair unless it is already there.
     *
     * @return the int already stored, or {@link #ABSENT} when {@code v} was stored
     */
    int putIfAbsent(int keyId, long value, int v) {
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        for (int i = hash(keyId, value) & mask; ; i = (i + 1) & mask) {
            int s = slots[i];
            if (s == ABSENT) {
                keyIds[i] = keyId;
                values[i] = value;
                slots[i] = v;
                size++;
                return ABSENT;
            }
            if (keyIds[i] == keyId && values[i] == value) {
                return s;
            }
        }
    }

    /** Stores {@code v} (&gt;= 0) for the pair, replacing what was there. */
    void put(int keyId, long value, int v) {
        if (putIfAbsent(keyId, value, v) != ABSENT) {
            for (int i = hash(keyId, value) & mask; ; i = (i + 1) & mask) {
                if (keyIds[i] == keyId && values[i] == value && slots[i] != ABSENT) {
                    slots[i] = v;
                    return;
                }
            }
        }
    }

    private void grow() {
        int[] oldIds = keyIds;
        long[] oldValues = values;
        int[] oldSlots = slots;
        allocate(oldSlots.length * 2);
        size = 0;
        for (int i = 0; i < oldSlots.length; i++) {
            if (oldSlots[i] != ABSENT) {
                putIfAbsent(oldIds[i], oldValues[i], oldSlots[i]);
            }
        }
    }
}
