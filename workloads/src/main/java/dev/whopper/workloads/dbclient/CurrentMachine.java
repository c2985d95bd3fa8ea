package dev.whopper.workloads.dbclient;

import dev.whopper.core.io.IOResult;
import dev.whopper.core.sm.StateMachine;
import java.util.function.Supplier;

/**
 * The engine state machine an operation is in the middle of: created on the first step of a state, stepped on
 * every later one until it is done, then forgotten, so that a state re-entered after a yield resumes the same
 * machine instead of starting a second one.
 */
public final class CurrentMachine {
    private StateMachine<?> current;

    /**
     * @param machine creates the machine, on the first call only
     * @param <T>     its value type
     * @return its step's result (IO: call again later)
     */
    @SuppressWarnings("unchecked")
    public <T> IOResult<T> run(Supplier<StateMachine<T>> machine) {
        if (current == null) {
            current = machine.get();
        }
        IOResult<T> r = ((StateMachine<T>) current).step();
        if (r.isDone()) {
            current = null;
        }
        return r;
    }

    /** @return true when no machine is in progress (the next {@link #run} creates one) */
    public boolean idle() {
        return current == null;
    }

    /** Forgets the machine (it failed, or the operation moves on without it). */
    public void reset() {
        current = null;
    }
}
