package dev.whopper.workloads.spi;

import dev.whopper.core.io.Clock;
import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IO;
import dev.whopper.core.io.RandomSource;
import dev.whopper.core.io.YieldInjector;

/**
 * What a fiber's program may use: its own seeded random stream, its yield injector, the virtual clock,
 * explicit sleeps, and the simulated I/O when the run has one.
 */
public interface FiberContext {
    /** @return the fiber's number, from 0 */
    int id();

    /**
     * The number of the operation this fiber is running: its operations are numbered from 0 in the order the
     * fiber started them (the order of their {@code OP_START} events), across crashes and reconnects. A property
     * names an operation it blames by it ({@link dev.whopper.workloads.property.Blamed}). Read it from the
     * operation's steps: while a program's {@code next()} creates the operation, it is not running yet. Reading
     * it decides nothing and draws no randomness.
     *
     * @return the operation's number, or -1 when no operation is running or the runner does not count them
     */
    default long opIndex() {
        return -1;
    }

    /** @return the fiber's own random stream ({@code "fiber/<id>"}) */
    RandomSource random();

    /**
     * @return the fiber's yield injector: seeded from its own stream, with the run's rate and per-operation
     *         cap; every decision is recorded
     */
    YieldInjector yields();

    /** @return the virtual clock */
    Clock clock();

    /**
     * A sleep: return {@code IOResult.io(ctx.sleep(nanos))} from a step and the fiber is SLEEPING until
     * the clock reaches now + {@code nanos}; then the step is called again.
     *
     * @param nanos how long, &gt;= 0
     * @return the completion to return
     */
    Completion sleep(long nanos);

    /** @return the simulated I/O of the run, or {@code null} when the run has none */
    IO io();

    /**
     * A workload weight: 1.0 normally; under the swarm strategy each seed draws its own weights in [0, 1]
     * (each is 0 with probability 1/4), so different seeds run different operation mixes. A workload
     * multiplies its base weight of operation kind {@code index} by it.
     *
     * @param index which weight, {@code 0 .. 7}
     * @return the weight
     */
    double workloadWeight(int index);
}
