package dev.whopper.workloads.engine;

import dev.whopper.core.db.Connection;
import dev.whopper.core.db.Database;
import dev.whopper.core.db.DatabaseOptions;
import dev.whopper.core.db.TreeStats;
import dev.whopper.core.io.IO;
import dev.whopper.core.io.IOResult;
import dev.whopper.workloads.spi.FaultOracle;
import dev.whopper.workloads.spi.Signal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The shared state of one engine workload run: the simulated disk, the one {@link Database} every fiber's
 * {@link Connection} shares, and what the run counted. Opening (and recovery) is done by one fiber at a time
 * (the opener), which runs the workload's {@link #verifyAfterOpen check of what recovery kept} before the other
 * fibers, waiting on a signal, may use the database. A crash drops the database ({@link #crashed()}); after a
 * failed WAL sync the database refuses writes and is reopened once no operation uses it, as an application
 * restarts its handle. Subclasses add the model and the properties.
 */
public abstract class EngineWorld {
    /** The run's simulated disk. */
    public final IO io;
    /** What the run's disk injected. */
    public final FaultOracle faults;
    /** The options every open uses. */
    public final DatabaseOptions options;
    /** The database file's name on the simulated disk. */
    public final String path;

    /** The open database, or {@code null} when it must be (re)opened. */
    Database db;
    boolean opening;
    final Signal opened = new Signal("opened");
    /** Told when the last operation using the database leaves it (a reopen waits for that). */
    final Signal idle = new Signal("no operation uses the database");
    long epoch;
    final Connection[] connections;
    final long[] connectionEpoch;
    int inFlight;
    boolean reopenWanted;
    String openReason = "at the first open";
    boolean crashedSinceOpen;
    /** Tree statistics of the databases dropped so far (crashes, reopens). */
    private TreeStats droppedTree = TreeStats.NONE;
    private long droppedCommits;
    private long[] droppedAuto = new long[3];

    long busy;
    long ioErrors;
    long corrupt;
    long readOnly;
    long rollbacks;
    long opens;
    long recoveries;
    long crashes;
    long reopens;
    long integrityChecks;
    long integrityExplainedByBitFlip;

    /**
     * @param io      the run's simulated disk
     * @param faults  what it injected
     * @param options the options of every open
     * @param path    the database file's name
     * @param fibers  the run's fibers
     */
    protected EngineWorld(IO io, FaultOracle faults, DatabaseOptions options, String path, int fibers) {
        this.io = Objects.requireNonNull(io, "io");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.options = Objects.requireNonNull(options, "options");
        this.path = Objects.requireNonNull(path, "path");
        this.connections = new Connection[fibers];
        this.connectionEpoch = new long[fibers];
    }

    /**
     * The check of what an open (a recovery after a crash) kept, run by the opener before anyone else may use the
     * database: it reads through {@code verifier}, a connection of its own, and throws
     * {@link dev.whopper.workloads.property.PropertyViolation} when recovery lost or invented something. Faults may
     * fail it (the open is then abandoned and retried by a later operation): it must change the model only in its
     * last step.
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
    }

    /**
     * A CORRUPT error reached an operation: unless the disk flipped a stored bit, that is a violation.
     *
     * @param what who saw it and the error, for the message
     * @throws dev.whopper.workloads.property.PropertyViolation when no bit flip explains it
     */
    protected abstract void corruptionSeen(String what);

    /** A new database object is about to replace the old one (after a crash or a reopen): keep its statistics. */
    private void dropping(Database old) {
        if (old != null) {
            droppedTree = droppedTree.plus(old.stats().tree());
            droppedCommits += old.stats().commits();
            dev.whopper.core.db.CheckpointStats c = old.stats().checkpoints();
            droppedAuto[0] += c.autoRun();
            droppedAuto[1] += c.autoSkippedBusy();
            droppedAuto[2] += c.autoFailed();
        }
    }

    /** @return the open database, or {@code null} while it is being (re)opened */
    public final Database db() {
        return db;
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

    /** Power loss: the database object and every connection are gone; operations in flight are abandoned. */
    public void crashed() {
        crashes++;
        epoch++;
        dropping(db);
        db = null;
        opening = false;
        inFlight = 0;
        reopenWanted = false;
        openReason = "after recovery #" + crashes;
        crashedSinceOpen = true;
        Arrays.fill(connections, null);
        opened.signalAll();
        idle.signalAll();
    }

    /** The database refused writes after a failed WAL sync and nobody uses it: close it, the next open reopens. */
    final void reopen() {
        dropping(db);
        db.close();
        db = null;
        epoch++;
        reopenWanted = false;
        reopens++;
        openReason = "after reopen #" + reopens;
    }

    /**
     * Counts an integrity check and judges its report ({@link IntegrityVerdict#of}).
     *
     * @param report what the check found
     * @return the verdict: the caller fails the run on {@link IntegrityVerdict#DAMAGED}
     */
    public final IntegrityVerdict judge(dev.whopper.core.db.IntegrityReport report) {
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
            dev.whopper.core.db.CheckpointStats c = db.stats().checkpoints();
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
