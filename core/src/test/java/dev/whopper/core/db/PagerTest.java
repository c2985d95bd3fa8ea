package dev.whopper.core.db;

import static dev.whopper.core.db.Db.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.backend.Blocking;
import dev.whopper.core.io.CompletionKind;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.backend.MemoryIO;
import dev.whopper.core.io.YieldInjector;
import dev.whopper.core.sm.StateMachine;
import dev.whopper.core.storage.page.FreelistPage;
import dev.whopper.core.storage.wal.WalFormat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Pager}: allocation (freelist first, else grow), freeing, and where a page is loaded from. */
class PagerTest {
    private static final int PAGE = 512;
    private static final DatabaseOptions SMALL = new DatabaseOptions(PAGE, 100, 0, 1_000_000L);

    private final MemoryIO io = MemoryIO.fifo();
    /** Every READ request, as "file@offset", in submission-completion order. */
    private final List<String> reads = new ArrayList<>();

    PagerTest() {
        io.setFaultHook((path, kind, offset, length) -> {
            if (kind == CompletionKind.READ) {
                reads.add(path + "@" + offset);
            }
            return null;
        });
    }

    private Database open() {
        Database db = run(io, Database.open(io, "p.db", SMALL));
        reads.clear();
        return db;
    }

    private static String walFrame(int frame) {
        return "p.db-wal@" + (WalFormat.frameOffset(PAGE, frame) + WalFormat.FRAME_HEADER_SIZE);
    }

    private static String dbPage(int pageNo) {
        return "p.db@" + (long) (pageNo - 1) * PAGE;
    }

    /** A transaction that holds WRITER and has read the header. */
    private Transaction writer(Database db, long owner) {
        Transaction t = new Transaction(db, owner, YieldInjector.NONE);
        assertEquals(Transaction.Upgrade.OK, t.tryUpgrade());
        Blocking.run(io, t::loadHeader);
        return t;
    }

    private Transaction reader(Database db, long owner) {
        Transaction t = new Transaction(db, owner, YieldInjector.NONE);
        t.ensureSnapshot();
        Blocking.run(io, t::loadHeader);
        return t;
    }

    private int allocate(Transaction t) {
        return Blocking.run(io, () -> t.pager().allocate(t.snapshot()));
    }

    private void commit(Database db, Transaction t) {
        run(io, new StateMachine<>(new CommitOp(db, t, YieldInjector.NONE, 1)));
    }

    @Test
    void allocationGrowsWhenTheFreelistIsEmptyAndReusesFreedPagesLastFreedFirst() {
        Database db = open();
        Transaction t = writer(db, 1);
        Pager p = t.pager();
        assertEquals(1, p.pageCount());
        assertEquals(2, allocate(t));
        assertEquals(3, allocate(t));
        assertEquals(4, allocate(t));
        assertEquals(4, p.pageCount());

        p.free(3);
        p.free(2);
        assertEquals(2, p.freelistHead());
        assertEquals(2, p.freelistCount());
        byte[] freed2 = p.dirtyPages().get(2);
        assertTrue(FreelistPage.isFree(freed2));
        assertEquals(3, FreelistPage.next(freed2), "page 2 links to the page freed before it");
        assertEquals(0, FreelistPage.next(p.dirtyPages().get(3)));

        assertEquals(2, allocate(t), "the freelist's head first");
        assertEquals(3, allocate(t));
        assertEquals(0, p.freelistHead());
        assertEquals(0, p.freelistCount());
        assertArrayEquals(new byte[PAGE], p.dirtyPages().get(2), "a reused page starts zero-filled");
        assertEquals(5, allocate(t), "freelist empty: the database grows");
        assertEquals(5, p.pageCount());
        assertEquals(List.of(dbPage(1)), reads, "only the header was read (a new database: from its file); the rest are private copies");
        t.end();
        db.close();
    }

    @Test
    void pagesLoadFromTheWalFrameTheIndexNamesElseFromTheDatabaseFileAndThenFromTheCache() {
        Database db = open();
        Transaction w = writer(db, 1);
        assertEquals(2, allocate(w));
        assertEquals(3, allocate(w));
        w.pager().free(2);
        commit(db, w); // frames: 1 = page 2 (free), 2 = page 3, 3 = page 1 (header, commit)
        db.close();

        // A fresh cache: the header and the freelist's head come from their WAL frames.
        db = open();
        Transaction w2 = writer(db, 1);
        assertEquals(List.of(walFrame(3)), reads, "the header page from its WAL frame");
        assertEquals(2, allocate(w2), "the committed freelist's head is reused");
        assertEquals(List.of(walFrame(3), walFrame(1)), reads);
        assertEquals(0, w2.pager().freelistHead());
        w2.end();

        // Checkpointed and the WAL restarted: the pages now come from the database file.
        run(io, new StateMachine<>(new CheckpointOp(db, 1, CheckpointMode.TRUNCATE, false, YieldInjector.NONE)));
        db.close();
        db = open();
        Transaction r = reader(db, 2);
        assertEquals(List.of(dbPage(1)), reads);
        byte[] three = Blocking.run(io, () -> r.readCommitted(3));
        assertEquals(List.of(dbPage(1), dbPage(3)), reads);

        // Cached now: no further read, the same immutable image.
        long hits = db.cache().hits();
        assertSame(three, Blocking.run(io, () -> r.readCommitted(3)));
        assertEquals(hits + 1, db.cache().hits());
        assertEquals(2, reads.size());
        r.end();
        db.close();
    }

    @Test
    void twoTransactionsMissingTheSamePageShareOneLoad() {
        Database db = open();
        Transaction w = writer(db, 1);
        allocate(w);
        commit(db, w);
        db.close();
        db = open();
        Transaction a = reader(db, 1);
        Transaction b = reader(db, 2);
        reads.clear();

        IOResult<byte[]> ra = a.readCommitted(2);
        IOResult<byte[]> rb = b.readCommitted(2);
        assertTrue(ra.isIo() && rb.isIo());
        assertSame(ra.completion(), rb.completion(), "the second miss waits on the first one's load");
        byte[] ia = Blocking.run(io, () -> a.readCommitted(2));
        byte[] ib = Blocking.run(io, () -> b.readCommitted(2));
        assertSame(ia, ib);
        assertEquals(1, reads.size(), "one device read: " + reads);
        a.end();
        b.end();
        db.close();
    }

    @Test
    void theWritersPrivateCopyHidesTheCommittedVersion() {
        Database db = open();
        Transaction w = writer(db, 1);
        allocate(w);
        commit(db, w);
        Transaction w2 = writer(db, 1);
        byte[] committed = Blocking.run(io, () -> w2.readCommitted(2));
        byte[] copy = Blocking.run(io, () -> w2.write(2));
        assertNotSame(committed, copy, "copy on write");
        assertArrayEquals(committed, copy);
        assertSame(copy, Blocking.run(io, () -> w2.read(2)), "the writer reads its own copy");
        assertSame(committed, Blocking.run(io, () -> w2.readCommitted(2)), "the committed version is unchanged");
        w2.end();
        db.close();
    }
}
