package dev.whopper.core.sm;

/**
 * One step of an explicit state machine. Keep progress in fields (an enum or sealed state record);
 * never mutate before a call that may yield, only after it returned done or after moving to a new state.
 *
 * @param <T> the machine's value type
 */
public interface StateTransition<T> {
    /**
     * Advances the machine.
     *
     * @return {@link Transition.Io} to wait, {@link Transition.Continue} to be called again at once, or
     *         {@link Transition.Done} with the result
     */
    Transition<T> transition();

    /**
     * Called exactly once, after {@link #transition()} returned {@link Transition.Done}; releases what
     * the machine held. Not called when {@code transition()} threw.
     *
     * @param value the result
     */
    default void finalizeOnce(T value) { }
}
