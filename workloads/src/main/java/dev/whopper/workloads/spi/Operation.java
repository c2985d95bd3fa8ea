package dev.whopper.workloads.spi;

import dev.whopper.core.io.IOResult;
import dev.whopper.core.sm.StateMachine;
import java.util.Objects;

/**
 * One operation a fiber runs: anything whose {@link #step()} returns {@code Done(value)} or
 * {@code IO(completion)} ("call me again after this completion finished"). A core
 * {@code StateMachine} is one: {@code machine::step}. The scheduler calls {@code step()} once per
 * scheduler step until it returns Done (or throws).
 *
 * @param <R> the operation's value type
 */
@FunctionalInterface
public interface Operation<R> {
    /**
     * Advances the operation by one step.
     *
     * @return Done with the value, or IO with the completion to wait for (a finished or YIELD completion
     *         means "let others run, then call me again")
     */
    IOResult<R> step();

    /** @return the operation's kind, for counters and traces (stable: no identity hashes) */
    default String kind() {
        return "op";
    }

    /**
     * A core state machine as an operation.
     *
     * @param machine the machine
     * @param <R>     its value type
     * @return an operation stepping it
     */
    static <R> Operation<R> of(StateMachine<R> machine) {
        Objects.requireNonNull(machine, "machine");
        return machine::step;
    }

    /**
     * A named core state machine as an operation.
     *
     * @param kind    the kind shown in counters and traces
     * @param machine the machine
     * @param <R>     its value type
     * @return an operation stepping it
     */
    static <R> Operation<R> of(String kind, StateMachine<R> machine) {
        return named(kind, of(machine));
    }

    /**
     * Names an operation.
     *
     * @param kind the kind shown in counters and traces
     * @param op   the operation
     * @param <R>  value type
     * @return an operation with that kind
     */
    static <R> Operation<R> named(String kind, Operation<R> op) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(op, "op");
        return new Operation<>() {
            @Override
            public IOResult<R> step() {
                return op.step();
            }

            @Override
            public String kind() {
                return kind;
            }

            @Override
            public String toString() {
                return kind;
            }
        };
    }
}
