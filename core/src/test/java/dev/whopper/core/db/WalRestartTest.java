package dev.whopper.core.db;

import static dev.whopper.core.db.Db.b;
import static dev.whopper.core.db.Db.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.backend.MemoryIO;
import dev.whopper.core.io.YieldInjector;
import org.junit.jupiter.api.Test;

/** {@link Database#restartWalForNewWriter}: the WAL restart when a transaction becomes the writer. */
class WalRestartTest {
    private static final DatabaseOptions SMALL = new DatabaseOptions(512, 100, 0, 1_000_000L);

    private final MemoryIO io = MemoryIO.fifo();
    private final Database db = run(io, Database.open(io, "r.db", SMALL));

    private void commitSome(int n) {
        Connection c = db.connect(YieldInjector.NONE);
        for (int i = 0; i < n; i++) {
            run(io, c.put(b("k" + i), b("v" + i)));
        }
        c.close();
    }

    private void checkpoint() {
        Connection c = db.connect(YieldInjector.NONE);
        run(io, c.checkpoint(CheckpointMode.PASSIVE));
        c.close();
    }

    @Test
    void aFullyBackfilledWalNobodyElseReadsRestartsAndTheWriterReadsAtZero() {
        commitSome(3);
        checkpoint();
        int frames = db.walFrames();
        assertTrue(frames > 0);
        assertEquals(frames, db.backfilledFrames());
        Transaction t = new Transaction(db, 99, YieldInjector.NONE);
        assertEquals(Transaction.Upgrade.OK, t.tryUpgrade());
        assertEquals(0, t.snapshot(), "the writer's snapshot moved to the new generation");
        assertEquals(0, db.walFrames());
        assertEquals(0, db.backfilledFrames());
        assertEquals(1, db.locks().readers(), "one read mark, the writer's");
        assertEquals(0, db.locks().oldestReadMark(-1));
        t.end();
        assertEquals(0, db.locks().readers());
    }

    @Test
    void noRestartWhileAnotherReaderHoldsAMark() {
        commitSome(3);
        checkpoint();
        int frames = db.walFrames();
        Transaction reader = new Transaction(db, 98, YieldInjector.NONE);
        reader.ensureSnapshot();
        Transaction t = new Transaction(db, 99, YieldInjector.NONE);
        assertEquals(Transaction.Upgrade.OK, t.tryUpgrade());
        assertEquals(frames, t.snapshot());
        assertEquals(frames, db.walFrames());
        t.end();
        reader.end();
    }

    @Test
    void noRestartWhileFramesAreNotBackfilled() {
        commitSome(3);
        int frames = db.walFrames();
        Transaction t = new Transaction(db, 99, YieldInjector.NONE);
        assertEquals(Transaction.Upgrade.OK, t.tryUpgrade());
        assertEquals(frames, t.snapshot());
        assertEquals(frames, db.walFrames());
        t.end();
    }

    @Test
    void anEmptyWalIsNotRestarted() {
        int salt = db.wal().salt1();
        Transaction t = new Transaction(db, 99, YieldInjector.NONE);
        assertEquals(Transaction.Upgrade.OK, t.tryUpgrade());
        assertEquals(0, t.snapshot());
        assertEquals(salt, db.wal().salt1(), "same generation");
        t.end();
    }
}
