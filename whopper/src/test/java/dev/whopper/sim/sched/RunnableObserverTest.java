package dev.whopper.sim.sched;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IOResult;
import dev.whopper.sim.VirtualClock;
import dev.whopper.sim.random.RandomStreams;
import dev.whopper.sim.strategy.PctStrategy;
import dev.whopper.sim.strategy.PosStrategy;
import dev.whopper.sim.strategy.RoundRobinStrategy;
import dev.whopper.sim.strategy.SchedulerView;
import dev.whopper.sim.strategy.Strategy;
import dev.whopper.sim.trace.Recorder;
import dev.whopper.workloads.spi.FiberContext;
import dev.whopper.workloads.spi.FiberProgram;
import dev.whopper.workloads.spi.Operation;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A strategy that observes the runnable set ({@link Strategy#observesRunnable}) is told every change as the
 * set applies it, and {@link RunnableSet#indexOf} turns an id back into its index, in both forms of the set;
 * inside the scheduler, PCT, POS and round-robin told of changes (ranked set, O(log n) a pick) give the same traces as
 * when they scan the sorted array, with thousands of fibers.
 */
class RunnableObserverTest {
    @Property(tries = 200)
    void theObserverSeesTheSetAndIndexOfIsTheAscendingIndex(@ForAll @IntRange(min = 1, max = 700) int fibers,
                                                           @ForAll boolean ranked, @ForAll long seed) {
        Random random = new Random(seed);
        boolean[] member = new boolean[fibers];
        boolean[] seen = new boolean[fibers];
        RunnableSet set = new RunnableSet(fibers, ranked);
        set.observe((id, runnable) -> seen[id] = runnable);
        for (int round = 0; round < 40; round++) {
            int changes = random.nextInt(5) == 0 ? random.nextInt(fibers + 1) : random.nextInt(12); // merges too
            for (int c = 0; c < changes; c++) {
                int id = random.nextInt(fibers);
                member[id] = random.nextBoolean();
                set.touch(id);
            }
            if (set.wantsRebuild() && random.nextBoolean()) {
                set.rebuild(id -> member[id]);
            } else {
                set.apply(id -> member[id]);
            }
            assertArrayEquals(member, seen, "round " + round);
            int[] expected = IntStream.range(0, fibers).filter(id -> member[id]).toArray();
            for (int index = 0; index < expected.length; index++) {
                assertEquals(index, set.indexOf(expected[index]), "round " + round);
            }
            int below = 0;
            for (int id = 0; id <= fibers; id++) {
                assertEquals(below, set.countBelow(id), "round " + round + ", below " + id);
                below += id < fibers && member[id] ? 1 : 0;
            }
            for (int id = 0; id < fibers; id++) {
                if (!member[id]) {
                    int absent = id;
                    assertThrows(IllegalStateException.class, () -> set.indexOf(absent));
                }
            }
        }
    }

    /** A strategy as it is, but hiding that it observes: the sorted set, and a scan per pick. */
    private static Strategy scanning(Strategy pct) {
        return new Strategy() {
            @Override
            public int pick(int[] runnable, int count, SchedulerView view) {
                return pct.pick(runnable, count, view);
            }

            @Override
            public String name() {
                return pct.name();
            }
        };
    }

    /** Yields a few times, sleeps a little, finishes; again. */
    private static FiberProgram program(FiberContext ctx) {
        return () -> {
            int[] left = {1 + ctx.random().nextInt(4)};
            return Operation.named("spin", () -> {
                if (left[0]-- > 0) {
                    return IOResult.io(Completion.yielded());
                }
                return left[0] == -1 ? IOResult.io(ctx.sleep(ctx.random().nextInt(3_000))) : IOResult.done(null);
            });
        };
    }

    private static long traceHash(int fibers, boolean observed, String kind) {
        RandomStreams streams = new RandomStreams(17);
        Strategy pct = switch (kind) {
            case "pos" -> new PosStrategy(streams.stream(RandomStreams.SCHEDULER), fibers);
            case "rr" -> new RoundRobinStrategy();
            default -> new PctStrategy(streams.stream(RandomStreams.SCHEDULER), 3, fibers, 20_000);
        };
        Scheduler s = new Scheduler(new SchedulerConfig(Long.MAX_VALUE, 0, 0, 32, 10_000_000_000L, 0, false), streams,
            Recorder.recording(true), observed ? pct : scanning(pct), new VirtualClock(1_000), null, null, List.of(), fibers,
            RunnableObserverTest::program);
        s.start();
        assertTrue(s.runSteps(20_000));
        return s.recorder().hash().value();
    }

    @Test
    void pctPosAndRoundRobinToldOfChangesGiveTheTraceOfScanningTheSortedArray() {
        for (String kind : new String[] {"pct", "pos", "rr"}) {
            assertEquals(traceHash(3_000, false, kind), traceHash(3_000, true, kind), kind);
            assertEquals(traceHash(7, false, kind), traceHash(7, true, kind), kind);
        }
    }
}
