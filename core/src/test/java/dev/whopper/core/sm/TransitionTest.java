package dev.whopper.core.sm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.CompletionError;
import dev.whopper.core.io.ErrorCode;
import dev.whopper.core.io.IOResult;
import org.junit.jupiter.api.Test;

/** The glue helpers of {@link Transition}: {@link Transition#await} and {@link Transition#from}. */
class TransitionTest {

    @Test
    void awaitWaitsForACompletionInFlight() {
        Completion c = Completion.write(null);
        Transition<String> t = Transition.await(c);
        Transition.Io<String> io = assertInstanceOf(Transition.Io.class, t);
        assertSame(c, io.completion());
    }

    @Test
    void awaitGoesOnAtOnceWhenTheCompletionSucceededAlready() {
        Completion c = Completion.write(null);
        c.complete(0);
        assertSame(Transition.proceed(), Transition.<String>await(c));
    }

    @Test
    void awaitGoesOnAtOnceWhenTheCompletionFailedAlready() {
        // The next state reads the error: await must not hide a finished failure behind another wait.
        Completion c = Completion.sync(null);
        c.fail(new CompletionError(ErrorCode.IO_ERROR, "disk on fire"));
        assertSame(Transition.proceed(), Transition.<Void>await(c));
        assertTrue(c.failed());
    }

    @Test
    void awaitOfAYieldGoesOnAtOnce() {
        assertSame(Transition.proceed(), Transition.<Void>await(Completion.yielded()));
    }

    @Test
    void fromPropagatesTheCompletionOfAnIoResultToAnotherValueType() {
        Completion c = Completion.read(new byte[4], null);
        IOResult<byte[]> r = IOResult.io(c);
        Transition<Integer> t = Transition.from(r);
        Transition.Io<Integer> io = assertInstanceOf(Transition.Io.class, t);
        assertSame(c, io.completion());
    }

    @Test
    void fromOnADoneResultThrowsInsteadOfLosingTheValue() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Transition.from(IOResult.done(7)));
        assertEquals("from() on Done: only an IO result can be propagated (read its value instead)", e.getMessage());
        assertThrows(IllegalStateException.class, () -> Transition.from(IOResult.done()));
    }

    @Test
    void aMachineWrittenWithTheHelpersWaitsAndResumes() {
        // One sub-call that yields once, then one own completion: the shape every engine operation has.
        Completion sub = Completion.waiting("sub-call");
        Completion own = Completion.write(null);
        int[] subCalls = {0};
        StateMachine<String> m = new StateMachine<>(new StateTransition<>() {
            private int state;

            @Override
            public Transition<String> transition() {
                switch (state) {
                    case 0 -> {
                        IOResult<Integer> r = subCalls[0]++ == 0 ? IOResult.io(sub) : IOResult.done(5);
                        if (r.isIo()) return Transition.from(r);
                        state = 1;
                        return Transition.await(own);
                    }
                    case 1 -> {
                        return Transition.done("ok after " + subCalls[0] + " sub-calls");
                    }
                    default -> throw new IllegalStateException("state " + state);
                }
            }
        });
        assertSame(sub, m.step().completion());
        sub.complete(0);
        assertSame(own, m.step().completion());
        own.complete(0);
        assertEquals("ok after 2 sub-calls", m.step().value());
    }
}
