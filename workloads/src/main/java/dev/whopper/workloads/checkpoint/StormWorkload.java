package dev.whopper.workloads.checkpoint;

import dev.whopper.core.db.DatabaseOptions;
import dev.whopper.workloads.dbclient.EngineWorkload;
import dev.whopper.workloads.property.Property;
import dev.whopper.workloads.spi.FiberContext;
import dev.whopper.workloads.spi.FiberProgram;
import dev.whopper.workloads.spi.WeightedMix;
import dev.whopper.workloads.spi.Workload;
import dev.whopper.workloads.spi.WorldContext;
import java.util.List;

/**
 * {@code checkpoint-storm}: writers (45%: IMMEDIATE transactions writing their id to 1..3 of
 * {@value #KEYS} keys), long readers (25%: snapshots held over 2..6 sleeps of 100..400 us, re-read each time),
 * checkpoints of every mode (25%) and integrity checks (5%), on 512-byte pages with a 32-page cache and an
 * auto-checkpoint every 16 frames, so checkpoints of every kind run under readers all the time. Properties:
 * {@value StormProperties#SNAPSHOT}, {@value StormProperties#DURABILITY}, {@value StormProperties#PROGRESS},
 * {@value StormProperties#INTEGRITY}, {@value StormProperties#NO_CORRUPTION}, {@value StormProperties#FINAL}.
 */
public final class StormWorkload {
    /** The workload name. */
    public static final String NAME = "checkpoint-storm";
    /** Keys written. */
    public static final int KEYS = 24;
    /** Operations per fiber by default. */
    public static final int DEFAULT_OPS_PER_FIBER = 30;
    private static final WeightedMix MIX = new WeightedMix(45, 25, 25, 5);

    private StormWorkload() { }

    /** @return 512-byte pages, a 32-page cache, auto-checkpoint at 16 frames, a 20 ms busy timeout */
    public static DatabaseOptions simOptions() {
        return DatabaseOptions.defaults().withPageSize(512).withCacheCapacityPages(32).withAutoCheckpointFrames(16)
            .withBusyTimeoutNanos(20_000_000L);
    }

    /**
     * @param opsPerFiber operations per connection, &gt; 0
     * @return the workload
     */
    public static Workload<?> of(int opsPerFiber) {
        if (opsPerFiber <= 0) {
            throw new IllegalArgumentException("opsPerFiber: " + opsPerFiber + " (expected: > 0)");
        }
        return new Storm(opsPerFiber);
    }

    /** @return the workload with {@value #DEFAULT_OPS_PER_FIBER} operations per connection */
    public static Workload<?> of() {
        return of(DEFAULT_OPS_PER_FIBER);
    }

    private record Storm(int opsPerFiber) implements EngineWorkload<StormWorld> {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "the engine's checkpoints: every mode and auto-checkpoint under long readers and writers; snapshots "
                + "hold across checkpoints, recoveries keep acknowledged commits, progress once faults stop";
        }

        @Override
        public int defaultConnections() {
            return 6;
        }

        @Override
        public StormWorld createWorld(WorldContext ctx) {
            return new StormWorld(ctx.io(), ctx.faults(), simOptions(), ctx.connections(), KEYS, opsPerFiber);
        }

        @Override
        public FiberProgram program(StormWorld world, FiberContext ctx) {
            return StormWorkload.program(world, ctx);
        }

        @Override
        public List<Property> properties(StormWorld world) {
            return world.properties.all(world);
        }

        @Override
        public List<String> propertyNames() {
            return StormProperties.names();
        }
    }

    private static FiberProgram program(StormWorld w, FiberContext ctx) {
        return w.program(ctx, () -> switch (MIX.pick(ctx)) {
            case 0 -> new StormWrite(w, ctx);
            case 1 -> new LongRead(w, ctx, false);
            case 2 -> new StormCheckpoint(w, ctx);
            default -> new StormIntegrity(w, ctx);
        }, () -> new LongRead(w, ctx, true));
    }
}
