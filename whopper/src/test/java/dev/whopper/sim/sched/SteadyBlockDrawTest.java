package dev.whopper.sim.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IOResult;
import dev.whopper.sim.VirtualClock;
import dev.whopper.sim.random.RandomStreams;
import dev.whopper.sim.strategy.RandomStrategy;
import dev.whopper.sim.trace.Recorder;
import dev.whopper.workloads.spi.FiberContext;
import dev.whopper.workloads.spi.FiberProgram;
import dev.whopper.workloads.spi.Operation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A block of picks drawn for steady state (nobody sleeps or waits) costs its picks, not the number of
 * fibers: with many fibers that sleep for a moment, every other step starts a steady stretch that its very
 * first pick ends, and each such draw used to materialize the runnable ids and fill the yield-word table,
 * two passes over every fiber (100,000 fibers then ran 13,000 steps/s, 200 times slower than 100). The
 * passes are counted, not timed. A long steady stretch still fills the table once, then draws for free.
 */
class SteadyBlockDrawTest {
    /** Sleeps {@code sleepNanos} (the whole operation), then finishes. */
    private static final class Napper implements FiberProgram, Operation<Object> {
        private final FiberContext ctx;
        private final long sleepNanos;
        private boolean slept;

        Napper(FiberContext ctx, long sleepNanos) {
            this.ctx = ctx;
            this.sleepNanos = sleepNanos;
        }

        @Override
        public Operation<?> next() {
            return this;
        }

        @Override
        public IOResult<Object> step() {
            if (!slept) {
                slept = true;
                return IOResult.io(ctx.sleep(sleepNanos));
            }
            slept = false;
            return IOResult.done(null);
        }

        @Override
        public String kind() {
            return "nap";
        }
    }

    /** Yields forever, one step at a time. */
    private static final class Spinner implements FiberProgram, Operation<Object> {
        @Override
        public Operation<?> next() {
            return this;
        }

        @Override
        public IOResult<Object> step() {
            return IOResult.io(Completion.yielded());
        }

        @Override
        public String kind() {
            return "spin";
        }
    }

    private static Scheduler scheduler(int fibers, long seed, java.util.function.Function<FiberContext, FiberProgram> program) {
        RandomStreams streams = new RandomStreams(seed);
        return new Scheduler(new SchedulerConfig(Long.MAX_VALUE, 0, 0, 32, 10_000_000_000L, 0, false), streams,
            Recorder.recording(false), new RandomStrategy(streams.stream(RandomStreams.SCHEDULER)), new VirtualClock(1_000),
            null, null, List.of(), fibers, program::apply);
    }

    private static Scheduler run(Scheduler s, int steps) {
        s.start();
        assertTrue(s.runSteps(steps), "the run goes on");
        assertEquals(steps, s.clock().steps());
        return s;
    }

    @Test
    void drawsRightAfterAChangeMakeNoPassOverEveryFiber() {
        // A 1 ns nap ends before the next step: then every fiber is runnable again and a block is drawn.
        Scheduler s = run(scheduler(20_000, 7, ctx -> new Napper(ctx, 1)), 4_000);
        assertEquals(0, s.fullPassesOfBlockDraws(), "no block draw passed over every fiber");
        assertTrue(s.counters(java.util.Map.of()).steps() >= 4_000);
    }

    @Test
    void aLongSteadyStretchFillsTheTableOnceThenDrawsForFree() {
        Scheduler s = run(scheduler(16, 7, ctx -> new Spinner()), 10_000);
        // Once as many picks as fibers were drawn: one materialization of the ids and one fill of the table.
        assertEquals(2, s.fullPassesOfBlockDraws(), "one materialization and one fill, for 10,000 steps");
    }

    @Test
    void theSameSeedGivesTheSameTraceHashAndAnotherSeedAnother() {
        long a = run(scheduler(5_000, 3, ctx -> new Napper(ctx, 1 + ctx.id() % 3 * 1_000)), 6_000).recorder().hash().value();
        long b = run(scheduler(5_000, 3, ctx -> new Napper(ctx, 1 + ctx.id() % 3 * 1_000)), 6_000).recorder().hash().value();
        long c = run(scheduler(5_000, 4, ctx -> new Napper(ctx, 1 + ctx.id() % 3 * 1_000)), 6_000).recorder().hash().value();
        assertEquals(a, b);
        assertNotEquals(a, c);
    }
}
