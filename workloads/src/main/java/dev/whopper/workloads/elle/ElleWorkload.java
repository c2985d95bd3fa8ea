package dev.whopper.workloads.elle;

import dev.whopper.core.db.DatabaseOptions;
import dev.whopper.workloads.check.Consistency;
import dev.whopper.workloads.history.Model;
import dev.whopper.workloads.property.Property;
import dev.whopper.workloads.spi.FiberContext;
import dev.whopper.workloads.spi.FiberProgram;
import dev.whopper.workloads.spi.Workload;
import dev.whopper.workloads.spi.WorldContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code list-append} and {@code rw-register}: connections run Elle-style transactions on the engine under test
 * (each key a list of appended values, or a register) and record the history; at the end of the run the history
 * checker must find it valid under the workload's consistency model, serializable by default (the engine is
 * serializable). Keys rotate ({@value ElleWorld#ACTIVE_KEYS} in use, each retired after
 * {@value ElleWorld#MAX_WRITES_PER_KEY} writes) and values come from one counter, so every write is unique.
 */
public final class ElleWorkload {
    /** The list-append workload's name. */
    public static final String LIST_APPEND = "list-append";
    /** The rw-register workload's name. */
    public static final String RW_REGISTER = "rw-register";
    /** Transactions per connection by default. */
    public static final int DEFAULT_TXNS_PER_FIBER = 30;
    /** Property: nothing is reported corrupt unless the disk flipped a stored bit. */
    public static final String NO_CORRUPTION = "no-corruption";

    private ElleWorkload() { }

    /**
     * @param model        list-append or rw-register
     * @param txnsPerFiber transactions per connection, &gt; 0
     * @param consistency  what the history must satisfy
     * @return the workload
     */
    public static Workload<ElleWorld> of(Model model, int txnsPerFiber, Consistency consistency) {
        return new Elle(Objects.requireNonNull(model, "model"), txnsPerFiber, Objects.requireNonNull(consistency, "consistency"));
    }

    /**
     * @param model list-append or rw-register
     * @return it with {@value #DEFAULT_TXNS_PER_FIBER} transactions per connection, checked for serializability
     */
    public static Workload<ElleWorld> of(Model model) {
        return of(model, DEFAULT_TXNS_PER_FIBER, Consistency.SERIALIZABLE);
    }

    /** @return database options that make the engine work hard: small pages, small cache, frequent checkpoints */
    static DatabaseOptions simOptions() {
        return DatabaseOptions.defaults()
            .withPageSize(512)
            .withCacheCapacityPages(32)
            .withAutoCheckpointFrames(48)
            .withBusyTimeoutNanos(20_000_000L);
    }

    private record Elle(Model model, int txnsPerFiber, Consistency consistency) implements Workload<ElleWorld> {
        Elle {
            if (txnsPerFiber <= 0) {
                throw new IllegalArgumentException("txnsPerFiber: " + txnsPerFiber + " (expected: > 0)");
            }
        }

        @Override
        public String name() {
            return model.cliName();
        }

        @Override
        public String description() {
            return model == Model.LIST_APPEND
                ? "the engine: Elle list-append transactions (append to and read lists of unique values), the recorded "
                    + "history checked for " + consistency.cliName() + " (G0..G2, lost updates, garbage)"
                : "the engine: Elle rw-register transactions (write and read registers of unique values), the recorded "
                    + "history checked for " + consistency.cliName() + " (G0..G2, lost updates, garbage)";
        }

        @Override
        public boolean usesDisk() {
            return true;
        }

        @Override
        public ElleWorld createWorld(WorldContext ctx) {
            return new ElleWorld(model, ctx.io(), ctx.faults(), simOptions(), ctx.connections(), txnsPerFiber);
        }

        @Override
        public FiberProgram program(ElleWorld world, FiberContext ctx) {
            int id = ctx.id();
            return () -> {
                if (world.txnsLeft[id] <= 0) {
                    return null;
                }
                world.txnsLeft[id]--;
                return new ElleTxn(world, ctx);
            };
        }

        @Override
        public List<Property> properties(ElleWorld world) {
            world.property = new HistoryProperty(model, consistency, world::history, () -> world.recoveredAfterBitFlip,
                world::opIndexOfInvocation);
            return List.of(world.property);
        }

        @Override
        public List<String> propertyNames() {
            return List.of(HistoryProperty.name(consistency), NO_CORRUPTION);
        }

        @Override
        public CrashRecovery<ElleWorld> crashRecovery() {
            return ElleWorld::crashed;
        }

        @Override
        public Map<String, Long> counters(ElleWorld world) {
            return world.counters();
        }
    }
}
