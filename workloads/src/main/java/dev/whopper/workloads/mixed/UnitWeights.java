package dev.whopper.workloads.mixed;

import dev.whopper.core.io.Clock;
import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IO;
import dev.whopper.core.io.RandomSource;
import dev.whopper.core.io.YieldInjector;
import dev.whopper.workloads.spi.FiberContext;

/**
 * A fiber's context whose workload weights are all 1.0: the mix of parts draws by the parts' shares, which the
 * run's weights {@value #OFFSET}.. already scaled ({@link MixedWorkload#shares}); the parts' own operation mixes
 * read the fiber's first weights.
 */
final class UnitWeights implements FiberContext {
    /** The first weight index of the run's draw that scales the mix of parts. */
    static final int OFFSET = 5;

    private final FiberContext fiber;

    UnitWeights(FiberContext fiber) {
        this.fiber = fiber;
    }

    @Override
    public int id() {
        return fiber.id();
    }

    @Override
    public long opIndex() {
        return fiber.opIndex();
    }

    @Override
    public RandomSource random() {
        return fiber.random();
    }

    @Override
    public YieldInjector yields() {
        return fiber.yields();
    }

    @Override
    public Clock clock() {
        return fiber.clock();
    }

    @Override
    public Completion sleep(long nanos) {
        return fiber.sleep(nanos);
    }

    @Override
    public IO io() {
        return fiber.io();
    }

    @Override
    public double workloadWeight(int index) {
        return 1.0;
    }
}
