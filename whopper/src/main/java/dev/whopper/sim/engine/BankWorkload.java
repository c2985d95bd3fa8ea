package dev.whopper.sim.engine;

import dev.whopper.core.db.DatabaseOptions;
import dev.whopper.workloads.spi.FiberProgram;
import dev.whopper.sim.Simulation;
import dev.whopper.sim.io.CrashOptions;

/**
 * {@code bank}: the engine under test, stressed by many connections moving money between accounts.
 *
 * <p>Each fiber is one {@link dev.whopper.core.db.Connection} to one shared
 * {@link dev.whopper.core.db.Database} on the simulated disk. Its operations: transfers (read two
 * balances, write both and the fiber's commit sequence number, commit; DEFERRED or IMMEDIATE), audits (a
 * snapshot scan of all accounts), single reads and checkpoints of every mode. Properties:
 * <ul>
 *   <li>{@value BankOp#CONSERVATION}: every snapshot sums to the bank's total (atomicity and isolation);</li>
 *   <li>{@value BankOp#DURABILITY}: after each crash, recovery shows every fiber's last acknowledged
 *       commit, and nothing newer than its last attempted one;</li>
 *   <li>{@value BankOp#INTEGRITY}: the integrity check is clean after every recovery and at the end;</li>
 *   <li>{@value BankOp#NO_CORRUPTION}: unless the disk flipped a stored bit, nothing is ever reported
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

    private BankWorkload() { }

    /** The correct workload, and deliberately broken twins that prove the properties can fail. */
    public enum Variant {
        /** Transfers are transactions; commits are acknowledged after they return. */
        CORRECT("bank"),
        /** Bug: a transfer's writes are separate autocommit writes (violates conservation under concurrency). */
        NON_ATOMIC_TRANSFER("bank-non-atomic"),
        /** Bug: a commit is acknowledged before it is durable (violates durability across crashes). */
        ACK_BEFORE_COMMIT("bank-early-ack");

        private final String workloadName;

        Variant(String workloadName) {
            this.workloadName = workloadName;
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
     * @param connections number of connections (fibers), &gt; 0
     * @param opsPerFiber operations per connection, &gt; 0
     * @param crashes     crashes per run, &gt;= 0
     * @return a builder with the simulated disk, the fibers, crashes and properties
     */
    public static Simulation.Builder<?> builder(int connections, int opsPerFiber, int crashes) {
        return builder(Variant.CORRECT, connections, opsPerFiber, crashes);
    }

    /**
     * @param variant     the correct workload or a broken twin
     * @param connections number of connections (fibers), &gt; 0
     * @param opsPerFiber operations per connection, &gt; 0
     * @param crashes     crashes per run, &gt;= 0
     * @return a builder with the simulated disk, the fibers, crashes and properties
     */
    public static Simulation.Builder<?> builder(Variant variant, int connections, int opsPerFiber, int crashes) {
        if (connections <= 0) {
            throw new IllegalArgumentException("connections: " + connections + " (expected: > 0)");
        }
        if (opsPerFiber <= 0) {
            throw new IllegalArgumentException("opsPerFiber: " + opsPerFiber + " (expected: > 0)");
        }
        if (crashes < 0) {
            throw new IllegalArgumentException("crashes: " + crashes + " (expected: >= 0)");
        }
        DatabaseOptions options = simOptions();
        return Simulation.<BankWorld>builderWithIO(io -> new BankWorld(io, options, connections, ACCOUNTS,
                INITIAL_BALANCE, opsPerFiber, variant))
            .workload(variant.workloadName())
            .program(connections, (world, ctx) -> program(world, ctx))
            .crashes(crashes, CrashOptions.keepSomeAndTear(), BankWorld::crashed)
            .atEnd("bank-final-verification", BankWorld::finalCheckHeld);
    }

    /**
     * @param connections number of connections, &gt; 0
     * @return {@link #builder(int, int, int)} with the default operations per fiber, no crashes
     */
    public static Simulation.Builder<?> builder(int connections) {
        return builder(connections, DEFAULT_OPS_PER_FIBER, 0);
    }

    private static FiberProgram program(BankWorld w, dev.whopper.workloads.spi.FiberContext ctx) {
        int id = ctx.id();
        return () -> {
            if (w.opsLeft[id] > 0) {
                w.opsLeft[id]--;
                int roll = ctx.random().nextInt(100);
                BankOp.Kind kind = roll < 55 ? BankOp.Kind.TRANSFER
                    : roll < 75 ? BankOp.Kind.AUDIT
                    : roll < 95 ? BankOp.Kind.READ
                    : BankOp.Kind.CHECKPOINT;
                return new BankOp(w, ctx, kind);
            }
            w.finished[id] = true;
            for (boolean f : w.finished) {
                if (!f) {
                    return null;
                }
            }
            if (!w.finalVerified && !w.finalRunning) {
                w.finalRunning = true;
                return new BankOp(w, ctx, BankOp.Kind.FINAL);
            }
            return null;
        };
    }
}
