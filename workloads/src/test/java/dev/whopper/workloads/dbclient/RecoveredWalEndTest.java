package dev.whopper.workloads.dbclient;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.db.Connection;
import dev.whopper.core.db.Database;
import dev.whopper.core.db.DatabaseOptions;
import dev.whopper.core.io.Completion;
import dev.whopper.core.io.File;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.backend.Blocking;
import dev.whopper.core.io.backend.MemoryIO;
import dev.whopper.core.sm.StateMachine;
import dev.whopper.core.storage.wal.WalFormat;
import dev.whopper.workloads.property.PropertyViolation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link RecoveredWalEnd}: the WAL ends at the last frame an open recovered, on hand-made outcomes and a real WAL. */
class RecoveredWalEndTest {
    private static final int PAGE = 512;

    @Test
    void walEndingAtTheLastRecoveredFramePasses() {
        RecoveredWalEnd p = new RecoveredWalEnd("kv-recovered-wal-end");
        assertDoesNotThrow(() -> p.check(WalFormat.frameOffset(PAGE, 4), 3, PAGE, "after recovery #1"));
        assertEquals(1, p.checked());
    }

    @Test
    void tailLeftAfterTheLastCommitFails() {
        RecoveredWalEnd p = new RecoveredWalEnd("kv-recovered-wal-end");
        long end = WalFormat.frameOffset(PAGE, 4);
        PropertyViolation v = assertThrows(PropertyViolation.class, () -> p.check(end + 100, 3, PAGE, "after recovery #2"));
        assertEquals("kv-recovered-wal-end", v.violation().property());
        assertEquals("after recovery #2: the WAL holds " + (end + 100) + " bytes, but recovery kept 3 frames of 512-byte "
            + "pages, which end at byte " + end + ": 100 bytes after the last valid commit frame were left in the file",
            v.violation().message());
    }

    @Test
    void walShorterThanTheFramesRecoveredFails() {
        RecoveredWalEnd p = new RecoveredWalEnd("bank-recovered-wal-end");
        long end = WalFormat.frameOffset(PAGE, 4);
        PropertyViolation v = assertThrows(PropertyViolation.class, () -> p.check(end - 8, 3, PAGE, "at the first open"));
        assertTrue(v.violation().message().endsWith("the file is 8 bytes short of the frames recovered"), v.violation().message());
    }

    @Test
    void noFramesIsNotACheckableOutcome() {
        RecoveredWalEnd p = new RecoveredWalEnd("x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.check(32, 0, PAGE, "now"));
        assertEquals("frames: 0 (expected: > 0)", e.getMessage());
    }

    @Test
    void theCorrectEngineCutsATailOnReopenAndAStaleTailIsSeen() {
        MemoryIO io = MemoryIO.immediate();
        DatabaseOptions options = DatabaseOptions.defaults().withPageSize(PAGE).withAutoCheckpointFrames(0);
        Database db = open(io, options);
        RecoveredWalEnd p = new RecoveredWalEnd("kv-recovered-wal-end");
        p.check(io, db, "at the first open");
        assertEquals(0, p.checked(), "a new database recovered no frame: nothing to check");
        Connection c = db.connect();
        StateMachine<Void> put = c.put("k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8));
        Blocking.run(io, put::step);
        c.close();
        db.close();
        // What a torn or uncommitted frame leaves behind: bytes after the last commit frame.
        File wal = io.open(db.walPath(), false);
        long validEnd = wal.size();
        append(io, wal, validEnd, 100);
        Database reopened = open(io, options);
        assertDoesNotThrow(() -> p.check(io, reopened, "after the reopen"));
        assertEquals(1, p.checked());
        assertEquals(validEnd, wal.size(), "the engine cut the tail");
        // The bad outcome: the same tail still there after the open.
        append(io, wal, validEnd, 100);
        PropertyViolation v = assertThrows(PropertyViolation.class, () -> p.check(io, reopened, "after recovery #1"));
        assertTrue(v.violation().message().endsWith("100 bytes after the last valid commit frame were left in the file"),
            v.violation().message());
        wal.close();
    }

    private static void append(MemoryIO io, File f, long offset, int bytes) {
        Completion w = f.pwrite(offset, new byte[bytes], Completion.write(null));
        Blocking.run(io, () -> w.finished() ? IOResult.<Void>done() : IOResult.<Void>io(w));
        assertTrue(w.succeeded());
    }

    private static Database open(MemoryIO io, DatabaseOptions options) {
        StateMachine<Database> m = Database.open(io, "t.db", options);
        return Blocking.run(io, m::step);
    }
}
