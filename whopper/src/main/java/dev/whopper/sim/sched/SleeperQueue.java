package dev.whopper.sim.sched;

/**
 * The sleeping fibers, ordered by (wake-up time, fiber id): a binary min-heap over fiber ids with each
 * fiber's position kept, so that the earliest wake-up is read in O(1) and a fiber is added or removed
 * (a crash abandons a sleeper) in O(log n). Holds each fiber at most once; allocates nothing after
 * construction.
 */
final class SleeperQueue {
    private final int[] heap;
    /** Each fiber's index in {@link #heap}, or -1 when it is not in the queue. */
    private final int[] position;
    private final long[] wakeAt;
    private int size;

    /** @param fibers how many fibers there are */
    SleeperQueue(int fibers) {
        heap = new int[fibers];
        position = new int[fibers];
        wakeAt = new long[fibers];
        java.util.Arrays.fill(position, -1);
    }

    /** @return how many fibers sleep */
    int size() {
        return size;
    }

    /** @return the earliest wake-up time, or {@link Long#MAX_VALUE} when nobody sleeps */
    long nextWakeNanos() {
        return size == 0 ? Long.MAX_VALUE : wakeAt[heap[0]];
    }

    /** @return the fiber that wakes first (the lowest id among equal times); the queue must not be empty */
    int peek() {
        return heap[0];
    }

    /**
     * @param id      a fiber not in the queue
     * @param wakeAtNanos when it wakes
     */
    void add(int id, long wakeAtNanos) {
        if (position[id] >= 0) {
            throw new IllegalStateException("fiber " + id + " sleeps already");
        }
        wakeAt[id] = wakeAtNanos;
        heap[size] = id;
        position[id] = size;
        up(size++);
    }

    /** @param id a fiber; removed when in the queue, else nothing happens */
    void remove(int id) {
        int at = position[id];
        if (at < 0) {
            return;
        }
        position[id] = -1;
        int last = heap[--size];
        if (at < size) {
            heap[at] = last;
            position[last] = at;
            up(at);
            down(position[last]);
        }
    }

    private boolean before(int a, int b) {
        long wa = wakeAt[a];
        long wb = wakeAt[b];
        return wa < wb || wa == wb && a < b;
    }

    private void up(int at) {
        int id = heap[at];
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            int p = heap[parent];
            if (!before(id, p)) {
                break;
            }
            heap[at] = p;
            position[p] = at;
            at = parent;
        }
        heap[at] = id;
        position[id] = at;
    }

    private void down(int at) {
        int id = heap[at];
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(heap[child + 1], heap[child])) {
                child++;
            }
            int c = heap[child];
            if (!before(c, id)) {
                break;
            }
            heap[at] = c;
            position[c] = at;
            at = child;
        }
        heap[at] = id;
        position[id] = at;
    }
}
