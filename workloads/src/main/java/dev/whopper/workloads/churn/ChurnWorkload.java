package dev.whopper.workloads.churn;

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
 * {@code btree-churn}: connections insert and delete bands of keys in transactions, on 512-byte pages with a
 * 16-page cache, so the B+tree splits, merges, redistributes, grows and collapses its root, frees pages and reuses
 * them, and pages are evicted and read back all the time. Operations: insert band (34%), delete band (26%), drain
 * (half the key space deleted, 3%), scans compared with the model (20%), the integrity check (7%), checkpoints of
 * every mode (10%). Properties: {@value ChurnProperties#MODEL}, {@value ChurnProperties#DURABILITY},
 * {@value ChurnProperties#INTEGRITY}, {@value ChurnProperties#NO_CORRUPTION}, {@value ChurnProperties#FINAL}.
 * Counters show the structural changes the commits made (from the engine's tree statistics).
 */
public final class ChurnWorkload {
    /** The workload name. */
    public static final String NAME = "btree-churn";
    /** Keys in the key space. */
    public static final int KEYS = 600;
    /** Operations per fiber by default. */
    public static final int DEFAULT_OPS_PER_FIBER = 12;
    private static final WeightedMix MIX = new WeightedMix(34, 26, 3, 20, 7, 10);

    private ChurnWorkload() { }

    /**
     * @return 512-byte pages, a 16-page cache, no auto-checkpoint (commits are acknowledged in the step they are
     *         published, which the model relies on; checkpoints are operations), a 20 ms busy timeout
     */
    public static DatabaseOptions simOptions() {
        return DatabaseOptions.defaults().withPageSize(512).withCacheCapacityPages(16).withAutoCheckpointFrames(0)
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
        return new Churn(opsPerFiber);
    }

    /** @return the workload with {@value #DEFAULT_OPS_PER_FIBER} operations per connection */
    public static Workload<?> of() {
        return of(DEFAULT_OPS_PER_FIBER);
    }

    private record Churn(int opsPerFiber) implements EngineWorkload<ChurnWorld> {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "the engine's B+tree: bands of keys inserted and deleted on 512-byte pages with a 16-page cache "
                + "(splits, merges, root collapse, freelist reuse); scans against a model, integrity check as an operation";
        }

        @Override
        public int defaultConnections() {
            return 4;
        }

        @Override
        public ChurnWorld createWorld(WorldContext ctx) {
            return new ChurnWorld(ctx.io(), ctx.faults(), simOptions(), ctx.connections(), KEYS, opsPerFiber);
        }

        @Override
        public FiberProgram program(ChurnWorld world, FiberContext ctx) {
            return ChurnWorkload.program(world, ctx);
        }

        @Override
        public List<Property> properties(ChurnWorld world) {
            return world.properties.all(world);
        }

        @Override
        public List<String> propertyNames() {
            return ChurnProperties.names();
        }
    }

    private static FiberProgram program(ChurnWorld w, FiberContext ctx) {
        return w.program(ctx, () -> switch (MIX.pick(ctx)) {
            case 0 -> new BandWrite(w, ctx, BandWrite.Kind.INSERT);
            case 1 -> new BandWrite(w, ctx, BandWrite.Kind.DELETE);
            case 2 -> new BandWrite(w, ctx, BandWrite.Kind.DRAIN);
            case 3 -> new Scan(w, ctx);
            case 4 -> new Maintenance(w, ctx, Maintenance.Kind.INTEGRITY);
            default -> new Maintenance(w, ctx, Maintenance.Kind.CHECKPOINT);
        }, () -> new Maintenance(w, ctx, Maintenance.Kind.FINAL));
    }
}
