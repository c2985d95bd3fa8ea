package dev.whopper.workloads.dbclient;

import dev.whopper.core.db.Connection;
import dev.whopper.core.db.Database;
import dev.whopper.core.db.DatabaseOptions;
import dev.whopper.core.db.DatabaseStats;
import dev.whopper.core.io.IO;
import dev.whopper.workloads.spi.FaultOracle;
import dev.whopper.workloads.spi.FiberContext;
import dev.whopper.workloads.spi.FiberProgram;
import dev.whopper.workloads.spi.Operation;
import dev.whopper.workloads.spi.Signal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The shared state of one engine workload's run: the simulated disk, the one {@link Database} every fiber's
 * {@link Connection} shares, who is opening it, the operations each fiber has left, and what the run counted.
 * A workload extends it with its model and says what it checks at an open ({@link #recoveryCheck}).
 *
 * <p>Opening (and recovery) is done by one fiber at a time ({@link Opener}); the others wait on {@link #opened}.
 * A crash drops the database ({@link #crashed()}); the next operation reopens it. After a failed WAL sync the
 * database refuses writes; it is reopened once no operation uses it any more.
 */
public abstract class EngineWorld {
    final IO io;
    private final FaultOracle faults;
    final DatabaseOptions options;
    final String path;
    /** The workload's properties that every engine workload has. */
    public final EngineChecks checks;

    /** The open database, or {@code null} when it must be (re)opened. */
    Database db;
    boolean opening;
    final Signal opened = new Signal("opened");
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

    /**
     * @param io          the simulated disk
     * @param faults      what the disk injected
     * @param options     the engine's options
     * @param path        the database file
     * @param prefix      the property name prefix, e.g. {@code kv}
     * @param fibers      connections
     * @param opsPerFiber operations each fiber runs before the final verification, &gt;= 0
     */
    protected EngineWorld(IO io, FaultOracle faults, DatabaseOptions options, String path, String prefix, int fibers,
                          int opsPerFiber) {
        this.io = Objects.requireNonNull(io, "io");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.options = Objects.requireNonNull(options, "options");
        this.path = Objects.requireNonNull(path, "path");
        this.checks = new EngineChecks(prefix);
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
     * @param verifier a connection of the opener's own to the newly opened database
     * @param opened   the database
     * @return what to check before the database is published
     */
    protected abstract RecoveryCheck recoveryCheck(Connection verifier, Database opened);

    /** The workload's part of a crash: what its operations in flight leave unknown. Called before the world resets. */
    protected void onCrash() { }

    /** A commit was acknowledged: from now a crash is not "right after recovery". */
    public final void committed() {
        commits++;
        noCommitSinceRecovery = false;
    }

    /** Power loss: the database object and every connection are gone; operations in flight are abandoned. */
    public final void crashed() {
        onCrash();
        for (int f = 0; f < running.length; f++) {
            if (running[f]) {
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
}
