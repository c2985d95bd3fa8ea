package dev.whopper.core.db;

import static dev.whopper.core.db.Db.b;
import static dev.whopper.core.db.Db.expectDb;
import static dev.whopper.core.db.Db.run;
import static dev.whopper.core.db.Db.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.CompletionError;
import dev.whopper.core.io.CompletionKind;
import dev.whopper.core.io.ErrorCode;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.YieldInjector;
import dev.whopper.core.io.backend.MemoryIO;
import dev.whopper.core.sm.StateMachine;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Targeted behaviour: locks, busy handling, failures, shared reads, checkpoint rules, misuse. */
class EngineBehaviourTest {
    private static final DatabaseOptions SMALL = new DatabaseOptions(512, 100, 0, 1_000_000L);

    private static Database open(MemoryIO io, DatabaseOptions o) {
        return run(io, Database.open(io, "e.db", o));
    }

    private static void fill(MemoryIO io, Connection c, int n, String prefix) {
        for (int i = 0; i < n; i++) {
            run(io, c.put(b(String.format("k%04d", i)), b(prefix + i)));
        }
    }

    @Test
    void ioErrorWritingWalFramesRollsBackAndReleasesTheLock() {
        MemoryIO io = MemoryIO.fifo();
        Database db = open(io, SMALL);
        Connection a = db.connect(YieldInjector.NONE);
        Connection other = db.connect(YieldInjector.NONE);
        fill(io, a, 50, "v");
        int[] failures = {1};
        io.setFaultHook((path, kind, offset, length) -> path.endsWith("-wal") && kind == CompletionKind.WRITE && failures[0]-- > 0
            ? new CompletionError(ErrorCode.IO_ERROR, "injected write error") : null);
        run(io, a.begin(TxMode.IMMEDIATE));
        run(io, a.put(b("k0001"), b("changed")));
        run(io, a.put(b("new"), b("x")));
        DbException e = expectDb(() -> run(io, a.commit()));
        assertEquals(DbError.IO_ERROR, e.error());
        assertFalse(a.inTransaction());
        assertEquals(0, db.locks().writer(), "WRITER released");
        assertEquals("v1", s(run(io, other.get(b("k0001")))));
        assertNull(run(io, other.get(b("new"))));
        run(io, other.put(b("k0002"), b("after")));
        assertEquals("after", s(run(io, a.get(b("k0002")))));
        assertEquals(List.of(), run(io, db.integrityCheck()));
        io.crash();
        Database re = open(io, SMALL);
        Connection c = re.connect(YieldInjector.NONE);
        assertEquals("v1", s(run(io, c.get(b("k0001")))));
        assertEquals("after", s(run(io, c.get(b("k0002")))));
        assertNull(run(io, c.get(b("new"))));
    }

    @Test
    void failedWalSyncMakesTheDatabaseReadOnlyUntilReopened() {
        MemoryIO io = MemoryIO.fifo();
        Database db = open(io, SMALL);
        Connection a = db.connect(YieldInjector.NONE);
        fill(io, a, 20, "v");
        boolean[] fail = {true};
        io.setFaultHook((path, kind, offset, length) -> path.endsWith("-wal") && kind == CompletionKind.SYNC && fail[0]
            ? new CompletionError(ErrorCode.SYNC_FAILED, "injected fsync failure") : null);
        DbException e = expectDb(() -> run(io, a.put(b("k0003"), b("lost?"))));
        assertEquals(DbError.IO_ERROR, e.error());
        assertTrue(db.isReadOnlyAfterSyncFailure());
        fail[0] = false;
        assertEquals(DbError.READONLY_AFTER_SYNC_FAILURE, expectDb(() -> run(io, a.put(b("x"), b("y")))).error());
        assertEquals(DbError.READONLY_AFTER_SYNC_FAILURE, expectDb(() -> run(io, a.delete(b("k0001")))).error());
        run(io, a.begin(TxMode.DEFERRED));
        assertEquals(DbError.READONLY_AFTER_SYNC_FAILURE, expectDb(() -> run(io, a.put(b("x"), b("y")))).error());
        run(io, a.rollback());
        assertEquals(DbError.READONLY_AFTER_SYNC_FAILURE, expectDb(() -> run(io, a.begin(TxMode.IMMEDIATE))).error());
        assertEquals("v3", s(run(io, a.get(b("k0003")))), "readers still see the last acknowledged state");
        db.close();
        Database re = open(io, SMALL);
        Connection c = re.connect(YieldInjector.NONE);
        // The failed commit's frames were cut off the WAL: they can never become durable (fsyncgate), so a
        // reopened database must not read them back and chain new commits after them.
        assertEquals("v3", s(run(io, c.get(b("k0003")))), "the failed commit is not read back after the reopen");
        run(io, c.put(b("x"), b("y")));
        assertEquals("y", s(run(io, c.get(b("x")))));
        assertEquals(List.of(), run(io, re.integrityCheck()));
    }

    /**
     * Regression (seed 764 of btree-churn under chaos): a commit's WAL sync fails and so does the cut of its frames,
     * so the WAL still holds them, unsynced. A reopen reads them back and shows the commit (its outcome was unknown,
     * so that is allowed); but then a crash must not lose it: what a reopened database shows is what readers and
     * later commits build on. The open used to trust the volatile WAL as it found it and the crash dropped the commit
     * again; now the open writes the recovered frames again and syncs them before anyone uses the database.
     */
    @Test
    void aFailedCommitThatAReopenShowsSurvivesACrash() {
        MemoryIO io = MemoryIO.fifo();
        Database db = open(io, SMALL);
        Connection a = db.connect(YieldInjector.NONE);
        fill(io, a, 20, "v");
        boolean[] fail = {true};
        int[] walOps = new int[CompletionKind.values().length];
        io.setFaultHook((path, kind, offset, length) -> {
            if (path.endsWith("-wal")) {
                walOps[kind.ordinal()]++;
            }
            return path.endsWith("-wal") && fail[0] && (kind == CompletionKind.SYNC || kind == CompletionKind.TRUNCATE)
                ? new CompletionError(ErrorCode.IO_ERROR, "injected " + kind + " error") : null;
        });
        assertEquals(DbError.IO_ERROR, expectDb(() -> run(io, a.put(b("k0003"), b("unknown")))).error());
        assertEquals(1, walOps[CompletionKind.TRUNCATE.ordinal()], "the commit tried to cut its frames off");
        assertTrue(db.isReadOnlyAfterSyncFailure());
        fail[0] = false;
        db.close();
        Database re = open(io, SMALL);
        Connection c = re.connect(YieldInjector.NONE);
        assertEquals("unknown", s(run(io, c.get(b("k0003")))), "the uncut frames are read back: the commit shows");
        re.close();
        io.crash();
        Database after = open(io, SMALL);
        Connection d = after.connect(YieldInjector.NONE);
        assertEquals("unknown", s(run(io, d.get(b("k0003")))), "what the reopen showed survived the crash");
        assertEquals("v7", s(run(io, d.get(b("k0007")))));
        assertEquals(List.of(), run(io, after.integrityCheck()));
    }

    /** The open's rewrite of the recovered WAL can fail: then the open fails, and a later open succeeds. */
    @Test
    void anOpenWhoseRewriteOfTheRecoveredWalFailsFailsAndALaterOpenSucceeds() {
        MemoryIO io = MemoryIO.fifo();
        Database db = open(io, SMALL);
        Connection a = db.connect(YieldInjector.NONE);
        fill(io, a, 5, "v");
        db.close();
        boolean[] fail = {true};
        io.setFaultHook((path, kind, offset, length) -> path.endsWith("-wal") && kind == CompletionKind.WRITE && fail[0]
            ? new CompletionError(ErrorCode.IO_ERROR, "injected write error") : null);
        DbException e = expectDb(() -> open(io, SMALL));
        assertEquals(DbError.IO_ERROR, e.error());
        assertTrue(e.getMessage().contains("writing the recovered frames of the WAL"), e.getMessage());
        fail[0] = false;
        Database re = open(io, SMALL);
        assertEquals("v4", s(run(io, re.connect(YieldInjector.NONE).get(b("k0004")))));
    }

    @Test
    void busyTimeoutRetriesWithTimersThenFailsWithBusy() {
        MemoryIO io = MemoryIO.fifo();
        long timeout = 5_000_000L;
        Database db = open(io, SMALL.withBusyTimeoutNanos(timeout));
        Connection a = db.connect(YieldInjector.NONE);
        Connection b = db.connect(YieldInjector.NONE);
        run(io, a.begin(TxMode.IMMEDIATE));
        long t0 = io.clock().nowNanos();
        StateMachine<Void> put = b.put(b("k"), b("v"));
        IOResult<Void> r = put.step();
        assertTrue(r.isIo());
        assertEquals(CompletionKind.TIMER, r.completion().kind());
        DbException e = expectDb(() -> run(io, put));
        assertEquals(DbError.BUSY, e.error());
        assertTrue(io.clock().nowNanos() - t0 >= timeout, "waited the busy timeout in virtual time");
        assertEquals(DbError.BUSY, expectDb(() -> run(io, b.begin(TxMode.IMMEDIATE))).error());
        assertFalse(b.inTransaction());
        // A retry that finds the lock free succeeds.
        StateMachine<Void> put2 = b.put(b("k"), b("v"));
        assertTrue(put2.step().isIo());
        run(io, a.rollback());
        run(io, put2);
        assertEquals("v", s(run(io, a.get(b("k")))));
    }

    @Test
    void zeroBusyTimeoutFailsAtOnce() {
        MemoryIO io = MemoryIO.fifo();
        Database db = open(io, SMALL.withBusyTimeoutNanos(0));
        Connection a = db.connect(YieldInjector.NONE);
        Connection b = db.connect(YieldInjector.NONE);
        run(io, a.begin(TxMode.IMMEDIATE));
        StateMachine<Void> put = b.put(b("k"), b("v"));
        assertEquals(DbError.BUSY, expectDb(put::step).error());
    }

    @Test
    void staleDeferredTransactionGetsBusySnapshotAndStaysOpen() {
        MemoryIO io = MemoryIO.fifo();
        Database db = open(io, SMALL);
        Connection a = db.connect(YieldInjector.NONE);
        Connection b = db.connect(YieldInjector.NONE);
        fill(io, a, 5, "v");
        run(io, a.begin(TxMode.DEFERRED));
        assertEquals("v1", s(run(io, a.get(b("k0001")))));
        run(io, b.put(b("k0001"), b("new")));
        assertEquals("v1", s(run(io, a.get(b("k0001")))), "snapshot isolation");
        DbException e = expectDb(() -> run(io, a.put(b("k0002"), b("x"))));
        assertEquals(DbError.BUSY_SNAPSHOT, e.error());
        assertTrue(a.inTransaction());
        assertEquals("v1", s(run(io, a.get(b("k0001")))));
        run(io, a.rollback());
        run(io, a.put(b("k0002"), b("x")));
        assertEquals("new", s(run(io, a.get(b("k0001")))));
    }

    @Test
    void deferredTransactionWithoutReadsUpgradesAtFirstWrite() {
        MemoryIO io = MemoryIO.fifo();
        Database db = open(io, SMALL);
        Connection a = db.connect(YieldInjector.NONE);
        Connection b = db.connect(YieldInjector.NONE);
        run(io, a.begin(TxMode.DEFERRED));
        run(io, b.put(b("k"), b("1")));
        run(io, a.put(b("j"), b("2")));
        assertEquals("1", s(run(io, a.get(b("k")))));
        run(io, a.commit());
        assertEquals("2", s(run(io, b.get(b("j")))));
    }

    @Test
    void twoConnectionsMissingTheSamePageShareOneRead() {
        MemoryIO io = MemoryIO.fifo();
        Database db = open(io, SMALL);
        Connection w = db.connect(YieldInjector.NONE);
        fill(io, w, 200, "v");
        run(io, w.checkpoint(CheckpointMode.TRUNCATE));
        db.close();
        int[] reads = {0};
        io.setFaultHook((path, kind, offset, length) -> {
            if (kind == CompletionKind.READ) {
                reads[0]++;
            }
            return null;
        });
        // Alone: how many page reads does a cold get need?
        Database solo = open(io, SMALL);
        reads[0] = 0;
        run(io, solo.connect(YieldInjector.NONE).get(b("k0100")));
        int alone = reads[0];
        assertTrue(alone >= 2, "header + at least one tree page, was " + alone);
        solo.close();
        Database db2 = open(io, SMALL);
        reads[0] = 0;
        Connection a = db2.connect(YieldInjector.NONE);
        Connection c = db2.connect(YieldInjector.NONE);
        StateMachine<byte[]> ga = a.get(b("k0100"));
        StateMachine<byte[]> gc = c.get(b("k0100"));
        IOResult<byte[]> ra = ga.step();
        IOResult<byte[]> rc = gc.step();
        assertTrue(ra.isIo() && rc.isIo());
        assertSame(ra.completion(), rc.completion(), "the second miss waits on the first one's read");
        byte[] va = null;
        byte[] vc = null;
        while (va == null || vc == null) {
            io.poll();
            if (va == null && ra.completion().finished()) {
                ra = ga.step();
                if (ra.isDone()) {
                    va = ra.value();
                }
            }
            if (vc == null && rc.completion().finished()) {
                rc = gc.step();
                if (rc.isDone()) {
                    vc = rc.value();
                }
            }
        }
        assertEquals("v100", s(va));
        assertEquals("v100", s(vc));
        assertEquals(alone, reads[0], "two readers issued as many reads as one");
        assertEquals(alone, db2.cache().loadsStarted());
        DatabaseStats st = db2.stats();
        assertEquals(alone, st.pageReads());
        assertEquals(0, st.readers());
        assertEquals(0, st.walFrames());
    }

    @Test
    void checkpointDoesNotOverwritePagesAnOldReaderNeeds() {
        MemoryIO io = MemoryIO.fifo();
        DatabaseOptions o = new DatabaseOptions(512, 1, 0, 1_000_000L);
        Database db = open(io, o);
        Connection w = db.connect(YieldInjector.NONE);
        Connection r = db.connect(YieldInjector.NONE);
        fill(io, w, 100, "old");
        run(io, w.checkpoint(CheckpointMode.TRUNCATE));
        assertEquals(0, db.walFrames());
        run(io, r.begin(TxMode.DEFERRED));
        assertEquals("old7", s(run(io, r.get(b("k0007")))));
        for (int i = 0; i < 100; i++) {
            run(io, w.put(b(String.format("k%04d", i)), b("new" + i)));
        }
        CheckpointResult res = run(io, w.checkpoint(CheckpointMode.PASSIVE));
        assertEquals(0, res.backfilledFrames(), "nothing beyond the old reader's snapshot (frame 0) is copied");
        assertEquals(0, res.pagesWritten());
        for (int i = 0; i < 100; i++) {
            assertEquals("old" + i, s(run(io, r.get(b(String.format("k%04d", i))))));
        }
        assertEquals(DbError.BUSY, expectDb(() -> run(io, w.checkpoint(CheckpointMode.FULL))).error());
        run(io, r.commit());
        res = run(io, w.checkpoint(CheckpointMode.PASSIVE));
        assertEquals(res.walFrames(), res.backfilledFrames());
        assertTrue(res.pagesWritten() > 0);
        assertEquals("new7", s(run(io, r.get(b("k0007")))));
        assertEquals(List.of(), run(io, db.integrityCheck()));
    }

    @Test
    void passiveCheckpointCopiesUpToTheOldestReader() {
        MemoryIO io = MemoryIO.fifo();
        Database db = open(io, SMALL);
        Connection w = db.connect(YieldInjector.NONE);
        Connection r = db.connect(YieldInjector.NONE);
        fill(io, w, 30, "a");
        run(io, r.begin(TxMode.DEFERRED));
        run(io, r.get(b("k0001")));
        int mark = r.snapshotFrame();
        fill(io, w, 30, "b");
        CheckpointResult res = run(io, w.checkpoint(CheckpointMode.PASSIVE));
        assertEquals(mark, res.backfilledFrames());
        assertTrue(res.walFrames() > mark);
        assertEquals("a1", s(run(io, r.get(b("k0001")))));
        run(io, r.rollback());
    }

    @Test
    void restartAndTruncateOnlyWhenNoReaderUsesTheWal() {
        MemoryIO io = MemoryIO.fifo();
        Database db = open(io, SMALL);
        Connection w = db.connect(YieldInjector.NONE);
        Connection r = db.connect(YieldInjector.NONE);
        fill(io, w, 30, "a");
        run(io, r.begin(TxMode.DEFERRED));
        run(io, r.get(b("k0001")));
        int frames = db.walFrames();
        for (CheckpointMode m : new CheckpointMode[] {CheckpointMode.RESTART, CheckpointMode.TRUNCATE}) {
            DbException e = expectDb(() -> run(io, w.checkpoint(m)));
            assertEquals(DbError.BUSY, e.error());
            assertEquals(frames, db.walFrames(), "WAL not reset while a reader uses it");
            assertEquals(frames, db.backfilledFrames(), "but everything was copied");
            assertEquals(0, db.locks().writer());
            assertEquals(0, db.locks().checkpointer());
        }
        assertEquals("a1", s(run(io, r.get(b("k0001")))));
        run(io, r.commit());
        CheckpointResult res = run(io, w.checkpoint(CheckpointMode.RESTART));
        assertTrue(res.walReset());
        assertEquals(0, db.walFrames());
        run(io, w.put(b("k0001"), b("after-restart")));
        run(io, w.checkpoint(CheckpointMode.TRUNCATE));
        assertEquals(0, io.contents("e.db-wal").length);
        assertEquals("after-restart", s(run(io, r.get(b("k0001")))));
        assertEquals(List.of(), run(io, db.integrityCheck()));
        io.crash();
        Database re = open(io, SMALL);
        assertEquals("after-restart", s(run(io, re.connect(YieldInjector.NONE).get(b("k0001")))));
    }

    @Test
    void autoCheckpointKeepsTheWalBounded() {
        MemoryIO io = MemoryIO.fifo();
        Database db = open(io, SMALL.withAutoCheckpointFrames(20));
        Connection w = db.connect(YieldInjector.NONE);
        for (int i = 0; i < 300; i++) {
            run(io, w.put(b(String.format("k%04d", i)), b("v" + i)));
            assertTrue(db.walFrames() - db.backfilledFrames() < 20 + 10, "unbackfilled frames stay near the threshold");
        }
        assertTrue(db.walFrames() < 60, "the WAL restarts once fully backfilled, was " + db.walFrames());
        assertEquals(List.of(), run(io, db.integrityCheck()));
    }

    @Test
    void misuseIsReportedClearly() {
        MemoryIO io = MemoryIO.fifo();
        Database db = open(io, SMALL);
        Connection c = db.connect(YieldInjector.NONE);
        assertEquals(DbError.MISUSE, expectDb(() -> run(io, c.commit())).error());
        assertEquals(DbError.MISUSE, expectDb(() -> run(io, c.rollback())).error());
        run(io, c.begin(TxMode.DEFERRED));
        assertEquals(DbError.MISUSE, expectDb(() -> run(io, c.begin(TxMode.DEFERRED))).error());
        assertEquals(DbError.MISUSE, expectDb(() -> run(io, c.checkpoint(CheckpointMode.PASSIVE))).error());
        run(io, c.rollback());
        StateMachine<Void> first = c.put(b("a"), b("b"));
        StateMachine<byte[]> second = c.get(b("a"));
        DbException concurrent = null;
        IOResult<Void> r1 = first.step();
        assertTrue(r1.isIo());
        try {
            second.step();
        } catch (DbException e) {
            concurrent = e;
        }
        assertEquals(DbError.MISUSE, concurrent == null ? null : concurrent.error());
        run(io, first);
        DbException big = expectDb(() -> run(io, c.put(b("k"), new byte[600])));
        assertEquals(DbError.TOO_BIG, big.error());
        assertTrue(big.getMessage().contains("600"), big.getMessage());
        assertEquals("limit: 0 (expected: > 0)", assertThrows(IllegalArgumentException.class, () -> c.scan(null, null, 0)).getMessage());
        c.close();
        assertEquals(DbError.MISUSE, expectDb(() -> run(io, c.get(b("a")))).error());
        db.close();
        assertEquals(DbError.MISUSE, expectDb(() -> db.connect(YieldInjector.NONE)).error());
    }

    @Test
    void optionsAreChecked() {
        assertEquals("pageSize: 1000 (expected: a power of two in 512..65536)",
            assertThrows(IllegalArgumentException.class, () -> new DatabaseOptions(1000, 10, 10, 0)).getMessage());
        assertEquals("pageSize: 256 (expected: a power of two in 512..65536)",
            assertThrows(IllegalArgumentException.class, () -> new DatabaseOptions(256, 10, 10, 0)).getMessage());
        assertEquals("cacheCapacityPages: 0 (expected: > 0)",
            assertThrows(IllegalArgumentException.class, () -> new DatabaseOptions(4096, 0, 10, 0)).getMessage());
        assertEquals("autoCheckpointFrames: -1 (expected: >= 0)",
            assertThrows(IllegalArgumentException.class, () -> new DatabaseOptions(4096, 1, -1, 0)).getMessage());
        assertEquals("busyTimeoutNanos: -5 (expected: >= 0)",
            assertThrows(IllegalArgumentException.class, () -> new DatabaseOptions(4096, 1, 0, -5)).getMessage());
        DatabaseOptions d = DatabaseOptions.defaults();
        assertEquals(4096, d.pageSize());
        assertEquals(1000, d.autoCheckpointFrames());
        new DatabaseOptions(65536, 1, 0, 0);
    }

    @Test
    void existingDatabaseKeepsItsPageSize() {
        MemoryIO io = MemoryIO.fifo();
        Database db = open(io, SMALL);
        run(io, db.connect().put(b("a"), b("b")));
        db.close();
        Database re = open(io, DatabaseOptions.defaults());
        assertEquals(512, re.pageSize());
        assertEquals("b", s(run(io, re.connect(YieldInjector.NONE).get(b("a")))));
    }

    @Test
    void notADatabaseIsCorrupt() {
        MemoryIO io = MemoryIO.fifo();
        run(io, Database.open(io, "e.db", SMALL));
        io.flipBit("e.db", 0, 0);
        assertEquals(DbError.CORRUPT, expectDb(() -> open(io, SMALL)).error());
    }

    @Test
    void rollbackDiscardsAndScanSeesOwnWrites() {
        MemoryIO io = MemoryIO.fifo();
        Database db = open(io, SMALL);
        Connection c = db.connect(YieldInjector.NONE);
        fill(io, c, 10, "v");
        run(io, c.begin(TxMode.IMMEDIATE));
        run(io, c.put(b("k0003"), b("tx")));
        assertTrue(run(io, c.delete(b("k0004"))));
        assertFalse(run(io, c.delete(b("zzz"))));
        var entries = run(io, c.scan(b("k0002"), b("k0006"), 10));
        assertEquals(List.of("k0002", "k0003", "k0005"), entries.stream().map(e -> s(e.key())).toList());
        assertEquals("tx", s(entries.get(1).value()));
        run(io, c.rollback());
        assertEquals("v3", s(run(io, c.get(b("k0003")))));
        assertEquals("v4", s(run(io, c.get(b("k0004")))));
        assertEquals(0, db.locks().writer());
        assertEquals(0, db.locks().readers());
    }

    @Test
    void transientReadFaultsAreIoErrorsNotCorruption() {
        MemoryIO io = MemoryIO.fifo();
        Database db = open(io, SMALL);
        Connection w = db.connect(YieldInjector.NONE);
        fill(io, w, 100, "v");
        run(io, w.checkpoint(CheckpointMode.TRUNCATE));
        db.close();
        for (ErrorCode code : new ErrorCode[] {ErrorCode.SHORT_READ, ErrorCode.IO_ERROR}) {
            Database re = open(io, SMALL);
            Connection c = re.connect(YieldInjector.NONE);
            io.setFaultHook((path, kind, offset, length) -> kind == CompletionKind.READ
                ? new CompletionError(code, "injected " + code) : null);
            DbException e = expectDb(() -> run(io, c.get(b("k0050"))));
            assertEquals(DbError.IO_ERROR, e.error(), e.getMessage());
            io.setFaultHook(null);
            assertEquals("v50", s(run(io, c.get(b("k0050")))));
            assertEquals(List.of(), run(io, re.integrityCheck()));
            re.close();
        }
    }

    @Test
    void pageStoreWritesNeedTheWriterLock() {
        MemoryIO io = MemoryIO.fifo();
        Database db = open(io, SMALL);
        Transaction t = new Transaction(db, 99, YieldInjector.NONE);
        t.ensureSnapshot();
        dev.whopper.core.io.backend.Blocking.run(io, t::loadHeader);
        assertEquals(DbError.MISUSE, expectDb(() -> t.allocate()).error());
        assertEquals(DbError.MISUSE, expectDb(() -> t.setRootPage(0)).error());
        assertEquals(Transaction.Upgrade.OK, t.tryUpgrade());
        int p = t.allocate().value();
        assertEquals(2, p);
        assertEquals(512, t.write(p).value().length);
        run(io, new StateMachine<>(new CommitOp(db, t, YieldInjector.NONE, 99)));
        assertEquals(0, db.locks().writer());
        assertEquals(0, db.locks().readers());
    }
}
