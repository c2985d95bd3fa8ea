package dev.whopper.workloads.counter;

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
 * {@code counter}: connections increment {@value #COUNTERS} counters by read-modify-write transactions (DEFERRED
 * or IMMEDIATE), read them all in one snapshot, and checkpoint. Every value read (by a reader, by an increment,
 * after every open, by the final read pass) lies within [acknowledged, acknowledged + unknown-outcome + committing]
 * increments: {@value CounterProperties#NO_LOST_INCREMENT} and {@value CounterProperties#NO_PHANTOM_INCREMENT}.
 */
public final class CounterWorkload {
    /** The workload name. */
    public static final String NAME = "counter";
    /** Counters. */
    public static final int COUNTERS = 6;
    /** Operations per fiber. */
    public static final int DEFAULT_OPS_PER_FIBER = 40;
    /** 70% increments, 20% reads, 10% checkpoints (weights 0 to 2, which the swarm strategy scales per seed). */
    private static final WeightedMix MIX = new WeightedMix(70, 20, 10);

    private CounterWorkload() { }

    /** @return the engine options: small pages, a small cache, frequent auto-checkpoints */
    public static DatabaseOptions simOptions() {
        return DatabaseOptions.defaults()
            .withPageSize(512)
            .withCacheCapacityPages(16)
            .withAutoCheckpointFrames(32)
            .withBusyTimeoutNanos(20_000_000L);
    }

    /** @return the names of every property a counter run checks */
    public static List<String> propertyNames() {
        List<String> names = new ArrayList<>(List.of(CounterProperties.NO_LOST_INCREMENT, CounterProperties.NO_PHANTOM_INCREMENT));
        names.addAll(EngineChecks.names("counter"));
        names.add("counter" + RecoveredWalEnd.SUFFIX);
        return List.copyOf(names);
    }

    /**
     * @param opsPerFiber operations per connection, &gt; 0
     * @return the workload
     */
    public static Workload<?> of(int opsPerFiber) {
        return new Counter(opsPerFiber);
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
        CounterWorld world = new CounterWorld(ctx.io(), ctx.faults(), simOptions(), ctx.connections(), COUNTERS, opsPerFiber);
        return world.part(NAME, fiber -> CounterWorkload.program(world, fiber), () -> CounterWorkload.properties(world));
    }

    private record Counter(int opsPerFiber) implements EngineWorkload<CounterWorld> {
        Counter {
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
            return "the engine: connections increment " + COUNTERS + " counters by read-modify-write transactions and read "
                + "them; no acknowledged increment lost, none from nowhere, across crashes";
        }

        @Override
        public CounterWorld createWorld(WorldContext ctx) {
            return new CounterWorld(ctx.io(), ctx.faults(), simOptions(), ctx.connections(), COUNTERS, opsPerFiber);
        }

        @Override
        public FiberProgram program(CounterWorld world, FiberContext ctx) {
            return CounterWorkload.program(world, ctx);
        }

        @Override
        public List<Property> properties(CounterWorld world) {
            return CounterWorkload.properties(world);
        }

        @Override
        public List<String> propertyNames() {
            return CounterWorkload.propertyNames();
        }
    }

    private static List<Property> properties(CounterWorld world) {
        List<Property> all = new ArrayList<>(List.of(world.properties.noLost, world.properties.noPhantom));
        all.addAll(world.checks.all(world::finalCheckHeld));
        all.add(world.walEnd);
        return List.copyOf(all);
    }

    private static FiberProgram program(CounterWorld w, FiberContext ctx) {
        return w.program(ctx, () -> switch (MIX.pick(ctx)) {
            case 0 -> new Increment(w, ctx);
            case 1 -> new ReadCounters(w, ctx, ReadCounters.Kind.READ);
            default -> new ReadCounters(w, ctx, ReadCounters.Kind.CHECKPOINT);
        }, () -> new ReadCounters(w, ctx, ReadCounters.Kind.FINAL));
    }
}
