package dev.whopper.core.db;

import static dev.whopper.core.db.Db.b;
import static dev.whopper.core.db.Db.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.whopper.core.io.YieldInjector;
import dev.whopper.core.io.backend.Blocking;
import dev.whopper.core.io.backend.FileChannelIO;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine over real files. */
class RealDiskTest {
    @TempDir
    Path dir;

    @Test
    void writeCloseReopenRead() throws Exception {
        DatabaseOptions o = DatabaseOptions.defaults().withPageSize(1024).withAutoCheckpointFrames(50);
        try (FileChannelIO io = new FileChannelIO(dir)) {
            Database db = Blocking.run(io, Database.open(io, "real.db", o)::step);
            Connection c = db.connect(YieldInjector.NONE);
            var begin = c.begin(TxMode.IMMEDIATE);
            Blocking.run(io, begin::step);
            for (int i = 0; i < 300; i++) {
                var put = c.put(b("key" + i), b("value" + i));
                Blocking.run(io, put::step);
            }
            var commit = c.commit();
            Blocking.run(io, commit::step);
            for (int i = 0; i < 50; i++) {
                var put = c.put(b("auto" + i), b("v" + i));
                Blocking.run(io, put::step);
            }
            c.close();
            db.close();
        }
        try (FileChannelIO io = new FileChannelIO(dir)) {
            Database db = Blocking.run(io, Database.open(io, "real.db", o)::step);
            Connection c = db.connect(YieldInjector.NONE);
            for (int i = 0; i < 300; i++) {
                var get = c.get(b("key" + i));
                assertEquals("value" + i, s(Blocking.run(io, get::step)));
            }
            var get = c.get(b("auto49"));
            assertEquals("v49", s(Blocking.run(io, get::step)));
            var check = db.integrityCheck();
            assertEquals(List.of(), Blocking.run(io, check::step));
            var ckpt = c.checkpoint(CheckpointMode.TRUNCATE);
            Blocking.run(io, ckpt::step);
            var check2 = db.integrityCheck();
            assertEquals(List.of(), Blocking.run(io, check2::step));
            db.close();
        }
    }
}
