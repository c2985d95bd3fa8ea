package dev.whopper.workloads.kv;

import dev.whopper.core.db.DatabaseOptions;
import dev.whopper.workloads.dbclient.EngineChecks;
import dev.whopper.workloads.dbclient.RecoveredWalEnd;
import dev.whopper.workloads.dbclient.EngineWorkload;
import dev.whopper.workloads.dbclient.WorkloadPart;
import dev.whopper.workloads.property.Property;
import dev.whopper.workloads.spi.FiberContext;
import dev.whopper.workloads.spi.FiberProgram;
import dev.whopper.workloads.spi.WeightedMix;
import dev.whopper.workloads.spi.Workload;
import dev.whopper.workloads.spi.WorldContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kv-model}: connections run transactions (DEFERRED or IMMEDIATE) of get, put, delete and scan on
 * {@value KvKeys#KEYS} keys, long readers that stay open across many commits and checkpoints, autocommit single
 * operations and checkpoints, with a page cache smaller than the store, so readers read pages back from the WAL
 * and the database file. Everything read is checked against a versioned model that applies commits in commit
 * order ({@link KvProperties}); every open checks that the store is a prefix of the commit order holding every
 * acknowledged commit.
 */
public final class KvWorkload {
    /** The workload name. */
    public static final String NAME = "kv-model";
    /** Operations per fiber. */
    public static final int DEFAULT_OPS_PER_FIBER = 40;
    /** Page cache capacity: fewer pages than the store spans once it has grown. */
    public static final int CACHE_PAGES = 12;
    /**
     * 40% transactions, 15% long readers, 35% autocommit operations, 10% checkpoints (weights 0 to 3, which the
     * swarm strategy scales per seed).
     */
    private static final WeightedMix MIX = new WeightedMix(40, 15, 35, 10);

    private KvWorkload() { }

    /** @return the engine options: 512-byte pages, a {@value #CACHE_PAGES}-page cache, frequent auto-checkpoints */
    public static DatabaseOptions simOptions() {
        return DatabaseOptions.defaults()
            .withPageSize(512)
            .withCacheCapacityPages(CACHE_PAGES)
            .withAutoCheckpointFrames(32)
            .withBusyTimeoutNanos(20_000_000L);
    }

    /** @return the names of every property a kv-model run checks */
    public static List<String> propertyNames() {
        List<String> names = new ArrayList<>(KvProperties.names());
        names.addAll(EngineChecks.names("kv"));
        names.add("kv" + RecoveredWalEnd.SUFFIX);
        return List.copyOf(names);
    }

    /**
     * @param opsPerFiber operations per connection, &gt; 0
     * @return the workload
     */
    public static Workload<?> of(int opsPerFiber) {
        return new Kv(opsPerFiber);
    }

    /** @return the workload with {@value #DEFAULT_OPS_PER_FIBER} operations per connection */
    public static Workload<?> of() {
        return of(DEFAULT_OPS_PER_FIBER);
    }

    /**
     * This workload as a part of the {@code mixed} workload, on the run's disk.
     *
     * @param ctx         the run's context
     * @param opsPerFiber operations per connection, &gt;= 0
     * @return the part
     */
    public static WorkloadPart part(WorldContext ctx, int opsPerFiber) {
        KvWorld world = new KvWorld(ctx.io(), ctx.faults(), simOptions(), ctx.connections(), opsPerFiber);
        return world.part(NAME, fiber -> KvWorkload.program(world, fiber), () -> KvWorkload.properties(world));
    }

    private record Kv(int opsPerFiber) implements EngineWorkload<KvWorld> {
        Kv {
            if (opsPerFiber <= 0) {
                throw new IllegalArgumentException("opsPerFiber: " + opsPerFiber + " (expected: > 0)");
            }
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "the engine: transactions of get/put/delete/scan on " + KvKeys.KEYS + " keys, long readers, autocommit ops "
                + "and checkpoints, a cache smaller than the store; every read equals a versioned model in commit order";
        }

        @Override
        public KvWorld createWorld(WorldContext ctx) {
            return new KvWorld(ctx.io(), ctx.faults(), simOptions(), ctx.connections(), opsPerFiber);
        }

        @Override
        public FiberProgram program(KvWorld world, FiberContext ctx) {
            return KvWorkload.program(world, ctx);
        }

        @Override
        public List<Property> properties(KvWorld world) {
            return KvWorkload.properties(world);
        }

        @Override
        public List<String> propertyNames() {
            return KvWorkload.propertyNames();
        }
    }

    private static List<Property> properties(KvWorld world) {
        List<Property> all = new ArrayList<>(world.properties.all());
        all.addAll(world.checks.all(world::finalCheckHeld));
        all.add(world.walEnd);
        return List.copyOf(all);
    }

    private static FiberProgram program(KvWorld w, FiberContext ctx) {
        return w.program(ctx, () -> switch (MIX.pick(ctx)) {
            case 0 -> new KvOp(w, ctx, KvOp.Kind.TXN);
            case 1 -> new KvOp(w, ctx, KvOp.Kind.LONG_READ);
            case 2 -> new KvOp(w, ctx, KvOp.Kind.AUTO);
            default -> new KvOp(w, ctx, KvOp.Kind.CHECKPOINT);
        }, () -> new KvOp(w, ctx, KvOp.Kind.FINAL));
    }
}
