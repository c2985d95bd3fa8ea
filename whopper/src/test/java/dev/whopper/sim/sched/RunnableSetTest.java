package dev.whopper.sim.sched;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IOResult;
import dev.whopper.sim.VirtualClock;
import dev.whopper.sim.random.RandomStreams;
import dev.whopper.sim.strategy.SchedulerView;
import dev.whopper.sim.strategy.Strategy;
import dev.whopper.sim.trace.Recorder;
import dev.whopper.workloads.spi.FiberContext;
import dev.whopper.workloads.spi.Operation;
import dev.whopper.workloads.spi.Signal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The incremental runnable set against a brute-force recomputation (an ascending scan of every fiber, as
 * the scheduler collected it before it was incremental): on its own, and inside the scheduler on random
 * interleavings of blocking, waking, sleeping and finishing.
 */
class RunnableSetTest {
    /** Random membership changes, touched (plus spurious touches), applied at random points. */
    @Property(tries = 300)
    void theSetIsAlwaysTheAscendingScan(@ForAll @IntRange(min = 1, max = 200) int fibers, @ForAll long seed) {
        Random random = new Random(seed);
        boolean[] member = new boolean[fibers];
        RunnableSet set = new RunnableSet(fibers);
        for (int round = 0; round < 60; round++) {
            int changes = random.nextInt(4) == 0 ? random.nextInt(fibers + 1) : random.nextInt(3);
            for (int c = 0; c < changes; c++) {
                int id = random.nextInt(fibers);
                if (random.nextInt(4) != 0) {
                    member[id] = !member[id];
                }
                set.touch(id); // a touch need not change anything
            }
            if (set.wantsRebuild()) {
                set.rebuild(id -> member[id]);
            } else {
                set.apply(id -> member[id]);
            }
            int[] expected = IntStream.range(0, fibers).filter(id -> member[id]).toArray();
            assertArrayEquals(expected, Arrays.copyOf(set.ids, set.count()), "round " + round);
        }
    }

    /**
     * A random workload whose fibers yield, sleep, wait on signals other fibers raise and finish: at every
     * pick, the runnable set is what a scan of every fiber finds (RUNNABLE, or BLOCKED on a finished
     * completion).
     */
    @Property(tries = 150)
    void insideTheSchedulerEveryPickSeesTheScan(@ForAll @IntRange(min = 2, max = 40) int fibers,
                                               @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Signal[] signals = {new Signal("a"), new Signal("b"), new Signal("c")};
        Scheduler[] holder = new Scheduler[1];
        int[] checks = new int[1];
        Strategy checking = new Strategy() {
            private final Random random = new Random(seed);

            @Override
            public int pick(int[] runnable, int count, SchedulerView view) {
                assertArrayEquals(scan(holder[0]), Arrays.copyOf(runnable, count), "step " + view.step());
                checks[0]++;
                return random.nextInt(count);
            }

            @Override
            public String name() {
                return "checking";
            }
        };
        Scheduler s = new Scheduler(SchedulerConfig.defaults(), new RandomStreams(seed), Recorder.recording(false),
            checking, new VirtualClock(1_000), null, null, List.of(), fibers, ctx -> {
                Random r = new Random(seed * 31 + ctx.id());
                int[] left = {5 + r.nextInt(20)};
                return () -> left[0]-- <= 0 ? null : randomOp(ctx, r, signals);
            });
        holder[0] = s;
        s.run();
        assertEquals(true, checks[0] > 0 || fibers < 2);
    }

    /** An operation of one to three steps: yield, sleep, wait on a signal, raise one, or just finish. */
    private static Operation<Object> randomOp(FiberContext ctx, Random r, Signal[] signals) {
        int kind = r.nextInt(5);
        int[] step = {0};
        return Operation.named("op" + kind, () -> {
            if (step[0]++ > 0) {
                return IOResult.done(null);
            }
            return switch (kind) {
                case 0 -> IOResult.io(Completion.yielded());
                case 1 -> IOResult.io(ctx.sleep(r.nextInt(4) * 1_000L));
                case 2 -> IOResult.io(signals[r.nextInt(signals.length)].await());
                case 3 -> {
                    for (Signal sig : signals) {
                        sig.signalAll();
                    }
                    yield IOResult.done(null);
                }
                default -> IOResult.done(null);
            };
        });
    }

    /** The brute force: every fiber, ascending, that is RUNNABLE or BLOCKED on a finished completion. */
    private static int[] scan(Scheduler s) {
        List<Integer> ids = new ArrayList<>();
        for (Fiber f : s.fibers()) {
            if (f.state == FiberState.RUNNABLE || f.state == FiberState.BLOCKED && f.blockedOn.finished()) {
                ids.add(f.id);
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * A completion finished inside another fiber's step (a signal) makes its waiter runnable at the very
     * next step, as when every step re-collected by scanning.
     */
    @Test
    void aCompletionFinishedByAnotherFibersStepWakesItsWaiterAtTheNextStep() {
        Signal signal = new Signal("go");
        List<int[]> seen = new ArrayList<>();
        int[] order = {0, 1}; // the fiber picked at the first steps: 0 waits, then 1 signals
        Strategy scripted = new Strategy() {
            @Override
            public int pick(int[] runnable, int count, SchedulerView view) {
                seen.add(Arrays.copyOf(runnable, count));
                int step = (int) view.step();
                if (step < order.length) {
                    return Arrays.binarySearch(runnable, 0, count, order[step]);
                }
                return count - 1;
            }

            @Override
            public String name() {
                return "scripted";
            }
        };
        Scheduler s = new Scheduler(SchedulerConfig.defaults(), new RandomStreams(1), Recorder.recording(false),
            scripted, new VirtualClock(1_000), null, null, List.of(), 3, ctx -> {
                boolean[] started = {false};
                return () -> {
                    if (started[0]) {
                        return null;
                    }
                    started[0] = true;
                    return switch (ctx.id()) {
                        case 0 -> twoSteps(() -> IOResult.io(signal.await()));
                        case 1 -> Operation.named("signal", () -> {
                            signal.signalAll();
                            return IOResult.done(null);
                        });
                        default -> twoSteps(() -> IOResult.io(Completion.yielded()));
                    };
                };
            });
        s.start();
        s.runStep(); // step 0: fiber 0 blocks on the signal
        s.runStep(); // step 1: fiber 1 signals, finishes its only operation
        assertEquals(FiberState.BLOCKED, s.state(0), "woken at the next collection, not during the step");
        s.runStep(); // step 2: fiber 0 is runnable again
        assertArrayEquals(new int[] {0, 1, 2}, seen.get(0));
        assertArrayEquals(new int[] {1, 2}, seen.get(1));
        assertArrayEquals(new int[] {0, 2}, seen.get(2));
    }

    private static Operation<Object> twoSteps(Operation<Object> first) {
        int[] step = {0};
        return Operation.named("two", () -> step[0]++ == 0 ? first.step() : IOResult.done(null));
    }
}
