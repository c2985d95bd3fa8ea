package dev.whopper.workloads.elle;

import dev.whopper.core.db.Connection;
import dev.whopper.core.db.Database;
import dev.whopper.core.db.DatabaseOptions;
import dev.whopper.core.io.Clock;
import dev.whopper.core.io.IO;
import dev.whopper.core.io.RandomSource;
import dev.whopper.workloads.history.Event;
import dev.whopper.workloads.history.History;
import dev.whopper.workloads.history.HistoryRecorder;
import dev.whopper.workloads.history.MicroOp;
import dev.whopper.workloads.history.Model;
import dev.whopper.workloads.spi.FaultOracle;
import dev.whopper.workloads.spi.Signal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared state of one {@code list-append} or {@code rw-register} run: the database every fiber's connection
 * shares, the key space and value counter transactions draw from, and the history recorded so far
 * ({@link #history()}). A crash drops the database and makes every transaction in flight indeterminate (info).
 */
public final class ElleWorld {
    /** Database file on the simulated disk. */
    static final String PATH = "elle.db";
    /** Keys in use at a time. */
    static final int ACTIVE_KEYS = 5;
    /** Writes a key takes before a fresh key replaces it (keeps a list within the engine's value limit). */
    static final int MAX_WRITES_PER_KEY = 24;

    final Model model;
    final IO io;
    final FaultOracle faults;
    final DatabaseOptions options;
    final HistoryRecorder recorder = new HistoryRecorder();
    Clock clock;

    Database db;
    boolean opening;
    final Signal opened = new Signal("opened");
    long epoch;
    final Connection[] connections;
    final long[] connectionEpoch;
    int inFlight;
    boolean reopenWanted;

    final int[] txnsLeft;
    /** Per fiber: the handle of its recorded invocation still open, or -1; and that invocation's micro-ops. */
    final int[] pending;
    final List<List<MicroOp>> pendingOps = new ArrayList<>();

    private final long[] activeKeys = new long[ACTIVE_KEYS];
    private final Map<Long, Integer> writesPerKey = new LinkedHashMap<>();
    private long nextKey;
    private long nextValue = 1;

    long commits;
    long fails;
    long unknown;
    long busy;
    long ioErrors;
    long readOnly;
    long corrupt;
    long opens;
    long reopens;
    long crashes;
    /** True once a recovery read a WAL in which the disk had flipped a bit (it may have cut acknowledged commits). */
    boolean recoveredAfterBitFlip;
    /** The end-of-run property, for its counter of excused failures. */
    HistoryProperty property;

    ElleWorld(Model model, IO io, FaultOracle faults, DatabaseOptions options, int fibers, int txnsPerFiber) {
        this.model = model;
        this.io = io;
        this.faults = faults;
        this.options = options;
        this.connections = new Connection[fibers];
        this.connectionEpoch = new long[fibers];
        this.txnsLeft = new int[fibers];
        Arrays.fill(txnsLeft, txnsPerFiber);
        this.pending = new int[fibers];
        Arrays.fill(pending, -1);
        for (int f = 0; f < fibers; f++) {
            pendingOps.add(null);
        }
        for (int i = 0; i < ACTIVE_KEYS; i++) {
            activeKeys[i] = nextKey++;
        }
    }

    /** @return the model its transactions follow */
    public Model model() {
        return model;
    }

    /** Per history index of an invocation: the fiber's operation number + 1 (0: none recorded). */
    private long[] invokeOps = new long[64];

    /**
     * @param historyIndex a history event's index
     * @return the operation number of the fiber that invoked there ({@code FiberContext.opIndex()}), or -1
     */
    long opIndexOfInvocation(long historyIndex) {
        return historyIndex < 0 || historyIndex >= invokeOps.length ? -1 : invokeOps[(int) historyIndex] - 1;
    }

    /** @return the history recorded so far (in flight transactions have only their invocation) */
    public History history() {
        return recorder.history();
    }

    /**
     * Plans a transaction: 1 to 4 micro-ops, half reads, on the active keys; written values come from one counter.
     *
     * @param random the fiber's stream
     * @return the micro-ops, reads unknown
     */
    List<MicroOp> plan(RandomSource random) {
        int n = 1 + random.nextInt(4);
        List<MicroOp> ops = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int slot = random.nextInt(ACTIVE_KEYS);
            long k = activeKeys[slot];
            if (random.nextInt(2) == 0) {
                ops.add(model == Model.LIST_APPEND ? MicroOp.ListRead.unknown(k) : new MicroOp.RegisterRead(k, null));
                continue;
            }
            long v = nextValue++;
            ops.add(model == Model.LIST_APPEND ? new MicroOp.Append(k, v) : new MicroOp.Write(k, v));
            int writes = writesPerKey.merge(k, 1, Integer::sum);
            if (writes >= MAX_WRITES_PER_KEY) {
                activeKeys[slot] = nextKey++;
            }
        }
        return ops;
    }

    /** Records a fiber's invocation. */
    void invoked(int fiber, List<MicroOp> ops, long opIndex) {
        int index = recorder.size();
        if (index >= invokeOps.length) {
            invokeOps = java.util.Arrays.copyOf(invokeOps, Math.max(index + 1, invokeOps.length * 2));
        }
        invokeOps[index] = opIndex + 1; // stored + 1: 0 means "no invocation here"
        pending[fiber] = recorder.invoke(fiber, clock.nowNanos(), ops);
        pendingOps.set(fiber, ops);
    }

    /** Records the completion of a fiber's open invocation (once). */
    void completed(int fiber, Event.Type type, List<MicroOp> ops) {
        if (pending[fiber] < 0) {
            return;
        }
        recorder.complete(pending[fiber], type, clock.nowNanos(), ops);
        pending[fiber] = -1;
        switch (type) {
            case OK -> commits++;
            case FAIL -> fails++;
            default -> unknown++;
        }
    }

    /** A database was opened (recovering its WAL): note whether a flipped bit in the WAL may have cut it short. */
    void openedDatabase(Database opened) {
        if (opens > 0 && faults.bitFlipped(opened.walPath(), Long.MAX_VALUE, 0)) {
            recoveredAfterBitFlip = true;
        }
        db = opened;
        opens++;
    }

    /** Power loss: the database and connections are gone; transactions in flight may or may not have committed. */
    void crashed() {
        crashes++;
        for (int f = 0; f < pending.length; f++) {
            completed(f, Event.Type.INFO, pendingOps.get(f));
        }
        epoch++;
        db = null;
        opening = false;
        inFlight = 0;
        reopenWanted = false;
        Arrays.fill(connections, null);
        opened.signalAll();
    }

    Map<String, Long> counters() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("commits", commits);
        out.put("fails", fails);
        out.put("unknown", unknown);
        out.put("busy", busy);
        out.put("io-errors", ioErrors);
        out.put("readonly", readOnly);
        out.put("corrupt", corrupt);
        out.put("opens", opens);
        out.put("reopens", reopens);
        out.put("crashes", crashes);
        out.put("history-events", (long) recorder.size());
        out.put("history-failures-excused-by-bit-rot", property == null ? 0 : property.excusedFailures());
        return out;
    }
}
