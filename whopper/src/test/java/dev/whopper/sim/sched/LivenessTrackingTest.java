package dev.whopper.sim.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.IOResult;
import dev.whopper.sim.VirtualClock;
import dev.whopper.workloads.spi.Operation;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The liveness check reading the oldest operation in flight finds what a scan of every fiber finds. */
class LivenessTrackingTest {
    @Property(tries = 200)
    void theTrackedCheckEqualsTheScan(@ForAll @IntRange(min = 1, max = 50) int n, @ForAll long seed) {
        Random random = new Random(seed);
        Fiber[] fibers = new Fiber[n];
        for (int i = 0; i < n; i++) {
            fibers[i] = new Fiber(i, null, 0L);
        }
        Operation<?>[] ops = new Operation<?>[n];
        VirtualClock clock = new VirtualClock(100);
        long faultsEnd = random.nextInt(3) * 5_000L;
        LivenessMonitor tracked = new LivenessMonitor(fibers, ops, clock, 3_000, faultsEnd);
        tracked.trackOperations();
        LivenessMonitor scanning = new LivenessMonitor(fibers, ops, clock, 3_000, faultsEnd);
        for (int round = 0; round < 2_000; round++) {
            Fiber f = fibers[random.nextInt(n)];
            if (ops[f.id] == null) {
                ops[f.id] = Operation.named("op", () -> IOResult.done(null));
                f.opKind = "op";
                f.opStartNanos = clock.nowNanos();
                tracked.opStarted(f);
            } else if (random.nextInt(3) == 0) {
                ops[f.id] = null;
                tracked.opEnded(f);
            }
            clock.advanceBy(random.nextInt(400));
            assertEquals(scanning.overdue(), tracked.overdue(), "round " + round);
            assertTrue(tracked.queued() <= 2 * n + 64, "queued " + tracked.queued());
        }
    }

    @Test
    void operationsEndingBehindALongOneKeepTheQueueBoundedAndTheLongOneStaysTheOldest() {
        int n = 10;
        Fiber[] fibers = new Fiber[n];
        for (int i = 0; i < n; i++) {
            fibers[i] = new Fiber(i, null, 0L);
        }
        Operation<?>[] ops = new Operation<?>[n];
        VirtualClock clock = new VirtualClock(100);
        LivenessMonitor m = new LivenessMonitor(fibers, ops, clock, 1_000_000_000L, 0);
        m.trackOperations();
        ops[0] = Operation.named("long", () -> IOResult.done(null));
        fibers[0].opKind = "long";
        m.opStarted(fibers[0]);
        for (int k = 0; k < 100_000; k++) {
            Fiber f = fibers[1 + k % (n - 1)];
            ops[f.id] = ops[0];
            f.opStartNanos = clock.nowNanos();
            m.opStarted(f);
            clock.advanceBy(1_000);
            ops[f.id] = null;
            m.opEnded(f);
            assertTrue(m.queued() <= 2 * n + 64, "queued " + m.queued() + " after " + k);
        }
        clock.advanceBy(1_000_000_000L - 100_000 * 1_000L + 1);
        assertEquals(0, m.overdue().fiber(), "the long operation is overdue; the short ones ended");
    }
}
