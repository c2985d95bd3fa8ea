package dev.whopper.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Example tests of {@link Completion}: first result wins, callback and waiters exactly once. */
class CompletionTest {
    private static final CompletionError IO_ERR = new CompletionError(ErrorCode.IO_ERROR, "disk on fire");

    @Test
    void pendingCompletionHasNoResult() {
        Completion c = Completion.write(null);
        assertEquals(CompletionKind.WRITE, c.kind());
        assertFalse(c.finished());
        assertFalse(c.succeeded());
        assertFalse(c.failed());
        assertNull(c.error());
        assertEquals(0, c.result());
        assertNull(c.group());
    }

    @Test
    void completeSetsResultAndRunsCallbackOnce() {
        List<Completion> seen = new ArrayList<>();
        Completion c = Completion.write(seen::add);
        assertTrue(c.complete(512));
        assertTrue(c.finished());
        assertTrue(c.succeeded());
        assertFalse(c.failed());
        assertEquals(512, c.result());
        assertEquals(List.of(c), seen);

        assertFalse(c.complete(7), "a second complete is ignored");
        assertFalse(c.fail(IO_ERR), "a fail after complete is ignored");
        assertFalse(c.abort(), "an abort after complete is ignored");
        assertFalse(c.succeed());
        assertEquals(512, c.result());
        assertTrue(c.succeeded());
        assertNull(c.error());
        assertEquals(1, seen.size(), "the callback ran exactly once");
    }

    @Test
    void failSetsErrorAndLaterResultsChangeNothing() {
        int[] calls = new int[1];
        Completion c = Completion.sync(x -> calls[0]++);
        assertTrue(c.fail(IO_ERR));
        assertTrue(c.failed());
        assertFalse(c.succeeded());
        assertSame(IO_ERR, c.error());
        assertFalse(c.complete(1));
        assertFalse(c.fail(new CompletionError(ErrorCode.CORRUPT, "other")));
        assertFalse(c.abort());
        assertSame(IO_ERR, c.error());
        assertEquals(0, c.result());
        assertEquals(1, calls[0]);
    }

    @Test
    void abortFailsWithAborted() {
        Completion c = Completion.truncate(null);
        assertTrue(c.abort());
        assertTrue(c.failed());
        assertEquals(ErrorCode.ABORTED, c.error().code());
        assertFalse(c.abort());
    }

    @Test
    void failRejectsNullError() {
        Completion c = Completion.write(null);
        assertThrows(NullPointerException.class, () -> c.fail(null));
        assertFalse(c.finished(), "a rejected fail changes nothing");
    }

    @Test
    void readCarriesItsBufferAndOtherKindsThrow() {
        byte[] buf = new byte[16];
        Completion r = Completion.read(buf, null);
        assertEquals(CompletionKind.READ, r.kind());
        assertSame(buf, r.buffer());
        for (Completion c : List.of(Completion.write(null), Completion.sync(null), Completion.truncate(null),
            Completion.timer(null), Completion.waiting("w"), Completion.yielded(), new CompletionGroup().build())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, c::buffer, c.kind().toString());
            assertTrue(e.getMessage().contains("only READ carries a buffer"), e.getMessage());
        }
        assertThrows(NullPointerException.class, () -> Completion.read(null, null));
    }

    @Test
    void yieldIsFinishedAndSucceededAtBirth() {
        Completion y = Completion.yielded();
        assertEquals(CompletionKind.YIELD, y.kind());
        assertTrue(y.finished());
        assertTrue(y.succeeded());
        assertFalse(y.failed());
        assertFalse(y.complete(1));
        assertFalse(y.abort());
        assertTrue(y.succeeded());
        int[] told = new int[1];
        y.onFinish(x -> told[0]++);
        assertEquals(1, told[0], "a waiter on a yield is told at once");
    }

    @Test
    void waitersAreToldOnceInRegistrationOrderAfterCallback() {
        List<String> log = new ArrayList<>();
        Completion c = Completion.write(x -> log.add("callback"));
        c.onFinish(x -> log.add("w1"));
        c.onFinish(x -> log.add("w2"));
        c.onFinish(x -> log.add("w3"));
        assertTrue(log.isEmpty(), "nobody is told before the result is set");
        c.complete(1);
        assertEquals(List.of("callback", "w1", "w2", "w3"), log);
        c.fail(IO_ERR);
        c.complete(3);
        assertEquals(4, log.size(), "nobody is told twice");
    }

    @Test
    void waiterOnFinishedCompletionIsToldImmediately() {
        Completion c = Completion.write(null);
        c.fail(IO_ERR);
        List<Completion> told = new ArrayList<>();
        c.onFinish(told::add);
        assertEquals(List.of(c), told, "told before onFinish returned");
        c.abort();
        assertEquals(1, told.size());
    }

    @Test
    void waiterRegisteredFromCallbackIsToldOnce() {
        int[] told = new int[1];
        Completion c = Completion.write(x -> x.onFinish(y -> told[0]++));
        c.complete(0);
        assertEquals(1, told[0]);
    }

    @Test
    void throwingCallbackPropagatesAndCompletionStaysFinished() {
        Completion c = Completion.write(x -> {
            throw new IllegalStateException("tool bug");
        });
        assertThrows(IllegalStateException.class, () -> c.complete(1));
        assertTrue(c.succeeded());
        assertFalse(c.complete(2), "no second result, no second callback run");
    }

    @Test
    void toStringShowsKindAndState() {
        Completion c = Completion.write(null);
        assertEquals("WRITE[pending]", c.toString());
        c.complete(4);
        assertEquals("WRITE[ok(4)]", c.toString());
        Completion f = Completion.read(new byte[1], null);
        f.fail(IO_ERR);
        assertEquals("READ[failed(IO_ERROR: disk on fire)]", f.toString());
    }

    @Test
    void completionErrorChecksArgumentsAndConvertsToException() {
        assertThrows(NullPointerException.class, () -> new CompletionError(null, "m"));
        assertThrows(NullPointerException.class, () -> new CompletionError(ErrorCode.CORRUPT, null));
        IOFailureException e = IO_ERR.toException();
        assertSame(IO_ERR, e.error());
        assertEquals("IO_ERROR: disk on fire", e.getMessage());
    }
}
