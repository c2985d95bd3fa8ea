package dev.whopper.core.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.YieldInjector;
import dev.whopper.core.io.backend.MemoryIO;
import dev.whopper.core.random.SplitMix64;
import dev.whopper.core.sm.StateMachine;
import dev.whopper.core.storage.btree.Entry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A randomized multi-connection run checked against a TreeMap model applied in commit order. Each
 * connection runs random autocommit operations and explicit transactions; the connections' steps and
 * the IO completions are interleaved by a seeded scheduler over {@code MemoryIO.randomOrder}. Reads
 * must match the snapshot the transaction took (plus its own writes); BUSY and BUSY_SNAPSHOT are
 * allowed. At the end: the integrity check is clean, a full scan equals the model, and so it does again
 * after a crash and recovery.
 */
final class Scenario {
    private enum Kind { BEGIN, GET, PUT, DELETE, SCAN, COMMIT, ROLLBACK, CHECKPOINT }

    private record Op(Kind kind, String key, String value, String to, int limit, TxMode mode, CheckpointMode ckpt) { }

    private final SplitMix64 rng;
    private final MemoryIO io;
    private final DatabaseOptions options;
    private final boolean injectYields;
    private final int keySpace;
    private final TreeMap<String, String> committed = new TreeMap<>();
    private final List<Client> clients = new ArrayList<>();
    private Database db;
    /** Counts for the caller: how many operations ended in BUSY / BUSY_SNAPSHOT / success. */
    int busy;
    int busySnapshot;
    int succeeded;
    int commits;
    /** Yield points where an injected yield happened. */
    final java.util.TreeSet<String> yielded = new java.util.TreeSet<>();

    Scenario(long seed, boolean injectYields) {
        this(seed, injectYields, 0.0);
    }

    private final double faultRate;
    private boolean faultsOn;
    int ioErrors;

    /**
     * @param faultRate chance that a READ or WRITE request fails with IO_ERROR (0: none); the faults stop
     *                  before the final checks
     */
    Scenario(long seed, boolean injectYields, double faultRate) {
        this.faultRate = faultRate;
        this.rng = new SplitMix64(seed);
        this.io = MemoryIO.randomOrder(rng.nextLong());
        int pageSize = rng.chance(0.5) ? 512 : 1024;
        this.options = new DatabaseOptions(pageSize, rng.chance(0.5) ? 1 + rng.nextInt(6) : 8 + rng.nextInt(64), 4 + rng.nextInt(40), 1_000_000L + rng.nextInt(3_000_000));
        this.injectYields = injectYields;
        this.keySpace = 20 + rng.nextInt(80);
    }

    private final class Client {
        final Connection conn;
        int opsLeft;
        StateMachine<?> machine;
        Op op;
        Completion waiting;
        boolean inTx;
        int txOpsLeft;
        TreeMap<String, String> snap;
        LinkedHashMap<String, String> writes = new LinkedHashMap<>();
        final List<Op> pendingWrites = new ArrayList<>();

        Client(Connection conn, int ops) {
            this.conn = conn;
            this.opsLeft = ops;
        }

        boolean done() {
            return machine == null && opsLeft <= 0 && !inTx;
        }

        boolean runnable() {
            return !done() && (waiting == null || waiting.finished());
        }
    }

    void run() {
        db = Db.run(io, Database.open(io, "s.db", options));
        if (faultRate > 0) {
            SplitMix64 faults = new SplitMix64(rng.nextLong());
            faultsOn = true;
            io.setFaultHook((path, kind, offset, length) ->
                faultsOn && (kind == dev.whopper.core.io.CompletionKind.READ || kind == dev.whopper.core.io.CompletionKind.WRITE)
                    && faults.chance(faultRate)
                    ? new dev.whopper.core.io.CompletionError(dev.whopper.core.io.ErrorCode.IO_ERROR, "injected " + kind + " error")
                    : null);
        }
        int n = 3 + rng.nextInt(2);
        for (int i = 0; i < n; i++) {
            YieldInjector y = YieldInjector.NONE;
            if (injectYields) {
                SplitMix64 yr = new SplitMix64(rng.nextLong());
                y = point -> {
                    boolean yes = yr.chance(0.5);
                    if (yes) {
                        yielded.add(point.name());
                    }
                    return yes;
                };
            }
            clients.add(new Client(db.connect(y), 40 + rng.nextInt(60)));
        }
        long iterations = 0;
        while (true) {
            if (++iterations > 5_000_000) {
                throw new AssertionError("scenario did not finish");
            }
            List<Client> runnable = new ArrayList<>();
            boolean allDone = true;
            for (Client c : clients) {
                if (!c.done()) {
                    allDone = false;
                }
                if (c.runnable()) {
                    runnable.add(c);
                }
            }
            if (allDone) {
                break;
            }
            if (runnable.isEmpty() || rng.chance(0.25)) {
                if (io.idle() && runnable.isEmpty()) {
                    throw new AssertionError("deadlock: every connection waits and nothing is in flight");
                }
                io.poll();
                continue;
            }
            stepClient(runnable.get(rng.nextInt(runnable.size())));
        }
        faultsOn = false;
        verifyFinal(db);
        io.crash();
        Database reopened = Db.run(io, Database.open(io, "s.db", options));
        verifyFinal(reopened);
    }

    private void verifyFinal(Database d) {
        assertEquals(List.of(), Db.run(io, d.integrityCheck()), "integrity check");
        Connection c = d.connect(YieldInjector.NONE);
        List<Entry> all = Db.run(io, c.scan(null, null, Integer.MAX_VALUE));
        TreeMap<String, String> actual = new TreeMap<>();
        for (Entry e : all) {
            actual.put(Db.s(e.key()), Db.s(e.value()));
        }
        assertEquals(committed, actual, "database content vs model");
        c.close();
    }

    private String key() {
        return String.format("k%03d", rng.nextInt(keySpace));
    }

    private String value(Client c) {
        int len = 1 + rng.nextInt(options.pageSize() == 512 ? 90 : 200);
        StringBuilder sb = new StringBuilder(len);
        sb.append(c.conn.id()).append(':');
        while (sb.length() < len) {
            sb.append((char) ('a' + rng.nextInt(26)));
        }
        return sb.toString();
    }

    private Op kvOp(Client c) {
        int r = rng.nextInt(100);
        if (r < 35) {
            return new Op(Kind.GET, key(), null, null, 0, null, null);
        } else if (r < 70) {
            return new Op(Kind.PUT, key(), value(c), null, 0, null, null);
        } else if (r < 85) {
            return new Op(Kind.DELETE, key(), null, null, 0, null, null);
        } else {
            String a = key();
            String b = key();
            if (a.compareTo(b) > 0) {
                String t = a;
                a = b;
                b = t;
            }
            return new Op(Kind.SCAN, rng.chance(0.2) ? null : a, null, rng.chance(0.2) ? null : b, 1 + rng.nextInt(30), null, null);
        }
    }

    private Op nextOp(Client c) {
        if (c.inTx) {
            if (c.txOpsLeft <= 0 || c.opsLeft <= 0) {
                return new Op(rng.chance(0.85) ? Kind.COMMIT : Kind.ROLLBACK, null, null, null, 0, null, null);
            }
            c.txOpsLeft--;
            return kvOp(c);
        }
        int r = rng.nextInt(100);
        if (r < 25) {
            c.txOpsLeft = 1 + rng.nextInt(6);
            return new Op(Kind.BEGIN, null, null, null, 0, rng.chance(0.5) ? TxMode.DEFERRED : TxMode.IMMEDIATE, null);
        }
        if (r < 30) {
            CheckpointMode[] modes = CheckpointMode.values();
            return new Op(Kind.CHECKPOINT, null, null, null, 0, null, modes[rng.nextInt(modes.length)]);
        }
        return kvOp(c);
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private StateMachine<?> start(Client c, Op op) {
        Connection k = c.conn;
        return switch (op.kind()) {
            case BEGIN -> k.begin(op.mode());
            case GET -> k.get(bytes(op.key()));
            case PUT -> k.put(bytes(op.key()), bytes(op.value()));
            case DELETE -> k.delete(bytes(op.key()));
            case SCAN -> k.scan(bytes(op.key()), bytes(op.to()), op.limit());
            case COMMIT -> k.commit();
            case ROLLBACK -> k.rollback();
            case CHECKPOINT -> k.checkpoint(op.ckpt());
        };
    }

    private TreeMap<String, String> view(Client c) {
        TreeMap<String, String> v = new TreeMap<>(c.snap);
        for (Map.Entry<String, String> w : c.writes.entrySet()) {
            if (w.getValue() == null) {
                v.remove(w.getKey());
            } else {
                v.put(w.getKey(), w.getValue());
            }
        }
        return v;
    }

    private void stepClient(Client c) {
        if (c.machine == null) {
            c.op = nextOp(c);
            c.opsLeft--;
            c.machine = start(c, c.op);
        }
        boolean kv = c.op.kind() == Kind.GET || c.op.kind() == Kind.PUT || c.op.kind() == Kind.DELETE || c.op.kind() == Kind.SCAN;
        boolean autocommit = kv && !c.inTx;
        long commitsBefore = db.commits();
        IOResult<?> r;
        DbException error = null;
        try {
            r = c.machine.step();
        } catch (DbException e) {
            r = null;
            error = e;
        }
        // A snapshot taken during this call equals the committed model before this call's own commit.
        if (c.snap == null && (c.conn.snapshotFrame() >= 0 || (kv && r != null && r.isDone()))) {
            c.snap = new TreeMap<>(committed);
        }
        long published = db.commits() - commitsBefore;
        if (published != 0) {
            assertEquals(1, published, "one commit per step");
            if (error != null) {
                throw new AssertionError("a commit was published but the operation failed", error);
            }
            if (autocommit) {
                applyWrite(committed, c.op, view(c));
            } else {
                assertEquals(Kind.COMMIT, c.op.kind(), "only COMMIT publishes inside a transaction");
                for (Map.Entry<String, String> w : c.writes.entrySet()) {
                    if (w.getValue() == null) {
                        committed.remove(w.getKey());
                    } else {
                        committed.put(w.getKey(), w.getValue());
                    }
                }
            }
            commits++;
        }
        if (error != null) {
            c.machine = null;
            c.waiting = null;
            if (error.error() == DbError.BUSY) {
                busy++;
            } else if (error.error() == DbError.BUSY_SNAPSHOT) {
                busySnapshot++;
            } else if (error.error() == DbError.IO_ERROR && faultsOn) {
                ioErrors++;
                if (c.op.kind() == Kind.COMMIT || c.inTx && c.op.kind() != Kind.CHECKPOINT) {
                    assertEquals(false, c.conn.inTransaction(), "an I/O error inside a transaction rolls it back");
                }
            } else {
                throw new AssertionError("unexpected error from " + c.op, error);
            }
            if (c.op.kind() == Kind.COMMIT && error.error() != DbError.IO_ERROR) {
                throw new AssertionError("commit failed with " + error.error(), error);
            }
            if (c.inTx && !c.conn.inTransaction()) {
                clearTx(c);
            }
            if (!c.inTx) {
                c.snap = null;
            }
            return;
        }
        if (r.isIo()) {
            c.waiting = r.completion();
            return;
        }
        c.waiting = null;
        c.machine = null;
        succeeded++;
        Object value = r.value();
        switch (c.op.kind()) {
            case BEGIN -> {
                c.inTx = true;
                if (c.conn.snapshotFrame() < 0) {
                    c.snap = null;
                }
            }
            case GET -> assertEquals(view(c).get(c.op.key()), Db.s((byte[]) value), "get " + c.op.key() + " by connection " + c.conn.id());
            case SCAN -> {
                NavigableMap<String, String> v = view(c);
                if (c.op.key() != null) {
                    v = v.tailMap(c.op.key(), true);
                }
                if (c.op.to() != null) {
                    v = v.headMap(c.op.to(), false);
                }
                List<String> expected = new ArrayList<>();
                for (Map.Entry<String, String> e : v.entrySet()) {
                    if (expected.size() == 2 * c.op.limit()) {
                        break;
                    }
                    expected.add(e.getKey());
                    expected.add(e.getValue());
                }
                List<String> actual = new ArrayList<>();
                @SuppressWarnings("unchecked")
                List<Entry> entries = (List<Entry>) value;
                for (Entry e : entries) {
                    actual.add(Db.s(e.key()));
                    actual.add(Db.s(e.value()));
                }
                assertEquals(expected, actual, "scan " + c.op + " by connection " + c.conn.id());
            }
            case DELETE -> {
                if (!autocommit) {
                    assertEquals(view(c).containsKey(c.op.key()), value, "delete " + c.op.key());
                    c.writes.put(c.op.key(), null);
                }
            }
            case PUT -> {
                if (!autocommit) {
                    c.writes.put(c.op.key(), c.op.value());
                }
            }
            case COMMIT, ROLLBACK -> clearTx(c);
            case CHECKPOINT -> { }
            default -> throw new IllegalStateException();
        }
        if (autocommit) {
            c.snap = null;
        }
        if (c.inTx) {
            assertEquals(true, c.conn.inTransaction(), "engine left the transaction");
        }
    }

    private void applyWrite(TreeMap<String, String> target, Op op, TreeMap<String, String> before) {
        if (op.kind() == Kind.PUT) {
            target.put(op.key(), op.value());
        } else if (op.kind() == Kind.DELETE) {
            target.remove(op.key());
        } else {
            throw new AssertionError("autocommit " + op + " published a commit");
        }
    }

    private void clearTx(Client c) {
        c.inTx = false;
        c.snap = null;
        c.writes = new LinkedHashMap<>();
    }

    static void assertBytes(byte[] expected, byte[] actual) {
        assertArrayEquals(expected, actual);
    }
}
