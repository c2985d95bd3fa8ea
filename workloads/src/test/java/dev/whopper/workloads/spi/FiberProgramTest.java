package dev.whopper.workloads.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.whopper.core.io.IOResult;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FiberProgramTest {
    @Test
    void repeatMakesCountOperationsOneAtATimeThenEnds() {
        AtomicInteger made = new AtomicInteger();
        Operation<Void> op = IOResult::done;
        FiberProgram p = FiberProgram.repeat(3, () -> {
            made.incrementAndGet();
            return op;
        });
        assertEquals(0, made.get(), "nothing is made before it is asked for");
        for (int i = 1; i <= 3; i++) {
            assertSame(op, p.next());
            assertEquals(i, made.get());
        }
        assertNull(p.next());
        assertNull(p.next());
        assertEquals(3, made.get());
    }

    @Test
    void repeatRejectsANonPositiveCount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> FiberProgram.repeat(0, () -> IOResult::done));
        assertEquals("count: 0 (expected: > 0)", e.getMessage());
    }

    @Test
    void worldContextChecksItsArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new WorldContext(null, 0, FaultOracle.NONE));
        assertEquals("connections: 0 (expected: > 0)", e.getMessage());
        assertThrows(NullPointerException.class, () -> new WorldContext(null, 1, null));
        assertEquals(false, FaultOracle.NONE.bitFlipsInjected());
        FaultOracle flipped = () -> 2;
        assertEquals(true, flipped.bitFlipsInjected());
    }
}
