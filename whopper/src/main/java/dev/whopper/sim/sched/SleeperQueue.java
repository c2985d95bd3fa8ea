package dev.whopper.sim.sched;

/**
 * The sleeping fibers, ordered by (wake-up time, fiber id): a 4-ary min-heap whose entries hold their keys
 * (the wake-up time and the id, in two arrays indexed by heap position), with each fiber's position kept,
 * so that the earliest wake-up is read in O(1) and a fiber is added or removed (a crash abandons a sleeper)
 * in O(log n). Holds each fiber at most once; allocates nothing after construction.
 *
 * <p>The keys are unique (one entry per fiber), so the order of the minimums is the total order of
 * (wake-up time, id), whatever the heap's shape. The keys live in the heap's own arrays, not in a table by
 * fiber id: a sift compares a node with its children, which are adjacent here (four children's keys share
 * one or two cache lines), where looking each child's wake-up time up by id touched a random line per
 * comparison with many fibers asleep. Four children per node halve the depth of a binary heap.
 */
final class SleeperQueue {
    /** The wake-up time of the entry at each heap position. */
    private final long[] wakeAt;
    /** The fiber of the entry at each heap position. */
    private final int[] idAt;
    /** Each fiber's position in the heap, or -1 when it is not in the queue; by fiber id. */
    private final int[] position;
    private int size;

    /** @param fibers how many fibers there are */
    SleeperQueue(int fibers) {
        wakeAt = new long[fibers];
        idAt = new int[fibers];
        position = new int[fibers];
        java.util.Arrays.fill(position, -1);
    }

    /** @return how many fibers sleep */
    int size() {
        return size;
    }

    /** @return the earliest wake-up time, or {@link Long#MAX_VALUE} when nobody sleeps */
    long nextWakeNanos() {
        return size == 0 ? Long.MAX_VALUE : wakeAt[0];
    }

    /** @return the fiber that wakes first (the lowest id among equal times); the queue must not be empty */
    int peek() {
        return idAt[0];
    }

    /**
     * @param id          a fiber not in the queue
     * @param wakeAtNanos when it wakes
     */
    void add(int id, long wakeAtNanos) {
        if (position[id] >= 0) {
            throw new IllegalStateException("fiber " + id + " sleeps already");
        }
        up(size++, wakeAtNanos, id);
    }

    /** @param id a fiber; removed when in the queue, else nothing happens */
    void remove(int id) {
        int at = position[id];
        if (at < 0) {
            return;
        }
        position[id] = -1;
        int last = --size;
        if (at < last) {
            long w = wakeAt[last];
            int i = idAt[last];
            if (at > 0 && before(w, i, wakeAt[(at - 1) >>> 2], idAt[(at - 1) >>> 2])) {
                up(at, w, i);
            } else {
                down(at, w, i);
            }
        }
    }

    private static boolean before(long wa, int a, long wb, int b) {
        return wa < wb || wa == wb && a < b;
    }

    /** Places entry (w, id) at {@code at} or above it, moving larger parents down. */
    private void up(int at, long w, int id) {
        while (at > 0) {
            int parent = (at - 1) >>> 2;
            long pw = wakeAt[parent];
            int p = idAt[parent];
            if (!before(w, id, pw, p)) {
                break;
            }
            put(at, pw, p);
            at = parent;
        }
        put(at, w, id);
    }

    /** Places entry (w, id) at {@code at} or below it, moving smaller children up. */
    private void down(int at, long w, int id) {
        while (true) {
            int first = 4 * at + 1;
            if (first >= size) {
                break;
            }
            int min = first;
            long mw = wakeAt[first];
            int mi = idAt[first];
            int end = Math.min(first + 4, size);
            for (int c = first + 1; c < end; c++) {
                long cw = wakeAt[c];
                int ci = idAt[c];
                if (before(cw, ci, mw, mi)) {
                    min = c;
                    mw = cw;
                    mi = ci;
                }
            }
            if (!before(mw, mi, w, id)) {
                break;
            }
            put(at, mw, mi);
            at = min;
        }
        put(at, w, id);
    }

    private void put(int at, long w, int id) {
        wakeAt[at] = w;
        idAt[at] = id;
        position[id] = at;
    }
}
