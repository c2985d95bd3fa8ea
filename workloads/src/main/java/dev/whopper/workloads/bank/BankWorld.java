package dev.whopper.workloads.bank;

import dev.whopper.core.db.Connection;
import dev.whopper.core.db.Database;
import dev.whopper.core.db.DatabaseOptions;
import dev.whopper.core.io.IO;
import dev.whopper.workloads.spi.FaultOracle;
import dev.whopper.workloads.spi.Signal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shared state of one {@code bank} run: the simulated disk, the one {@link Database} every fiber's
 * {@link Connection} shares, the {@link BankModel} of what the bank should hold, the properties, and what
 * the run counted.
 *
 * <p>Opening (and recovery) is done by one fiber at a time, the opener ({@link Opener}); the others wait on
 * {@link #opened}. A crash drops the database ({@link #crashed()}); the next operation reopens it.
 */
final class BankWorld {
    /** Database file name on the simulated disk. */
    static final String PATH = "bank.db";

    final IO io;
    /** What the run's disk injected: a CORRUPT error is expected only after a bit flip. */
    private final FaultOracle faults;
    final DatabaseOptions options;
    final TransferFlavour flavour;
    final BankModel model;
    final BankProperties properties = new BankProperties();
    /** The last transfers of every fiber: whom a broken conservation is blamed on. */
    final TransferLog transfers;

    /** The open database, or {@code null} when it must be (re)opened. */
    Database db;
    /** True while a fiber is opening the database. */
    boolean opening;
    /** Told when an open attempt ends (successfully or not). */
    final Signal opened = new Signal("opened");
    /** Incremented at each crash; a connection from an older epoch is stale. */
    long epoch;
    final Connection[] connections;
    final long[] connectionEpoch;

    /** Operations left per fiber (survives crashes, which recreate the fibers' programs). */
    final int[] opsLeft;
    /** Fibers whose operations are all handed out. */
    final boolean[] finished;
    /** True once the final verification passed; true while it runs is {@link #finalRunning}. */
    boolean finalVerified;
    boolean finalRunning;
    /** True when faults made the final verification fail on every attempt. */
    boolean finalGaveUp;

    /** Operations past the open that hold a connection to {@link #db} (a reopen waits until none does). */
    int inFlight;
    /** True once the database refused writes after a failed WAL sync: it is reopened when no operation uses it. */
    boolean reopenWanted;
    /** Why the next open happens, for messages: the first open, a recovery after a crash, or a reopen. */
    String openReason = "at the first open";
    /** True when the next open follows a crash (it is then a recovery). */
    boolean crashedSinceOpen;

    long commits;
    /** Engine outcomes reached, for coverage: counted only, read once after the run (stable order). */
    final Map<String, Long> reached = new java.util.TreeMap<>();
    /** Every database the run opened, in order (their counters are summed for coverage). */
    final List<dev.whopper.core.db.Database> databases = new ArrayList<>();
    long audits;
    long rollbacks;
    long reopens;
    long busy;
    long ioErrors;
    long corrupt;
    long readOnly;
    /** Databases opened and verified: the first open, then one after each crash. */
    long opens;
    /** Opens after a crash (recoveries), numbered from 1 at the first crash. */
    long recoveries;
    long crashes;
    /** Crashes while a recovery (an open after a crash) was running. */
    long crashesDuringRecovery;

    BankWorld(IO io, FaultOracle faults, DatabaseOptions options, int fibers, int accounts, long initialBalance,
              int opsPerFiber, TransferFlavour flavour) {
        this.io = io;
        this.faults = faults;
        this.options = options;
        this.flavour = flavour;
        this.model = new BankModel(fibers, accounts, initialBalance);
        this.transfers = new TransferLog(fibers);
        this.connections = new Connection[fibers];
        this.connectionEpoch = new long[fibers];
        this.opsLeft = new int[fibers];
        Arrays.fill(opsLeft, opsPerFiber);
        this.finished = new boolean[fibers];
    }

    /** @return what the run's disk injected */
    FaultOracle faults() {
        return faults;
    }

    /** @return true when the simulated disk has flipped a stored bit in this run (a CORRUPT error is then expected) */
    boolean bitFlipsInjected() {
        return faults.bitFlipsInjected();
    }

    /** Power loss: the database object and every connection are gone; operations in flight are abandoned. */
    void crashed() {
        if (opening && crashedSinceOpen) {
            crashesDuringRecovery++;
        }
        crashes++;
        epoch++;
        db = null;
        opening = false;
        inFlight = 0; // every operation in flight was abandoned
        reopenWanted = false;
        openReason = "after recovery #" + crashes;
        crashedSinceOpen = true;
        Arrays.fill(connections, null);
        finalRunning = false;
        // Fibers waiting for an open that was abandoned must look again.
        opened.signalAll();
    }

    /**
     * @return true when the final verification passed, or could not run: the step budget ended the run
     *         before every fiber finished, or faults failed every attempt
     */
    boolean finalCheckHeld() {
        for (boolean f : finished) {
            if (!f) {
                return true;
            }
        }
        return finalVerified || finalGaveUp;
    }

    /** Counts an engine outcome reached (coverage). */
    void reached(String outcome) {
        reached.merge(outcome, 1L, Long::sum);
    }

    /** @return the engine outcomes the run reached, with counts: refusals, checkpoints, cache, opens, recoveries */
    Map<String, Long> coverage() {
        Map<String, Long> out = new LinkedHashMap<>(reached);
        long hits = 0;
        long misses = 0;
        long shared = 0;
        long evictions = 0;
        for (dev.whopper.core.db.Database d : databases) {
            dev.whopper.core.db.DatabaseStats s = d.stats();
            hits += s.cacheHits();
            misses += s.cacheMisses();
            shared += s.sharedReads();
            evictions += s.evictions();
            out.merge("open: " + s.recovery(), 1L, Long::sum);
        }
        out.put("cache hit", hits);
        out.put("cache miss", misses);
        out.put("shared in-flight read", shared);
        out.put("eviction", evictions);
        out.put("recovery after a crash", recoveries);
        out.put("reopen after a failed sync", reopens);
        return out;
    }

    /** @return what the run counted, in a stable order */
    Map<String, Long> counters() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("commits", commits);
        out.put("audits", audits);
        out.put("rollbacks", rollbacks);
        out.put("busy", busy);
        out.put("io-errors", ioErrors);
        out.put("readonly", readOnly);
        out.put("corrupt", corrupt);
        out.put("opens", opens);
        out.put("recoveries", recoveries);
        out.put("crashes", crashes);
        out.put("crashes-during-recovery", crashesDuringRecovery);
        out.put("reopens", reopens);
        out.put("commits-lost-to-bit-rot", properties.durability.commitsLostToBitRot);
        out.put("integrity-explained-by-bit-flip", properties.integrity.explainedByBitFlip);
        return out;
    }
}
