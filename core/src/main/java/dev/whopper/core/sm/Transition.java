package dev.whopper.core.sm;

import dev.whopper.core.io.Completion;
import java.util.Objects;

/**
 * What one {@link StateTransition#transition()} call decided.
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
}
