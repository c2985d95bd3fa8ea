package dev.whopper.sim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.sim.io.FaultKind;
import dev.whopper.sim.trace.TraceHash;
import org.junit.jupiter.api.Test;

/** The fault oracle says where bits flipped, so a workload excuses only the data a flip really hit. */
class FaultOracleTest {
    @Test
    void aBitFlipIsKnownByFileOffsetAndTime() {
        TraceListener l = new TraceListener(new TraceHash());
        l.onFault(500, "bank.db-wal", FaultKind.BIT_FLIP, 4_100);
        l.onFault(600, "bank.db-wal", FaultKind.IO_ERROR_READ, 10);
        assertTrue(l.bitFlipped("bank.db-wal", 4_101, 0), "a flip below the end of the frames");
        assertFalse(l.bitFlipped("bank.db-wal", 4_100, 0), "a flip past the frames' end excuses nothing");
        assertFalse(l.bitFlipped("bank.db", Long.MAX_VALUE, 0), "another file");
        assertFalse(l.bitFlipped("bank.db-wal", Long.MAX_VALUE, 501), "a flip before the time asked about");
        assertFalse(l.bitFlipped("bank.db-wal", 11, 0), "an I/O error is no bit flip");
    }

    @Test
    void aBitFlipInARangeIsOneInsideIt() {
        TraceListener l = new TraceListener(new TraceHash());
        l.onFault(500, "churn.db", FaultKind.BIT_FLIP, 1_600);
        assertTrue(l.bitFlipped("churn.db", 1_536, 2_048, 0), "inside the page at 1536");
        assertFalse(l.bitFlipped("churn.db", 2_048, 2_560, 0), "the next page: that flip explains nothing there");
        assertFalse(l.bitFlipped("churn.db", 1_024, 1_536, 0), "the page before");
        assertFalse(l.bitFlipped("churn.db", 1_536, 2_048, 501), "too early");
    }
}
