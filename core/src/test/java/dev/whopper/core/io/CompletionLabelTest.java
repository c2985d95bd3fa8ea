package dev.whopper.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.backend.MemoryIO;
import org.junit.jupiter.api.Test;

class CompletionLabelTest {
    @Test
    void anUnlabelledCompletionPrintsItsKindAndState() {
        Completion c = Completion.write(null);
        assertNull(c.label());
        assertEquals("WRITE[pending]", c.toString());
        c.complete(8);
        assertEquals("WRITE[ok(8)]", c.toString());
    }

    @Test
    void aLabelledCompletionPrintsItsLabelAndState() {
        Completion c = Completion.sync(null);
        assertSame(c, c.label("WAL sync of bank.db-wal"));
        assertEquals("WAL sync of bank.db-wal", c.label());
        assertEquals("WAL sync of bank.db-wal (pending)", c.toString());
        c.fail(new CompletionError(ErrorCode.SYNC_FAILED, "disk"));
        assertTrue(c.toString().startsWith("WAL sync of bank.db-wal (failed("), c.toString());
        c.label("again");
        assertEquals("again", c.label()); // label() replaces
    }

    @Test
    void aLazyLabelIsFormattedOnlyWhenRead() {
        int[] formatted = {0};
        Completion c = Completion.timer(null).label(() -> {
            formatted[0]++;
            return "busy backoff of 20000 ns";
        });
        assertEquals(0, formatted[0]);
        c.succeed();
        assertEquals(0, formatted[0]);
        assertEquals("busy backoff of 20000 ns (ok(0))", c.toString());
        assertEquals(1, formatted[0]);
    }

    @Test
    void labelIfAbsentKeepsTheCallersLabel() {
        Completion mine = Completion.read(new byte[4], null).label("read page 7 of bank.db");
        mine.labelIfAbsent(() -> "read 4 bytes at offset 0 of bank.db").labelIfAbsent("other");
        assertEquals("read page 7 of bank.db", mine.label());
        Completion bare = Completion.read(new byte[4], null).labelIfAbsent(() -> "read 4 bytes at offset 0 of bank.db");
        assertEquals("read 4 bytes at offset 0 of bank.db", bare.label());
    }

    @Test
    void aWaitCompletionIsPendingUntilFinishedByHand() {
        Completion w = Completion.waiting("signal \"opened\"");
        assertEquals(CompletionKind.WAIT, w.kind());
        assertFalse(w.finished());
        assertEquals("signal \"opened\" (pending)", w.toString());
        assertTrue(w.succeed());
        assertEquals("signal \"opened\" (ok(0))", w.toString());
        assertEquals("mutex A, held by fiber 1", Completion.waiting(() -> "mutex A, held by fiber 1").label());
    }

    @Test
    void aWaitIsNotATimer() {
        MemoryIO io = MemoryIO.fifo();
        assertEquals("completion kind: WAIT (expected: TIMER)", assertThrows(IllegalArgumentException.class,
            () -> io.sleep(1, Completion.waiting("x"))).getMessage());
    }

    @Test
    void nullLabelsAreRejected() {
        Completion c = Completion.write(null);
        assertThrows(NullPointerException.class, () -> c.label((String) null));
        assertThrows(NullPointerException.class, () -> c.label((CompletionLabel) null));
        assertThrows(NullPointerException.class, () -> c.labelIfAbsent((CompletionLabel) null));
        assertThrows(NullPointerException.class, () -> Completion.waiting((String) null));
    }

    @Test
    void memoryIoLabelsItsRequestsWithFileAndOffset() {
        MemoryIO io = MemoryIO.fifo();
        File f = io.open("bank.db", true);
        Completion w = f.pwrite(4096, new byte[100], Completion.write(null));
        assertEquals("write 100 bytes at offset 4096 of bank.db (pending)", w.toString());
        Completion r = f.pread(8192, Completion.read(new byte[512], null));
        assertEquals("read 512 bytes at offset 8192 of bank.db (pending)", r.toString());
        assertEquals("sync of bank.db", f.sync(Completion.sync(null)).label());
        assertEquals("truncate of bank.db to 0 bytes", f.truncate(0, Completion.truncate(null)).label());
        assertEquals("timer of 5 ns", io.sleep(5, Completion.timer(null)).label());
    }
}
