package dev.whopper.workloads.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class PropertiesTest {
    @Test
    void anInvariantIsAskedAfterEveryStepAndNowhereElse() {
        AtomicBoolean holds = new AtomicBoolean(true);
        Property p = Properties.invariant("x stays 0", holds::get);
        assertEquals("x stays 0", p.name());
        assertNull(p.afterStep());
        holds.set(false);
        assertEquals(new Violation("x stays 0", "invariant does not hold"), p.afterStep());
        assertNull(p.onEnd(new RunEnd(true, 1, 1)), "an invariant has no end-of-run check");
    }

    @Test
    void anEndCheckIsAskedOnlyWhenEveryFiberFinished() {
        AtomicBoolean holds = new AtomicBoolean(false);
        Property p = Properties.atEnd("no lost update", holds::get);
        assertNull(p.afterStep());
        assertNull(p.onEnd(new RunEnd(false, 10, 100)), "a run cut short does not ask it");
        assertEquals(new Violation("no lost update", "does not hold at the end of the run"), p.onEnd(new RunEnd(true, 10, 100)));
        holds.set(true);
        assertNull(p.onEnd(new RunEnd(true, 10, 100)));
    }
}
