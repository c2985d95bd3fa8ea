package dev.whopper.core.sm;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IOResult;
import java.util.Objects;

/**
 * What one {@link StateTransition#transition()} call decided.
 *
 * <p>The glue between a machine and the calls it makes is written once, here: {@link #await} waits for
 * a completion the machine just started (or goes straight on when it already finished), and
 * {@link #from} propagates a callee's {@code IO} result upward ({@code return_if_io!}) in one line:
 *
 * <pre>{@code
 * IOResult<byte[]> r = store.read(page);
 * if (r.isIo()) return Transition.from(r);
 * byte[] image = r.value();
 * }</pre>
 *
 * @param <T> the machine's value type
 */
public sealed interface Transition<T> permits Transition.Io, Transition.Continue, Transition.Done {

    /**
     * Wait for {@code completion}, then call {@code transition()} again.
     *
     * @param completion what to wait for
     * @param <T>        value type
     */
    record Io<T>(Completion completion) implements Transition<T> {
        /** Checks that the completion is present. */
        public Io {
            Objects.requireNonNull(completion, "completion");
        }
    }

    /**
     * Call {@code transition()} again at once (the state moved on without I/O).
     *
     * @param <T> value type
     */
    record Continue<T>() implements Transition<T> {
        private static final Continue<?> INSTANCE = new Continue<>();
    }

    /**
     * The machine finished with {@code value}.
     *
     * @param value the result
     * @param <T>   value type
     */
    record Done<T>(T value) implements Transition<T> { }

    /**
     * @param <T> value type
     * @return the shared Continue
     */
    @SuppressWarnings("unchecked")
    static <T> Transition<T> proceed() {
        return (Transition<T>) Continue.INSTANCE;
    }

    /**
     * @param completion what to wait for
     * @param <T>        value type
     * @return Io(completion)
     */
    static <T> Transition<T> io(Completion completion) {
        return new Io<>(completion);
    }

    /**
     * @param value the result
     * @param <T>   value type
     * @return Done(value)
     */
    static <T> Transition<T> done(T value) {
        return new Done<>(value);
    }

    /**
     * Waits for a completion the machine has just started: {@code Io(c)} while it is in flight, or
     * Continue when it finished already (an immediate backend), so the next state runs at once.
     *
     * @param c   the completion
     * @param <T> value type
     * @return Continue when {@code c} has finished, else Io(c)
     */
    static <T> Transition<T> await(Completion c) {
        return c.finished() ? proceed() : io(c);
    }

    /**
     * Propagates a callee's {@code IO} result upward ({@code return_if_io!}): the Io transition that
     * waits for the same completion, typed as the caller's machine needs.
     *
     * @param r   an {@link IOResult.IO} result
     * @param <T> the caller's value type
     * @return Io(the completion {@code r} waits for)
     * @throws IllegalStateException when {@code r} is Done (its value would be lost)
     */
    static <T> Transition<T> from(IOResult<?> r) {
        if (!r.isIo()) {
            throw new IllegalStateException("from() on Done: only an IO result can be propagated (read its value instead)");
        }
        return io(r.completion());
    }
}
