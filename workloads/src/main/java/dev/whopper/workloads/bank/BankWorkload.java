package dev.whopper.workloads.bank;

import dev.whopper.core.db.DatabaseOptions;
import dev.whopper.workloads.dbclient.WorkloadPart;
import dev.whopper.workloads.property.Property;
import dev.whopper.workloads.spi.FiberContext;
import dev.whopper.workloads.spi.FiberProgram;
import dev.whopper.workloads.spi.WeightedMix;
import dev.whopper.workloads.spi.Workload;
import dev.whopper.workloads.spi.WorldContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code bank}: the engine under test, stressed by many connections moving money between accounts.
 *
 * <p>Each fiber is one {@link dev.whopper.core.db.Connection} to one shared
 * {@link dev.whopper.core.db.Database} on the simulated disk. Its operations: transfers (read two
 * balances, write both and the fiber's commit sequence number, commit; DEFERRED or IMMEDIATE), audits (a
 * snapshot scan of all accounts), single reads and checkpoints of every mode. Properties:
 * <ul>
 *   <li>{@value BankProperties#CONSERVATION}: every snapshot sums to the bank's total (atomicity and isolation);</li>
 *   <li>{@value BankProperties#DURABILITY}: after each crash, recovery shows every fiber's last acknowledged
 *       commit, and nothing newer than its last attempted one;</li>
 *   <li>{@value BankProperties#INTEGRITY}: the integrity check is clean after every recovery and at the end;</li>
 *   <li>{@value BankProperties#NO_CORRUPTION}: unless the disk flipped a stored bit, nothing is ever reported
 *       corrupt (torn writes and crashes are the WAL's job).</li>
 * </ul>
 * After all operations the last fiber runs a final audit and integrity check.
 */
public final class BankWorkload {
    /** The workload name. */
    public static final String NAME = "bank";
    /** Accounts in the bank. */
    public static final int ACCOUNTS = 32;
    /** Opening balance of every account. */
    public static final long INITIAL_BALANCE = 1_000;
    /** Operations per fiber. */
    public static final int DEFAULT_OPS_PER_FIBER = 50;
    /**
     * The operation mix: 55% transfers, 20% audits, 20% reads, 5% checkpoints (weights 0 to 3, which the
     * swarm strategy scales per seed).
     */
    private static final WeightedMix MIX = new WeightedMix(55, 20, 20, 5);
    /** Property: when every fiber finished, the last one ran the final audit and integrity check. */
    public static final String FINAL_VERIFICATION = "bank-final-verification";

    private BankWorkload() { }

    /** The correct workload, and deliberately broken twins that prove the properties can fail. */
    public enum Variant {
        /** Transfers are transactions; commits are acknowledged after they return. */
        CORRECT("bank", TransferFlavour.ATOMIC),
        /** Bug: a transfer's writes are separate autocommit writes (violates conservation under concurrency). */
        NON_ATOMIC_TRANSFER("bank-non-atomic", TransferFlavour.NON_ATOMIC),
        /** Bug: a commit is acknowledged before it is durable (violates durability across crashes). */
        ACK_BEFORE_COMMIT("bank-early-ack", TransferFlavour.EARLY_ACK);

        private final String workloadName;

        private final TransferFlavour flavour;

        Variant(String workloadName, TransferFlavour flavour) {
            this.workloadName = workloadName;
            this.flavour = flavour;
        }

        /** @return the name {@code whopper run --workload} knows it by */
        public String workloadName() {
            return workloadName;
        }

        /**
         * @param name a workload name
         * @return the variant, or {@code null}
         */
        public static Variant byName(String name) {
            for (Variant v : values()) {
                if (v.workloadName.equals(name)) {
                    return v;
                }
            }
            return null;
        }
    }

    /** @return database options that make the engine work hard: small pages, frequent auto-checkpoints */
    public static DatabaseOptions simOptions() {
        return DatabaseOptions.defaults()
            .withPageSize(512)
            .withCacheCapacityPages(64)
            .withAutoCheckpointFrames(64)
            .withBusyTimeoutNanos(20_000_000L);
    }

    /**
     * @return the properties every bank run checks, by name: conservation, durability, integrity,
     *         no corruption without a bit flip, and the final verification
     */
    static List<String> propertyNames() {
        return List.of(BankProperties.CONSERVATION, BankProperties.DURABILITY, BankProperties.INTEGRITY, BankProperties.NO_CORRUPTION,
            BankProperties.WAL_END, FINAL_VERIFICATION);
    }

    /**
     * @param variant     the correct workload or a broken twin
     * @param opsPerFiber operations per connection, &gt; 0
     * @return the workload
     */
    public static Workload<?> of(Variant variant, int opsPerFiber) {
        return new Bank(Objects.requireNonNull(variant, "variant"), opsPerFiber);
    }

    /**
     * @param variant the correct workload or a broken twin
     * @return it with {@value #DEFAULT_OPS_PER_FIBER} operations per connection
     */
    public static Workload<?> of(Variant variant) {
        return of(variant, DEFAULT_OPS_PER_FIBER);
    }

    /**
     * The correct bank as a part of the {@code mixed} workload, on the run's disk.
     *
     * @param ctx         the run's context
     * @param opsPerFiber operations per connection, &gt;= 0
     * @return the part
     */
    public static WorkloadPart part(WorldContext ctx, int opsPerFiber) {
        BankWorld world = new BankWorld(ctx.io(), ctx.faults(), simOptions(), ctx.connections(), ACCOUNTS, INITIAL_BALANCE,
            opsPerFiber, TransferFlavour.ATOMIC);
        return new WorkloadPart() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public FiberProgram program(FiberContext fiber) {
                return BankWorkload.program(world, fiber);
            }

            @Override
            public List<Property> properties() {
                return world.properties.all(world);
            }

            @Override
            public void crashed() {
                world.crashed();
            }

            @Override
            public Map<String, Long> counters() {
                return world.counters();
            }
        };
    }

    /** The bank as a workload: a fresh {@link BankWorld} per run over the run's simulated disk. */
    private record Bank(Variant variant, int opsPerFiber) implements Workload<BankWorld> {
        Bank {
            if (opsPerFiber <= 0) {
                throw new IllegalArgumentException("opsPerFiber: " + opsPerFiber + " (expected: > 0)");
            }
        }

        @Override
        public String name() {
            return variant.workloadName();
        }

        @Override
        public String description() {
            return switch (variant) {
                case CORRECT -> "the engine: connections transfer money between " + ACCOUNTS + " accounts, audit, read "
                    + "and checkpoint; conservation, durability across crashes, integrity";
                case NON_ATOMIC_TRANSFER -> "broken twin of bank: a transfer's writes commit one by one (breaks conservation)";
                case ACK_BEFORE_COMMIT -> "broken twin of bank: commits acknowledged before they are durable "
                    + "(breaks durability across crashes)";
            };
        }

        @Override
        public boolean usesDisk() {
            return true;
        }

        @Override
        public BankWorld createWorld(WorldContext ctx) {
            return new BankWorld(ctx.io(), ctx.faults(), simOptions(), ctx.connections(), ACCOUNTS, INITIAL_BALANCE,
                opsPerFiber, variant.flavour);
        }

        @Override
        public FiberProgram program(BankWorld world, FiberContext ctx) {
            return BankWorkload.program(world, ctx);
        }

        @Override
        public List<Property> properties(BankWorld world) {
            return world.properties.all(world);
        }

        @Override
        public List<String> propertyNames() {
            return BankWorkload.propertyNames();
        }

        @Override
        public CrashRecovery<BankWorld> crashRecovery() {
            return BankWorld::crashed;
        }

        @Override
        public Map<String, Long> counters(BankWorld world) {
            return world.counters();
        }

        @Override
        public Map<String, Long> coverage(BankWorld world) {
            return world.coverage();
        }
    }

    private static FiberProgram program(BankWorld w, FiberContext ctx) {
        int id = ctx.id();
        return () -> {
            if (w.opsLeft[id] > 0) {
                w.opsLeft[id]--;
                return switch (MIX.pick(ctx)) {
                    case 0 -> new Transfer(w, ctx);
                    case 1 -> new Audit(w, ctx, false);
                    case 2 -> new Read(w, ctx);
                    default -> new Checkpoint(w, ctx);
                };
            }
            w.finished[id] = true;
            for (boolean f : w.finished) {
                if (!f) {
                    return null;
                }
            }
            if (!w.finalVerified && !w.finalRunning) {
                w.finalRunning = true;
                return new Audit(w, ctx, true);
            }
            return null;
        };
    }
}
