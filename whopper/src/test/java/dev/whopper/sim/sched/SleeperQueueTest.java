package dev.whopper.sim.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The sleeper heap against a sorted set of (wake time, id): the same order, with removals. */
class SleeperQueueTest {
    @Property(tries = 200)
    void ordersByWakeTimeThenId(@ForAll @IntRange(min = 1, max = 100) int fibers, @ForAll long seed) {
        againstTheModel(fibers, seed, 400, 20);
    }

    /** Deep heaps (up to six levels of four), with removals from the middle and many equal wake times. */
    @Property(tries = 30)
    void ordersManySleepersByWakeTimeThenId(@ForAll @IntRange(min = 100, max = 3000) int fibers, @ForAll long seed) {
        againstTheModel(fibers, seed, 8 * fibers, 1 + fibers / 4);
    }

    /**
     * Random adds (wake times in {@code [0, wakeTimes)}), removals and polls, checked after each against a
     * sorted set: the head, its wake time and the size.
     */
    private static void againstTheModel(int fibers, long seed, int ops, int wakeTimes) {
        Random random = new Random(seed);
        SleeperQueue q = new SleeperQueue(fibers);
        long[] wake = new long[fibers];
        TreeSet<Integer> model = new TreeSet<>((a, b) -> wake[a] != wake[b] ? Long.compare(wake[a], wake[b])
            : Integer.compare(a, b));
        for (int op = 0; op < ops; op++) {
            int id = random.nextInt(fibers);
            int what = random.nextInt(3);
            if (what == 0 && !model.contains(id)) {
                wake[id] = random.nextInt(wakeTimes);
                q.add(id, wake[id]);
                model.add(id);
            } else if (what == 1) {
                model.remove(id);
                q.remove(id);
            } else if (!model.isEmpty()) {
                int first = model.pollFirst();
                assertEquals(first, q.peek());
                assertEquals(wake[first], q.nextWakeNanos());
                q.remove(first);
            }
            assertEquals(model.size(), q.size());
            assertEquals(model.isEmpty() ? Long.MAX_VALUE : wake[model.first()], q.nextWakeNanos());
        }
    }
}
