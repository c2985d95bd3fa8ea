package dev.whopper.workloads.dbclient;

import dev.whopper.core.db.Connection;
import dev.whopper.core.db.Database;
import dev.whopper.core.db.DatabaseOptions;
import dev.whopper.core.db.CheckpointStats;
import dev.whopper.core.db.DatabaseStats;
import dev.whopper.core.db.IntegrityReport;
import dev.whopper.core.db.TreeStats;
import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IO;
import dev.whopper.core.io.IOResult;
import dev.whopper.workloads.spi.FaultOracle;
import dev.whopper.workloads.spi.FiberContext;
import dev.whopper.workloads.spi.FiberProgram;
import dev.whopper.workloads.spi.Operation;
import dev.whopper.workloads.spi.Signal;
import dev.whopper.workloads.spi.Signal;
import dev.whopper.workloads.property.Property;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The shared state of one engine workload's run: the simulated disk, the one {@link Database} every fiber's
 * {@link Connection} shares, who is opening it, and what the run counted. A workload extends it with its model and
 * says what it verifies at an open ({@link #verifyAfterOpen}).
 *
 * <p>Opening (and recovery) is done by one fiber at a time ({@link Opener}); the others wait on {@link #opened}.
 * A crash drops the database ({@link #crashed()}); the next operation reopens it. After a failed WAL sync the
 * database refuses writes; it is reopened once no operation uses it any more.
 *
 * <p>Two forms, kept apart because runs of their workloads are pinned bit for bit (seed for seed the same trace
 * hash and counters): the <em>quota</em> form ({@code kv-model}, {@code counter}, {@code mixed}; the constructor
 * with a property prefix) also hands out each fiber's operations and the final verification ({@link #program}),
 * checks the {@link EngineChecks} properties, and counts {@link #counters()}; a reopen polls every 100 us until no
 * operation uses the database, and the body hears of a refusal before it is counted. The <em>self-checked</em>
 * form ({@code checkpoint-storm}, {@code btree-churn}) leaves programs and properties to the workload, counts
 * {@link #engineCounters()} (tree and auto-checkpoint statistics) and {@link #judge}s integrity reports; a reopen
 * waits on a signal, a refusal is counted before the body hears of it, and an operation looks at the database
 * again after its own open published it.
 */
public abstract class EngineWorld {
    private static final long REOPEN_POLL_NANOS = 100_000;

    /** The run's simulated disk. */
    public final IO io;
    /** What the run's disk injected. */
    public final FaultOracle faults;
    /** The options every open uses. */
    public final DatabaseOptions options;
    /** The database file's name on the simulated disk. */
    public final String path;
    /** The quota form's properties ({@code null} in the self-checked form). */
    public final EngineChecks checks;
    /** The WAL ends at the last commit frame each open recovered ({@code <prefix>-recovered-wal-end}), both forms. */
    public final RecoveredWalEnd walEnd;
    /** True in the quota form (see the class comment). */
    final boolean quota;

    /** The open database, or {@code null} when it must be (re)opened. */
    Database db;
    boolean opening;
    final Signal opened = new Signal("opened");
    /** Told when the last operation using the database leaves it (a self-checked reopen waits for that). */
    final Signal idle = new Signal("no operation uses the database");
    long epoch;
    final Connection[] connections;
    final long[] connectionEpoch;

    private final int[] opsLeft;
    private final boolean[] finished;
    /** Per fiber, true while a regular operation it was handed is running (a crash hands it out again). */
    private final boolean[] running;
    boolean finalVerified;
    boolean finalRunning;
    boolean finalGaveUp;

    /** Operations past the open that hold a connection to {@link #db} (a reopen waits until none does). */
    int inFlight;
    boolean reopenWanted;
    String openReason = "at the first open";
    boolean crashedSinceOpen;
    /** True between a recovery's publish and the next commit: a crash then is "right after recovery". */
    private boolean noCommitSinceRecovery;

    /** Counters shown in the run's result, in this order. */
    public long commits;
    public long rollbacks;
    public long busy;
    public long ioErrors;
    public long corrupt;
    public long readOnly;
    long opens;
    long recoveries;
    long crashes;
    long reopens;
    long crashesDuringRecovery;
    long crashesRightAfterRecovery;
    /** Engine counters of the databases dropped so far (crash, reopen): cache evictions and page reads. */
    private long evictionsBefore;
    private long pageReadsBefore;
    private long cacheMissesBefore;
    /** Tree statistics, commits and auto-checkpoints (ran, skipped busy, failed) of the databases dropped so far. */
    private TreeStats droppedTree = TreeStats.NONE;
    private long droppedCommits;
    private final long[] droppedAuto = new long[3];
    long integrityChecks;
    long integrityExplainedByBitFlip;

    /**
     * @param io          the simulated disk
     * @param faults      what the disk injected
     * @param options     the engine's options
     * @param path        the database file
     * The quota form (see the class comment).
     *
     * @param prefix      the property name prefix, e.g. {@code kv}
     * @param fibers      connections
     * @param opsPerFiber operations each fiber runs before the final verification, &gt;= 0
     */
    protected EngineWorld(IO io, FaultOracle faults, DatabaseOptions options, String path, String prefix, int fibers,
                          int opsPerFiber) {
        this(io, faults, options, path, prefix, new EngineChecks(prefix), fibers, opsPerFiber);
    }

    /**
     * The self-checked form (see the class comment).
     *
     * @param io      the run's simulated disk
     * @param faults  what it injected
     * @param options the options of every open
     * @param path    the database file's name
     * @param fibers  the run's fibers
     * @param opsPerFiber operations each fiber runs before the final verification, &gt;= 0
     * @param prefix  the workload's property name prefix (for {@link #walEnd}), e.g. {@code storm}
     */
    protected EngineWorld(IO io, FaultOracle faults, DatabaseOptions options, String path, int fibers, int opsPerFiber,
                          String prefix) {
        this(io, faults, options, path, prefix, null, fibers, opsPerFiber);
    }

    private EngineWorld(IO io, FaultOracle faults, DatabaseOptions options, String path, String prefix,
                        EngineChecks checks, int fibers, int opsPerFiber) {
        this.io = Objects.requireNonNull(io, "io");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.options = Objects.requireNonNull(options, "options");
        this.path = Objects.requireNonNull(path, "path");
        this.checks = checks;
        this.walEnd = new RecoveredWalEnd(prefix + RecoveredWalEnd.SUFFIX);
        this.quota = checks != null;
        if (opsPerFiber < 0) {
            throw new IllegalArgumentException("opsPerFiber: " + opsPerFiber + " (expected: >= 0)");
        }
        this.connections = new Connection[fibers];
        this.connectionEpoch = new long[fibers];
        this.opsLeft = new int[fibers];
        Arrays.fill(opsLeft, opsPerFiber);
        this.finished = new boolean[fibers];
        this.running = new boolean[fibers];
    }

    /** @return what the run's disk injected */
    public final FaultOracle faults() {
        return faults;
    }

    /** @return the open database (non-null inside an operation's body) */
    public final Database db() {
        return db;
    }

    /** @return how many fibers the world serves */
    public final int fibers() {
        return connections.length;
    }

    /** @return which open the last one was, for messages: {@code "at the first open"}, {@code "after recovery #2"}, ... */
    public final String openReason() {
        return openReason;
    }

    /**
     * @return true while the open in progress follows a crash (a recovery): what it shows is then durable (the crash
     *         dropped everything that was not), whereas a reopen after a failed WAL sync may show writes of a failed
     *         commit that are readable but not durable yet
     */
    protected final boolean recoveringFromCrash() {
        return crashedSinceOpen;
    }

    /**
     * The check of what an open (a recovery after a crash) kept, run by the opener before anyone else may use the
     * database: it reads through {@code verifier}, a connection of its own, and throws
     * {@link dev.whopper.workloads.property.PropertyViolation} when recovery lost or invented something. Faults may
     * fail it (the open is then abandoned and retried by a later operation): it must change the model only in its
     * last step or in {@link Verification#accept()}. A quota-form world usually returns {@link #checkedRecovery}.
     *
     * @param db       the database just opened
     * @param verifier a connection to it
     * @param when     which open this is, for messages ({@code "after recovery #2"})
     * @return a step function: IO to wait, Done when verified
     */
    protected abstract Verification verifyAfterOpen(Database db, Connection verifier, String when);

    /** A multi-step verification: called again after each IO until Done. */
    @FunctionalInterface
    public interface Verification {
        /** @return IO to wait, Done when finished */
        IOResult<Void> step();

        /** The database is about to be published (the verification returned Done): the model may take it as truth. */
        default void accept() {
        }
    }

    /**
     * @param verifier a connection of the opener's own to the newly opened database
     * @param opened   the database
     * @param check    what to read and check in a transaction of the verifier's own
     * @return that check in a read transaction, then the integrity check ({@link EngineChecks.Integrity})
     */
    protected final Verification checkedRecovery(Connection verifier, Database opened, RecoveryCheck check) {
        return new CheckedRecovery(this, verifier, opened, check);
    }

    /**
     * A CORRUPT error reached an operation: unless the disk flipped a stored bit, that is a violation. The quota
     * form checks {@link EngineChecks#noCorruption}; a self-checked world overrides this with its own property.
     *
     * @param what who saw it and the error, for the message
     * @throws dev.whopper.workloads.property.PropertyViolation when no bit flip explains it
     */
    protected void corruptionSeen(String what) {
        checks.noCorruption.check(faults.bitFlipsInjected(), what);
    }

    /**
     * @param ctx the fiber of an operation that must wait for the others to leave the database before it reopens it
     * @return what it waits for
     */
    final Completion untilIdle(FiberContext ctx) {
        return quota ? ctx.sleep(REOPEN_POLL_NANOS) : idle.await();
    }

    /** The workload's part of a crash: what its operations in flight leave unknown. Called before the world resets. */
    protected void onCrash() { }

    /** A commit was acknowledged: from now a crash is not "right after recovery". */
    public final void committed() {
        commits++;
        noCommitSinceRecovery = false;
    }

    /** Power loss: the database object and every connection are gone; operations in flight are abandoned. */
    public void crashed() {
        onCrash();
        for (int f = 0; f < running.length; f++) {
            if (running[f] && quota) {
                running[f] = false;
                opsLeft[f]++; // the client reconnects and runs the abandoned operation again
            }
        }
        crashes++;
        if (opening && crashedSinceOpen) {
            crashesDuringRecovery++;
        } else if (noCommitSinceRecovery) {
            crashesRightAfterRecovery++;
        }
        noCommitSinceRecovery = false;
        if (!quota) {
            dropping(db);
        }
        dropDatabase();
        epoch++;
        opening = false;
        inFlight = 0;
        reopenWanted = false;
        openReason = "after recovery #" + crashes;
        crashedSinceOpen = true;
        Arrays.fill(connections, null);
        finalRunning = false;
        opened.signalAll();
        idle.signalAll();
    }

    /** The database refused writes after a failed WAL sync and nobody uses it: close it, the next open reopens. */
    final void reopen() {
        if (quota) {
            db.close();
            dropDatabase();
        } else {
            Database old = db;
            dropping(old);
            dropDatabase();
            old.close();
        }
        epoch++;
        reopenWanted = false;
        reopens++;
        openReason = "after reopen #" + reopens;
    }

    /** A database object is about to be dropped (crash, reopen): keep its tree, commit and checkpoint statistics. */
    private void dropping(Database old) {
        if (old != null) {
            droppedTree = droppedTree.plus(old.stats().tree());
            droppedCommits += old.stats().commits();
            CheckpointStats c = old.stats().checkpoints();
            droppedAuto[0] += c.autoRun();
            droppedAuto[1] += c.autoSkippedBusy();
            droppedAuto[2] += c.autoFailed();
        }
    }

    void dropDatabase() {
        if (db != null) {
            DatabaseStats s = db.stats();
            evictionsBefore += s.evictions();
            pageReadsBefore += s.pageReads();
            cacheMissesBefore += s.cacheMisses();
            db = null;
        }
    }

    /** An open was published: counts it (a recovery when it followed a crash). */
    void published(Database opened) {
        db = opened;
        opening = false;
        opens++;
        if (crashedSinceOpen) {
            recoveries++;
            crashedSinceOpen = false;
            noCommitSinceRecovery = true;
        }
    }

    /**
     * The program of one fiber: {@code regular} makes its operations while it has some left; when every fiber
     * has finished, the last one asking runs {@code last}, the final verification (once, again after a crash cut
     * it off). An operation a crash abandoned is handed out again (as a client retries after it reconnects), so a
     * run with crashes runs as many operations as one without.
     *
     * @param ctx     the fiber
     * @param regular makes the fiber's next operation
     * @param last    makes the final verification
     * @return the program
     */
    public final FiberProgram program(FiberContext ctx, Supplier<Operation<?>> regular, Supplier<Operation<?>> last) {
        int id = ctx.id();
        return () -> {
            running[id] = false; // asked for the next one: the previous one finished
            if (opsLeft[id] > 0) {
                opsLeft[id]--;
                running[id] = true;
                return regular.get();
            }
            finished[id] = true;
            for (boolean f : finished) {
                if (!f) {
                    return null;
                }
            }
            if (!finalVerified && !finalRunning) {
                finalRunning = true;
                return last.get();
            }
            return null;
        };
    }

    /**
     * This world as a part of a bigger run (the {@code mixed} workload): a crash reaches {@link #crashed()}, its
     * counters are {@link #counters()}.
     *
     * @param name       the part's name, e.g. {@code kv-model}
     * @param programs   makes a fiber's program in this part
     * @param properties makes the part's properties
     * @return the part
     */
    public final WorkloadPart part(String name, Function<FiberContext, FiberProgram> programs,
                                   Supplier<List<Property>> properties) {
        EngineWorld world = this;
        return new WorkloadPart() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public FiberProgram program(FiberContext fiber) {
                return programs.apply(fiber);
            }

            @Override
            public List<Property> properties() {
                return properties.get();
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

    /** The final verification passed. */
    public final void finalVerified() {
        finalVerified = true;
    }

    /**
     * @return true when the final verification passed, or could not run: the step budget ended the run before
     *         every fiber finished, or faults failed every attempt
     */
    public final boolean finalCheckHeld() {
        for (boolean f : finished) {
            if (!f) {
                return true;
            }
        }
        return finalVerified || finalGaveUp;
    }

    /** @return engine cache evictions over every database of the run so far */
    public final long cacheEvictions() {
        return evictionsBefore + (db == null ? 0 : db.stats().evictions());
    }

    /** @return pages the engine's cache read from the WAL or the database file, over the run so far */
    public final long pageReads() {
        return pageReadsBefore + (db == null ? 0 : db.stats().pageReads());
    }

    /** @return what the run counted, in a stable order (the workload's own counters come after these) */
    public Map<String, Long> counters() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("commits", commits);
        out.put("rollbacks", rollbacks);
        out.put("busy", busy);
        out.put("io-errors", ioErrors);
        out.put("readonly", readOnly);
        out.put("corrupt", corrupt);
        out.put("opens", opens);
        out.put("recoveries", recoveries);
        out.put("crashes", crashes);
        out.put("crashes-during-recovery", crashesDuringRecovery);
        out.put("crashes-right-after-recovery", crashesRightAfterRecovery);
        out.put("reopens", reopens);
        out.put("cache-evictions", cacheEvictions());
        out.put("cache-misses", cacheMissesBefore + (db == null ? 0 : db.stats().cacheMisses()));
        out.put("page-reads", pageReads());
        return out;
    }

    /**
     * What the engine reached, for a report's coverage: refusals by kind, opens, recoveries, reopens, cache
     * misses, evictions and page reads, integrity checks, auto-checkpoint results and the tree's structural
     * changes, summed over every database the run opened. Reads only; the world is not changed.
     *
     * @return outcome name to count, in a stable order
     */
    public final Map<String, Long> coverage() {
        Map<String, Long> out = new LinkedHashMap<>(engineCounters());
        out.put("crashes-during-recovery", crashesDuringRecovery);
        out.put("crashes-right-after-recovery", crashesRightAfterRecovery);
        out.put("cache-evictions", cacheEvictions());
        out.put("cache-misses", cacheMissesBefore + (db == null ? 0 : db.stats().cacheMisses()));
        out.put("page-reads", pageReads());
        return out;
    }

    /**
     * @param fiber a fiber
     * @return its connection to the open database
     */
    public final Connection connection(int fiber) {
        return connections[fiber];
    }

    /** @return tree statistics over every database this run opened */
    public final TreeStats treeStats() {
        return db == null ? droppedTree : droppedTree.plus(db.stats().tree());
    }

    /** @return commits published by every database this run opened */
    public final long engineCommits() {
        return droppedCommits + (db == null ? 0 : db.stats().commits());
    }

    /** @return crashes so far */
    public final long crashes() {
        return crashes;
    }

    /**
     * Counts an integrity check and judges its report ({@link IntegrityVerdict#of}).
     *
     * @param report what the check found
     * @return the verdict: the caller fails the run on {@link IntegrityVerdict#DAMAGED}
     */
    public final IntegrityVerdict judge(IntegrityReport report) {
        integrityChecks++;
        IntegrityVerdict v = IntegrityVerdict.of(report, faults);
        if (v == IntegrityVerdict.EXPLAINED_BY_BIT_FLIP) {
            integrityExplainedByBitFlip++;
        }
        return v;
    }

    /**
     * @return the counters every engine workload has, in a stable order: refusals by kind, rollbacks, opens,
     *         recoveries, crashes, reopens, integrity checks and the reports a bit flip explained, auto-checkpoints (ran, skipped
     *         because another checkpoint ran, failed), and the tree's structural changes
     */
    public Map<String, Long> engineCounters() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("busy", busy);
        out.put("io-errors", ioErrors);
        out.put("readonly", readOnly);
        out.put("corrupt", corrupt);
        out.put("rollbacks", rollbacks);
        out.put("opens", opens);
        out.put("recoveries", recoveries);
        out.put("crashes", crashes);
        out.put("reopens", reopens);
        out.put("integrity-checks", integrityChecks);
        out.put("integrity-explained-by-bit-flip", integrityExplainedByBitFlip);
        long[] auto = droppedAuto.clone();
        if (db != null) {
            CheckpointStats c = db.stats().checkpoints();
            auto[0] += c.autoRun();
            auto[1] += c.autoSkippedBusy();
            auto[2] += c.autoFailed();
        }
        out.put("auto-checkpoints-ok", auto[0]);
        out.put("auto-checkpoints-busy", auto[1]);
        out.put("auto-checkpoints-failed", auto[2]);
        TreeStats t = treeStats();
        out.put("tree-splits", t.splits());
        out.put("tree-merges", t.merges());
        out.put("tree-redistributions", t.redistributions());
        out.put("tree-root-splits", t.rootSplits());
        out.put("tree-root-collapses", t.rootCollapses());
        out.put("pages-freed", t.pagesFreed());
        out.put("freelist-reuses", t.freelistReuses());
        return out;
    }
}
