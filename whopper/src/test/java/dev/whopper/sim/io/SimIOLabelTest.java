package dev.whopper.sim.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.File;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SimIO labels each request's completion with the operation, the file and the offset, unless labelled. */
class SimIOLabelTest {
    @Test
    void aReadCompletionNamesTheFileAndTheOffset() {
        SimIO io = Sims.create(1);
        File f = io.open("bank.db", true);
        Completion r = f.pread(28_672, Completion.read(new byte[4096], null));
        assertEquals("read 4096 bytes at offset 28672 of bank.db (pending)", r.toString());
        Sims.drain(io);
        assertEquals("read 4096 bytes at offset 28672 of bank.db (failed(SHORT_READ: "
            + r.error().message() + "))", r.toString());
    }

    @Test
    void everyRequestKindIsLabelled() {
        SimIO io = Sims.create(2);
        File f = io.open("bank.db-wal", true);
        assertEquals("write 3 bytes at offset 32 of bank.db-wal",
            f.pwritev(32, List.of(new byte[1], new byte[2]), Completion.write(null)).label());
        assertEquals("sync of bank.db-wal", f.sync(Completion.sync(null)).label());
        assertEquals("truncate of bank.db-wal to 0 bytes", f.truncate(0, Completion.truncate(null)).label());
        assertEquals("timer of 20000 ns (pending)", io.sleep(20_000, Completion.timer(null)).toString());
    }

    @Test
    void theCallersLabelWins() {
        SimIO io = Sims.create(3);
        File f = io.open("bank.db", true);
        Completion r = f.pread(0, Completion.read(new byte[16], null).label("read page 1 of bank.db"));
        assertEquals("read page 1 of bank.db (pending)", r.toString());
    }
}
