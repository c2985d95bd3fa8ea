package dev.whopper.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link IOResult}: Done and IO, and the misuse that must fail loudly. */
class IOResultTest {

    @Test
    void doneCarriesItsValue() {
        IOResult<String> r = IOResult.done("page");
        assertTrue(r.isDone());
        assertFalse(r.isIo());
        assertEquals("page", r.value());
        assertEquals(new IOResult.Done<>("page"), r);
    }

    @Test
    void sharedDoneHasNullValue() {
        IOResult<Integer> r = IOResult.done();
        assertTrue(r.isDone());
        assertNull(r.value());
        assertSame(IOResult.DONE, r);
    }

    @Test
    void ioCarriesItsCompletion() {
        Completion c = Completion.write(null);
        IOResult<String> r = IOResult.io(c);
        assertTrue(r.isIo());
        assertFalse(r.isDone());
        assertSame(c, r.completion());
        assertSame(c, ((IOResult.IO<String>) r).completions().completion());
    }

    @Test
    void valueOnIoThrows() {
        IOResult<String> r = IOResult.io(Completion.write(null));
        IllegalStateException e = assertThrows(IllegalStateException.class, r::value);
        assertTrue(e.getMessage().startsWith("value() on IO"), e.getMessage());
    }

    @Test
    void castOnDoneThrows() {
        IOResult<String> r = IOResult.done("x");
        IllegalStateException e = assertThrows(IllegalStateException.class, r::cast);
        assertEquals("cast() on Done: only an IO result can be propagated", e.getMessage());
        assertThrows(IllegalStateException.class, r::completion);
    }

    @Test
    void castOnIoReturnsTheSameInstance() {
        IOResult<String> r = IOResult.io(Completion.sync(null));
        IOResult<Integer> cast = r.cast();
        assertSame(r, cast, "propagation allocates nothing");
        assertSame(r.completion(), cast.completion());
    }

    @Test
    void nullCompletionIsRejected() {
        assertThrows(NullPointerException.class, () -> IOResult.io(null));
        assertThrows(NullPointerException.class, () -> new IOCompletions(null));
    }
}
