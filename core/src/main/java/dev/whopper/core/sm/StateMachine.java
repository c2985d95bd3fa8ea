package dev.whopper.core.sm;

import dev.whopper.core.io.IOResult;
import java.util.Objects;

/**
 * Drives a {@link StateTransition}: {@link #step()} loops while the transition says Continue, returns
 * {@code IO} when it waits, and on Done calls {@link StateTransition#finalizeOnce} once and returns the
 * value. Stepping a finished machine throws {@link IllegalStateException}. A transition that throws
 * finishes the machine (the exception propagates).
 *
 * @param <T> the value type
 */
public final class StateMachine<T> {
    /** Bound on Continue transitions in one step: a machine that never yields nor ends is a bug. */
    public static final int DEFAULT_MAX_CONTINUES = 1_000_000;

    private final StateTransition<T> transition;
    private final int maxContinues;
    private boolean finished;

    /** @param transition the machine's step function */
    public StateMachine(StateTransition<T> transition) {
        this(transition, DEFAULT_MAX_CONTINUES);
    }

    /**
     * @param transition   the machine's step function
     * @param maxContinues how many Continue transitions one {@link #step()} allows, &gt; 0
     */
    public StateMachine(StateTransition<T> transition, int maxContinues) {
        this.transition = Objects.requireNonNull(transition, "transition");
        if (maxContinues <= 0) {
            throw new IllegalArgumentException("maxContinues: " + maxContinues + " (expected: > 0)");
        }
        this.maxContinues = maxContinues;
    }

    /** @return true once the machine returned Done or threw */
    public boolean finished() {
        return finished;
    }

    /**
     * Runs the machine until it waits for I/O or finishes.
     *
     * @return {@code IO(completion)} or {@code Done(value)}
     * @throws IllegalStateException when the machine has finished, or looped {@code maxContinues} times
     */
    public IOResult<T> step() {
        if (finished) {
            throw new IllegalStateException("step() on a finished state machine");
        }
        for (int i = 0; i < maxContinues; i++) {
            Transition<T> t;
            try {
                t = transition.transition();
            } catch (RuntimeException | Error e) {
                finished = true;
                throw e;
            }
            if (t == null) {
                finished = true;
                throw new IllegalStateException("transition() returned null (expected: Io, Continue or Done)");
            }
            if (t instanceof Transition.Io<T> io) {
                return IOResult.io(io.completion());
            } else if (t instanceof Transition.Done<T> done) {
                finished = true;
                transition.finalizeOnce(done.value());
                return IOResult.done(done.value());
            }
            // Continue: loop.
        }
        finished = true;
        throw new IllegalStateException("state machine continued " + maxContinues + " times without yielding or finishing");
    }
}
