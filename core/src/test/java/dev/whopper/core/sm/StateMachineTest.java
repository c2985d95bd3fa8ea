package dev.whopper.core.sm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IOResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link StateMachine}: the Continue loop, Io, Done with finalizeOnce, and the failure paths. */
class StateMachineTest {

    /** Replays a script of transitions and records what the wrapper did. */
    private static final class Scripted implements StateTransition<String> {
        final List<Transition<String>> script;
        int calls;
        final List<String> finalized = new ArrayList<>();

        Scripted(List<Transition<String>> script) {
            this.script = script;
        }

        @Override
        public Transition<String> transition() {
            return script.get(calls++);
        }

        @Override
        public void finalizeOnce(String value) {
            finalized.add(value);
        }
    }

    @Test
    void loopsOnContinueUntilDone() {
        Scripted s = new Scripted(List.of(Transition.proceed(), Transition.proceed(), Transition.proceed(),
            Transition.done("v")));
        StateMachine<String> sm = new StateMachine<>(s);
        IOResult<String> r = sm.step();
        assertTrue(r.isDone());
        assertEquals("v", r.value());
        assertEquals(4, s.calls, "one step() ran every Continue");
        assertTrue(sm.finished());
    }

    @Test
    void returnsIoOnIoAndResumesOnTheNextStep() {
        Completion c = Completion.write(null);
        Scripted s = new Scripted(List.of(Transition.proceed(), Transition.io(c), Transition.done("after")));
        StateMachine<String> sm = new StateMachine<>(s);
        IOResult<String> r = sm.step();
        assertTrue(r.isIo());
        assertSame(c, r.completion());
        assertEquals(2, s.calls);
        assertFalse(sm.finished());
        assertTrue(s.finalized.isEmpty(), "not finalized while waiting");
        c.complete(1);
        assertEquals("after", sm.step().value());
    }

    @Test
    void finalizeOnceIsCalledExactlyOnceWithTheValue() {
        Scripted s = new Scripted(List.of(Transition.done("v")));
        StateMachine<String> sm = new StateMachine<>(s);
        sm.step();
        assertEquals(List.of("v"), s.finalized);
        assertThrows(IllegalStateException.class, sm::step);
        assertEquals(List.of("v"), s.finalized, "a rejected step does not finalize again");
    }

    @Test
    void stepAfterDoneThrows() {
        StateMachine<String> sm = new StateMachine<>(new Scripted(List.of(Transition.done(null))));
        assertEquals(null, sm.step().value());
        IllegalStateException e = assertThrows(IllegalStateException.class, sm::step);
        assertEquals("step() on a finished state machine", e.getMessage());
    }

    @Test
    void throwingTransitionFinishesTheMachineWithoutFinalizing() {
        int[] calls = new int[1];
        List<String> finalized = new ArrayList<>();
        StateMachine<String> sm = new StateMachine<>(new StateTransition<>() {
            @Override
            public Transition<String> transition() {
                calls[0]++;
                throw new IllegalArgumentException("boom");
            }

            @Override
            public void finalizeOnce(String value) {
                finalized.add(value);
            }
        });
        assertThrows(IllegalArgumentException.class, sm::step);
        assertTrue(sm.finished());
        assertThrows(IllegalStateException.class, sm::step);
        assertEquals(1, calls[0], "not called again after it threw");
        assertTrue(finalized.isEmpty());
    }

    @Test
    void throwingErrorAlsoFinishesTheMachine() {
        StateMachine<String> sm = new StateMachine<>(() -> {
            throw new AssertionError("invariant");
        });
        assertThrows(AssertionError.class, sm::step);
        assertTrue(sm.finished());
    }

    @Test
    void maxContinuesBoundThrows() {
        int[] calls = new int[1];
        StateMachine<String> sm = new StateMachine<>(() -> {
            calls[0]++;
            return Transition.proceed();
        }, 10);
        IllegalStateException e = assertThrows(IllegalStateException.class, sm::step);
        assertEquals("state machine continued 10 times without yielding or finishing", e.getMessage());
        assertEquals(10, calls[0]);
        assertTrue(sm.finished());
    }

    @Test
    void exactlyMaxContinuesMinusOneContinuesThenDoneIsFine() {
        int[] calls = new int[1];
        StateMachine<Integer> sm = new StateMachine<>(() -> ++calls[0] < 5 ? Transition.proceed() : Transition.done(calls[0]), 5);
        assertEquals(5, sm.step().value());
    }

    @Test
    void nullTransitionIsABug() {
        StateMachine<String> sm = new StateMachine<>(() -> null, 3);
        IllegalStateException e = assertThrows(IllegalStateException.class, sm::step);
        assertEquals("transition() returned null (expected: Io, Continue or Done)", e.getMessage());
        assertTrue(sm.finished());
    }

    @Test
    void argumentsAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new StateMachine<>(() -> Transition.done(1), 0));
        assertEquals("maxContinues: 0 (expected: > 0)", e.getMessage());
        assertThrows(NullPointerException.class, () -> new StateMachine<String>(null));
        assertThrows(NullPointerException.class, () -> Transition.io(null));
    }

    @Test
    void proceedIsShared() {
        assertSame(Transition.<String>proceed(), Transition.<Integer>proceed());
        assertEquals(new Transition.Done<>("x"), Transition.done("x"));
    }
}
