package dev.whopper.core.db;

import static dev.whopper.core.db.Db.b;
import static dev.whopper.core.db.Db.run;
import static dev.whopper.core.db.Db.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.whopper.core.io.YieldInjector;
import dev.whopper.core.io.backend.MemoryIO;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void putGetReopen() {
        MemoryIO io = MemoryIO.fifo();
        DatabaseOptions opts = DatabaseOptions.defaults().withPageSize(512);
        Database db = run(io, Database.open(io, "t.db", opts));
        Connection c = db.connect(YieldInjector.NONE);
        for (int i = 0; i < 500; i++) {
            run(io, c.put(b("k" + i), b("v" + i)));
        }
        for (int i = 0; i < 500; i++) {
            assertEquals("v" + i, s(run(io, c.get(b("k" + i)))));
        }
        assertNull(run(io, c.get(b("nope"))));
        assertEquals(java.util.List.of(), run(io, db.integrityCheck()));
        io.crash();
        Database db2 = run(io, Database.open(io, "t.db", opts));
        Connection c2 = db2.connect(YieldInjector.NONE);
        for (int i = 0; i < 500; i++) {
            assertEquals("v" + i, s(run(io, c2.get(b("k" + i)))));
        }
        assertEquals(java.util.List.of(), run(io, db2.integrityCheck()));
        run(io, c2.checkpoint(CheckpointMode.TRUNCATE));
        assertEquals(java.util.List.of(), run(io, db2.integrityCheck()));
        assertEquals(0, io.contents("t.db-wal").length);
        io.crash();
        Database db3 = run(io, Database.open(io, "t.db", opts));
        Connection c3 = db3.connect(YieldInjector.NONE);
        for (int i = 0; i < 500; i++) {
            assertEquals("v" + i, s(run(io, c3.get(b("k" + i)))));
        }
        assertEquals(java.util.List.of(), run(io, db3.integrityCheck()));
    }
}
