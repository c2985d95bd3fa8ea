package dev.whopper.sim.sched;

/**
 * The sleeping fibers, ordered by (wake-up time, fiber id): a 4-ary min-heap whose entries hold their keys
 * (the wake-up time and the id, two words per heap position), with each fiber's position kept,
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
    /**
     * The entries by heap position, two words each: {@code [2 p]} the wake-up time, {@code [2 p + 1]} the fiber
     * (one array, so that a sift reads one record per node it visits, not a line of each of two arrays).
     */
    private final long[] heap;
    /** Each fiber's position in the heap, or -1 when it is not in the queue; by fiber id. */
    private final int[] position;
    private int size;

    /** @param fibers how many fibers there are */
    SleeperQueue(int fibers) {
        heap = new long[2 * fibers];
        position = new int[fibers];
        java.util.Arrays.fill(position, -1);
    }

    /** @return how many fibers sleep */
    int size() {
        return size;
    }

    /** @return the earliest wake-up time, or {@link Long#MAX_VALUE} when nobody sleeps */
    long nextWakeNanos() {
        return size == 0 ? Long.MAX_VALUE : heap[0];
    }

    /** @return the fiber that wakes first (the lowest id among equal times); the queue must not be empty */
    int peek() {
        return (int) heap[1];
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
            long w = heap[2 * last];
            int i = (int) heap[2 * last + 1];
            if (at > 0 && before(w, i, heap[2 * ((at - 1) >>> 2)], (int) heap[2 * ((at - 1) >>> 2) + 1])) {
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
            long pw = heap[2 * parent];
            int p = (int) heap[2 * parent + 1];
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
            long mw = heap[2 * first];
            int mi = (int) heap[2 * first + 1];
            int end = Math.min(first + 4, size);
            for (int c = first + 1; c < end; c++) {
                long cw = heap[2 * c];
                int ci = (int) heap[2 * c + 1];
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
        heap[2 * at] = w;
        heap[2 * at + 1] = id;
        position[id] = at;
    }
}
