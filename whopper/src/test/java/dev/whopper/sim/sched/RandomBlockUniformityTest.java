package dev.whopper.sim.sched;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IOResult;
import dev.whopper.workloads.spi.FiberProgram;
import dev.whopper.workloads.spi.Operation;
import dev.whopper.sim.VirtualClock;
import dev.whopper.sim.random.RandomStreams;
import dev.whopper.sim.strategy.StrategySpec;
import dev.whopper.sim.trace.Recorder;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The random strategy's steady-state blocks (16-bit picks up to 256 runnable fibers, 32-bit above) pick
 * uniformly: every fiber, and every ordered pair of consecutive fibers, comes up as often as chance says.
 * Fixed seeds, so the bounds (over 6 standard deviations) cannot flake.
 */
class RandomBlockUniformityTest {
    @ParameterizedTest
    @CsvSource({"8, 200000", "300, 600000"})
    void picksAreUniform(int fibers, int steps) {
        long[] perFiber = new long[fibers];
        long[] pairs = new long[Math.min(fibers, 8) * Math.min(fibers, 8)];
        int[] last = {-1};
        IOResult<Void> yield = IOResult.io(Completion.yielded());
        RandomStreams streams = new RandomStreams(2026);
        Recorder recorder = Recorder.recording(false);
        SchedulerConfig config = new SchedulerConfig(steps, 0, 0, 32, 0, 0, false);
        Scheduler s = new Scheduler(config, streams, recorder,
            StrategySpec.random().create(streams.stream(RandomStreams.SCHEDULER), fibers, steps, recorder),
            new VirtualClock(1_000), null, null, List.of(), fibers, ctx -> {
                int id = ctx.id();
                Operation<Void> op = () -> {
                    perFiber[id]++;
                    if (last[0] >= 0 && last[0] < 8 && id < 8) {
                        pairs[last[0] * Math.min(fibers, 8) + id]++;
                    }
                    last[0] = id;
                    return yield;
                };
                return (FiberProgram) () -> op;
            });
        s.run();
        double expected = (double) steps / fibers;
        double sigma = Math.sqrt(expected);
        for (int f = 0; f < fibers; f++) {
            assertTrue(Math.abs(perFiber[f] - expected) < 6 * sigma,
                "fiber " + f + " ran " + perFiber[f] + " times (expected about " + expected + ")");
        }
        if (fibers == 8) {
            double pairExpected = (double) steps / 64;
            for (int p = 0; p < pairs.length; p++) {
                assertTrue(Math.abs(pairs[p] - pairExpected) < 6 * Math.sqrt(pairExpected),
                    "pair " + p / 8 + "->" + p % 8 + " came up " + pairs[p] + " times (expected about " + pairExpected + ")");
            }
        }
    }
}
