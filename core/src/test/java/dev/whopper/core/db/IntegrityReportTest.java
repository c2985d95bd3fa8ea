package dev.whopper.core.db;

import static dev.whopper.core.db.Db.b;
import static dev.whopper.core.db.Db.expectDb;
import static dev.whopper.core.db.Db.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.CompletionError;
import dev.whopper.core.io.CompletionKind;
import dev.whopper.core.io.ErrorCode;
import dev.whopper.core.io.YieldInjector;
import dev.whopper.core.io.backend.MemoryIO;
import dev.whopper.core.storage.wal.WalFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The integrity check tells a device error (it fails with IO_ERROR: nothing is known about the data) from damage
 * (a report), and says where each page that failed its checksum was read from, so damage a known bit flip explains
 * can be told from real damage (issue 11, item 10).
 */
class IntegrityReportTest {
    /** 512-byte pages, a 2-page cache (the check reads from the files), no auto-checkpoint. */
    private static final DatabaseOptions OPTS = new DatabaseOptions(512, 2, 0, 1_000_000L);

    private static Database filled(MemoryIO io, boolean checkpoint) {
        Database db = run(io, Database.open(io, "i.db", OPTS));
        Connection c = db.connect(YieldInjector.NONE);
        for (int i = 0; i < 60; i++) {
            run(io, c.put(b(String.format("key%04d", i)), b("value-" + i + "-" + "x".repeat(30))));
        }
        if (checkpoint) {
            run(io, c.checkpoint(CheckpointMode.TRUNCATE));
        }
        return db;
    }

    /** Regression: a transient read error was reported as damage, and every page below it as lost. */
    @Test
    void aTransientReadErrorFailsTheCheckWithIoErrorInsteadOfReportingDamage() {
        MemoryIO io = MemoryIO.fifo();
        Database db = filled(io, true);
        int[] failures = {1};
        io.setFaultHook((path, kind, offset, length) -> kind == CompletionKind.READ && path.equals("i.db") && offset > 0
            && failures[0]-- > 0 ? new CompletionError(ErrorCode.IO_ERROR, "injected read error") : null);
        DbException e = expectDb(() -> run(io, db.integrityReport()));
        assertEquals(DbError.IO_ERROR, e.error(), e.getMessage());
        assertEquals(0, failures[0], "the injected error was hit");
        // The error was transient: the next check reads everything and is clean.
        IntegrityReport again = run(io, db.integrityReport());
        assertTrue(again.clean(), again.problems().toString());
        assertEquals(List.of(), run(io, db.integrityCheck()));
    }

    @Test
    void aFlippedBitInTheDatabaseFileIsReportedWithWhereThePageWasRead() {
        MemoryIO io = MemoryIO.fifo();
        Database db = filled(io, true);
        long pageOffset = 3L * 512; // page 4
        io.flipBit("i.db", pageOffset + 40, 2);
        IntegrityReport r = run(io, db.integrityReport());
        assertFalse(r.clean());
        assertEquals(0, r.unplacedCorruptions(), r.problems().toString());
        assertEquals(List.of(new PageSource("i.db", pageOffset, 512)), r.corruptReads());
        assertTrue(r.explainedBy(s -> s.path().equals("i.db") && s.offset() <= pageOffset + 40
            && pageOffset + 40 < s.endOffset()), "a flip in the page's bytes explains the report");
        assertFalse(r.explainedBy(s -> false), "without a flip in those bytes it is real damage");
        assertEquals(r.problems(), run(io, db.integrityCheck()), "integrityCheck gives the same problems");
    }

    @Test
    void aFlippedBitInAWalFrameNamesTheWalFrame() {
        MemoryIO io = MemoryIO.fifo();
        Database db = filled(io, false);
        // The last frame of the WAL: its page image starts after the frame header.
        int frame = db.walFrames();
        long image = WalFormat.frameOffset(512, frame) + WalFormat.FRAME_HEADER_SIZE;
        io.flipBit("i.db-wal", image + 100, 5);
        IntegrityReport r = run(io, db.integrityReport());
        assertEquals(List.of(new PageSource("i.db-wal", image, 512)), r.corruptReads(), r.problems().toString());
    }

    @Test
    void aHealthyDatabaseAndRealDamageAreNotExplained() {
        IntegrityReport clean = new IntegrityReport(List.of(), List.of(), 0);
        assertTrue(clean.clean());
        assertFalse(clean.explainedBy(s -> true), "nothing to explain");
        IntegrityReport structural = new IntegrityReport(List.of("page 3 is neither header, tree nor freelist"), List.of(), 0);
        assertFalse(structural.explainedBy(s -> true), "no corrupt read: a bit flip explains nothing");
        IntegrityReport unknownSource = new IntegrityReport(List.of("page 5 is missing", "page 4: checksum mismatch"),
            List.of(new PageSource("i.db", 1536, 512)), 1);
        assertFalse(unknownSource.explainedBy(s -> true), "a CORRUPT finding with no place read from is real damage");
    }

    @Test
    void treeStatsCountSplitsMergesCollapsesAndFreelistReuseAtCommit() {
        MemoryIO io = MemoryIO.fifo();
        Database db = filled(io, false);
        TreeStats grown = db.stats().tree();
        assertTrue(grown.splits() > 0 && grown.rootSplits() > 0, grown.toString());
        assertEquals(0, grown.merges() + grown.rootCollapses() + grown.pagesFreed() + grown.freelistReuses(), grown.toString());
        Connection c = db.connect(YieldInjector.NONE);
        // A rolled-back transaction's changes do not count.
        run(io, c.begin(TxMode.IMMEDIATE));
        for (int i = 0; i < 60; i++) {
            run(io, c.delete(b(String.format("key%04d", i))));
        }
        run(io, c.rollback());
        assertEquals(grown, db.stats().tree());
        for (int i = 0; i < 60; i++) {
            run(io, c.delete(b(String.format("key%04d", i))));
        }
        TreeStats shrunk = db.stats().tree();
        assertTrue(shrunk.merges() > 0 && shrunk.rootCollapses() > 0 && shrunk.pagesFreed() > 0, shrunk.toString());
        for (int i = 0; i < 20; i++) {
            run(io, c.put(b(String.format("key%04d", i)), b("again-" + "y".repeat(40))));
        }
        assertTrue(db.stats().tree().freelistReuses() > 0, db.stats().tree().toString());
        assertEquals(List.of(), run(io, db.integrityCheck()));
    }
}
