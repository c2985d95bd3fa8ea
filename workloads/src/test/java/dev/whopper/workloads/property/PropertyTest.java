package dev.whopper.workloads.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.whopper.core.io.IOResult;
import dev.whopper.workloads.spi.Operation;
import org.junit.jupiter.api.Test;

class PropertyTest {
    private static final Operation<Void> OP = IOResult::done;
    private final Property quiet = () -> "quiet";

    @Test
    void defaultHooksHold() {
        assertNull(quiet.onOpStart(0, OP));
        assertNull(quiet.onOpFinish(0, OP, new OpResult.Ok(1)));
        assertNull(quiet.onOpFinish(0, OP, OpResult.UNKNOWN));
        assertNull(quiet.afterStep());
        assertNull(quiet.onCrash(5));
        assertNull(quiet.onRecovery(6));
        assertNull(quiet.onEnd(new RunEnd(true, 10, 100)));
    }

    @Test
    void violationCarriesTheName() {
        Violation v = quiet.violation("lost 1 increment");
        assertEquals(new Violation("quiet", "lost 1 increment"), v);
        assertEquals("quiet: lost 1 increment", v.toString());
        PropertyViolation thrown = new PropertyViolation(v);
        assertSame(v, thrown.violation());
        assertEquals("quiet: lost 1 increment", thrown.getMessage());
        assertEquals("other", new PropertyViolation("other", "m").violation().property());
    }

    @Test
    void nullsAreRejected() {
        assertThrows(NullPointerException.class, () -> new Violation(null, "m"));
        assertThrows(NullPointerException.class, () -> new OpResult.Failed(null));
    }
}
