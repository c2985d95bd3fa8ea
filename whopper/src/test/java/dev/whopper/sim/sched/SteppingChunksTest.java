package dev.whopper.sim.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IOResult;
import dev.whopper.workloads.spi.FiberContext;
import dev.whopper.workloads.spi.FiberProgram;
import dev.whopper.workloads.spi.Operation;
import dev.whopper.sim.Outcome;
import dev.whopper.sim.VirtualClock;
import dev.whopper.sim.random.RandomStreams;
import dev.whopper.sim.strategy.RoundRobinStrategy;
import dev.whopper.sim.strategy.SchedulerView;
import dev.whopper.sim.strategy.Strategy;
import dev.whopper.sim.strategy.StrategySpec;
import dev.whopper.sim.trace.Recorder;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The steady-state fast path (one flag check, the random strategy's picks drawn a block at a time) must
 * not make a run depend on how it is stepped: one step per call, chunks of any size, or {@link
 * Scheduler#run()} take the same path, with the same trace hash, decision log and counters.
 */
class SteppingChunksTest {
    private static final int FIBERS = 6;
    private static final long MAX_STEPS = 5_000;

    /** Ops that yield a few times, sometimes sleep, then finish: steady stretches broken by state changes. */
    private static FiberProgram program(FiberContext ctx) {
        return new FiberProgram() {
            int opsLeft = 12;

            @Override
            public Operation<?> next() {
                if (opsLeft-- == 0) {
                    return null;
                }
                int yields = ctx.random().nextInt(40);
                boolean sleeps = ctx.random().nextInt(4) == 0;
                return Operation.named("op", new Operation<Long>() {
                    int left = yields;
                    boolean slept;

                    @Override
                    public IOResult<Long> step() {
                        if (left-- > 0) {
                            return IOResult.io(Completion.yielded());
                        }
                        if (sleeps && !slept) {
                            slept = true;
                            return IOResult.io(ctx.sleep(5_000));
                        }
                        return IOResult.done((long) yields);
                    }
                });
            }
        };
    }

    private static Scheduler scheduler(long seed, String strategy) {
        return scheduler(seed, strategy, SteppingChunksTest::program);
    }

    private static Scheduler scheduler(long seed, String strategy, Scheduler.FiberFactory program) {
        RandomStreams streams = new RandomStreams(seed);
        Recorder recorder = Recorder.recording(true);
        SchedulerConfig config = new SchedulerConfig(MAX_STEPS, 0, 0, 32, 0, 0, true);
        return new Scheduler(config, streams, recorder,
            StrategySpec.parse(strategy).create(streams.stream(RandomStreams.SCHEDULER), FIBERS, MAX_STEPS, recorder),
            new VirtualClock(1_000), null, null, List.of(), FIBERS, program);
    }

    /** Round-robin behind a wrapper the scheduler does not recognise: picked one step at a time, no blocks. */
    private static Scheduler wrappedRoundRobin(long seed) {
        return wrappedRoundRobin(seed, SteppingChunksTest::program);
    }

    private static Scheduler wrappedRoundRobin(long seed, Scheduler.FiberFactory program) {
        RandomStreams streams = new RandomStreams(seed);
        Recorder recorder = Recorder.recording(true);
        SchedulerConfig config = new SchedulerConfig(MAX_STEPS, 0, 0, 32, 0, 0, true);
        Strategy rr = new RoundRobinStrategy();
        Strategy wrapped = new Strategy() {
            @Override
            public int pick(int[] runnable, int count, SchedulerView view) {
                return rr.pick(runnable, count, view);
            }

            @Override
            public String name() {
                return "wrapped-rr";
            }
        };
        return new Scheduler(config, streams, recorder, wrapped, new VirtualClock(1_000), null, null, List.of(),
            FIBERS, program);
    }

    @ParameterizedTest
    @CsvSource({"1", "2", "3"})
    void roundRobinBlocksTakeTheSamePathAsPickingEachStep(long seed) {
        Scheduler blocks = scheduler(seed, "rr");
        Scheduler each = wrappedRoundRobin(seed);
        blocks.start();
        each.start();
        boolean more = true;
        while (more) { // the event ring too, at every stop (yields of a block are written when it stops)
            more = blocks.runSteps(37);
            assertEquals(more, each.runSteps(37));
            assertEquals(fingerprint(each), fingerprint(blocks), "at step " + each.step());
        }
    }

    private static String fingerprint(Scheduler s) {
        return s.recorder().hash().value() + " " + s.recorder().log().size() + " " + s.counters(java.util.Map.of())
            + " " + s.events().written() + " " + s.events().snapshot();
    }

    @ParameterizedTest
    @CsvSource({"1, random", "2, random", "3, random", "4, rr", "5, pct:2", "6, random"})
    void runStepChunksAndRunAgree(long seed, String strategy) {
        Scheduler whole = scheduler(seed, strategy);
        Outcome outcome = whole.run();
        assertTrue(outcome instanceof Outcome.Passed p && p.allFibersDone(), outcome.toString());
        String expected = fingerprint(whole);
        for (int chunk : new int[] {1, 7, 64, 1000}) {
            Scheduler s = scheduler(seed, strategy);
            s.start();
            while (s.runSteps(chunk)) {
                assertTrue(s.step() <= MAX_STEPS, "ran past every fiber's end");
            }
            assertEquals(expected, fingerprint(s), "chunks of " + chunk);
        }
        Scheduler single = scheduler(seed, strategy);
        single.start();
        while (single.runStep()) {
            // one step per call
        }
        assertEquals(expected, fingerprint(single), "one step per call");
    }

    /**
     * Every fiber yields for long steady stretches; fiber 3's operation throws on its 300th step, in the
     * middle of a block of picks. The block loop must stop at that very step: the violation names the same
     * step, time and fiber, and the trace is the same, as when each step is picked on its own.
     */
    @ParameterizedTest
    @CsvSource({"1", "2", "3"})
    void anExceptionInTheMiddleOfABlockStopsTheRunAtThatStep(long seed) {
        Scheduler.FiberFactory throwsLate = ctx -> () -> Operation.named("spin", new Operation<Void>() {
            int steps;

            @Override
            public IOResult<Void> step() {
                if (ctx.id() == 3 && ++steps == 300) {
                    throw new IllegalStateException("fiber 3 broke at its step 300");
                }
                return IOResult.io(Completion.yielded());
            }
        });
        Scheduler blocks = scheduler(seed, "rr", throwsLate);
        Scheduler each = wrappedRoundRobin(seed, throwsLate);
        Outcome.Violation v = assertInstanceOf(Outcome.Violation.class, blocks.run());
        assertEquals(v, each.run());
        assertEquals(Blame.UNCAUGHT_EXCEPTION, v.property());
        assertEquals(3, v.fiber());
        assertEquals(FIBERS * 299 + 3, v.step(), "fiber 3's 300th step in round-robin order from fiber 0");
        assertEquals(fingerprint(each), fingerprint(blocks));

        for (int chunk : new int[] {1, 7, 1000}) { // random: the block loop, however the run is stepped
            Scheduler whole = scheduler(seed, "random", throwsLate);
            Outcome expected = whole.run();
            Outcome.Violation rv = assertInstanceOf(Outcome.Violation.class, expected);
            assertEquals(3, rv.fiber());
            Scheduler s = scheduler(seed, "random", throwsLate);
            s.start();
            while (s.runSteps(chunk)) {
                assertTrue(s.step() <= MAX_STEPS, "ran past the throw");
            }
            assertEquals(expected, s.failure(), "chunks of " + chunk);
            assertEquals(fingerprint(whole), fingerprint(s), "chunks of " + chunk);
        }
    }
}
