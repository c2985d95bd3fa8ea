package dev.whopper.core.db;

import static dev.whopper.core.db.Db.b;
import static dev.whopper.core.db.Db.run;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.YieldInjector;
import dev.whopper.core.io.backend.MemoryIO;
import dev.whopper.core.sm.StateMachine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the engine waits, the completion it returns names the resource. */
class EngineWaitLabelsTest {
    private static final DatabaseOptions SMALL = new DatabaseOptions(512, 100, 0, 1_000_000L);

    /** Runs {@code m} to its end, recording the label of every completion it waits for. */
    private static <T> List<String> waits(MemoryIO io, StateMachine<T> m) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            IOResult<T> r = m.step();
            if (!r.isIo()) {
                return labels;
            }
            Completion c = r.completion();
            labels.add(String.valueOf(c.label()));
            while (!c.finished()) {
                if (io.poll() == 0) {
                    io.advanceTime(1_000);
                }
            }
        }
        throw new AssertionError("did not finish: " + labels);
    }

    private static boolean any(List<String> labels, String regex) {
        return labels.stream().anyMatch(l -> l.matches(regex));
    }

    @Test
    void aCommitWaitsForItsWalFramesAndTheWalSync() {
        MemoryIO io = MemoryIO.fifo();
        Database db = run(io, Database.open(io, "e.db", SMALL));
        List<String> labels = waits(io, db.connect(YieldInjector.NONE).put(b("k"), b("v")));
        assertTrue(any(labels, "WAL write of \\d+ frame\\(s\\) to e\\.db-wal"), labels.toString());
        assertTrue(labels.contains("WAL sync of e.db-wal"), labels.toString());
    }

    @Test
    void aPageLoadNamesThePage() {
        MemoryIO io = MemoryIO.fifo();
        Database db = run(io, Database.open(io, "e.db", SMALL));
        run(io, db.connect(YieldInjector.NONE).put(b("k"), b("v")));
        db.close();
        Database re = run(io, Database.open(io, "e.db", SMALL));
        List<String> labels = waits(io, re.connect(YieldInjector.NONE).get(b("k")));
        assertTrue(any(labels, "read page \\d+ \\(WAL frame \\d+\\) of e\\.db-wal|read page \\d+ of e\\.db"), labels.toString());
    }

    @Test
    void aBusyBackoffNamesWhatWasBusy() {
        MemoryIO io = MemoryIO.fifo();
        Database db = run(io, Database.open(io, "e.db", SMALL));
        run(io, db.connect(YieldInjector.NONE).begin(TxMode.IMMEDIATE));
        IOResult<Void> r = db.connect(YieldInjector.NONE).put(b("k"), b("v")).step();
        String label = r.completion().label();
        assertTrue(label.matches("busy backoff of \\d+ ns \\(put: another connection holds the WRITER lock\\)"), label);
    }
}
