package dev.whopper.core.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.YieldInjector;
import dev.whopper.core.io.backend.MemoryIO;
import dev.whopper.core.sm.StateMachine;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Randomized multi-connection runs against a model (see {@link Scenario}). */
class ConcurrencyTest {
    @Property(tries = 100)
    void randomInterleavingsMatchTheModel(@ForAll long seed) {
        new Scenario(seed, false).run();
    }

    @Property(tries = 100)
    void randomInterleavingsWithYieldInjectionMatchTheModel(@ForAll long seed) {
        new Scenario(seed, true).run();
    }

    @Property(tries = 60)
    void randomInterleavingsWithIoErrorsMatchTheModel(@ForAll long seed) {
        Scenario s = new Scenario(seed, seed % 2 == 0, 0.02);
        s.run();
    }

    @Test
    void ioErrorsAreActuallyInjected() {
        int errors = 0;
        for (long seed = 1; seed <= 4; seed++) {
            Scenario s = new Scenario(seed, false, 0.02);
            s.run();
            errors += s.ioErrors;
        }
        assertTrue(errors > 0, "no operation failed with IO_ERROR");
    }

    @Test
    void yieldInjectionReachesEveryEngineYieldPoint() {
        TreeSet<String> seen = new TreeSet<>();
        for (long seed = 1; seed <= 6; seed++) {
            Scenario s = new Scenario(seed, true);
            s.run();
            seen.addAll(s.yielded);
        }
        for (EngineYieldPoint p : EngineYieldPoint.values()) {
            assertTrue(seen.contains(p.name()), p + " never yielded; seen " + seen);
        }
    }

    @Test
    void operationOnAConnectionClosedMidwayIsMisuse() {
        MemoryIO io = MemoryIO.fifo();
        Database db = Db.run(io, Database.open(io, "m.db", new DatabaseOptions(512, 10, 0, 0)));
        Connection c = db.connect(YieldInjector.NONE);
        StateMachine<Void> put = c.put(Db.b("k"), Db.b("v"));
        IOResult<Void> r = put.step();
        assertTrue(r.isIo());
        c.close();
        assertEquals(DbError.MISUSE, Db.expectDb(() -> Db.run(io, put)).error());
        assertEquals(0, db.locks().writer());
        assertEquals(0, db.locks().readers());
    }
}
