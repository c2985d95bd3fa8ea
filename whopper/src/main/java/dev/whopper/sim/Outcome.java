package dev.whopper.sim;

import java.util.List;
import java.util.Objects;

/** How a run ended. Failures of the code under test and bugs of the tool itself are kept apart. */
public sealed interface Outcome
    permits Outcome.Passed, Outcome.Violation, Outcome.Deadlock, Outcome.Liveness, Outcome.Incomplete,
    Outcome.InternalError {

    /** The outcome kinds. */
    enum Kind {
        /** No property was violated. */
        PASSED,
        /** A property (or invariant) was violated, or the code under test threw. */
        VIOLATION,
        /** Every live fiber was blocked with no event pending and nobody sleeping. */
        DEADLOCK,
        /** An operation did not finish in time after faults stopped. */
        LIVENESS,
        /**
         * The step budget ran out with fibers not done (a livelock, or a budget too small for the workload):
         * not a pass, since the end-of-run checks could not run.
         */
        INCOMPLETE,
        /** The simulator (or a property checker) itself failed: a tool bug. */
        INTERNAL_ERROR
    }

    /** @return the kind */
    Kind kind();

    /** @return true unless {@link Kind#PASSED} */
    default boolean failed() {
        return kind() != Kind.PASSED;
    }

    /**
     * @return what shrinking must preserve: the kind, plus the property's name for a violation
     */
    default String failureKey() {
        return kind().name();
    }

    /**
     * The run passed: every property ran and held, except those in {@code skipped}.
     *
     * @param allFibersDone true when every fiber finished its operations (false: the step budget ended it, and
     *                      the user allowed that)
     * @param skipped       the end-of-run checks that could not run because the budget cut the run (empty when
     *                      every fiber finished)
     */
    record Passed(boolean allFibersDone, List<String> skipped) implements Outcome {
        public Passed {
            skipped = List.copyOf(skipped);
        }

        /** A pass of a run whose fibers all finished: nothing skipped. */
        public static final Passed COMPLETE = new Passed(true, List.of());

        @Override
        public Kind kind() {
            return Kind.PASSED;
        }
    }

    /**
     * A property was violated.
     *
     * @param property  the property's name
     * @param message   what went wrong
     * @param step      the step it was found in
     * @param timeNanos simulated time
     * @param fiber     the fiber whose step revealed it, or -1
     * @param blamed    the operations the property blames (of any fiber), most to blame first; empty when it
     *                  does not say (the report then falls back to a heuristic)
     */
    record Violation(String property, String message, long step, long timeNanos, int fiber,
                     List<dev.whopper.workloads.property.Blamed> blamed) implements Outcome {
        public Violation {
            Objects.requireNonNull(property, "property");
            Objects.requireNonNull(message, "message");
            blamed = blamed == null ? List.of() : List.copyOf(blamed);
        }

        /**
         * A violation that blames nobody in particular.
         *
         * @param property  the property's name
         * @param message   what went wrong
         * @param step      the step it was found in
         * @param timeNanos simulated time
         * @param fiber     the fiber whose step revealed it, or -1
         */
        public Violation(String property, String message, long step, long timeNanos, int fiber) {
            this(property, message, step, timeNanos, fiber, List.of());
        }

        @Override
        public Kind kind() {
            return Kind.VIOLATION;
        }

        @Override
        public String failureKey() {
            return "VIOLATION:" + property;
        }
    }

    /**
     * No fiber can ever run again.
     *
     * @param step      the step it was found in
     * @param timeNanos simulated time
     * @param blocked   one line per blocked fiber: what it waits on
     */
    record Deadlock(long step, long timeNanos, List<String> blocked) implements Outcome {
        public Deadlock {
            blocked = List.copyOf(blocked);
        }

        @Override
        public Kind kind() {
            return Kind.DEADLOCK;
        }
    }

    /**
     * An operation took too long after faults stopped.
     *
     * @param fiber       the fiber
     * @param op          the operation's kind
     * @param step        the step it was found in
     * @param timeNanos   simulated time
     * @param waitedNanos how long the operation had run (counted from when faults stopped, if later)
     */
    record Liveness(int fiber, String op, long step, long timeNanos, long waitedNanos) implements Outcome {
        @Override
        public Kind kind() {
            return Kind.LIVENESS;
        }
    }

    /**
     * The run could not be checked in full: the step budget ran out before every fiber was done, or the run
     * ended before a planned crash.
     *
     * @param reason    what was cut short, for a person
     * @param step      the step the run ended at
     * @param timeNanos simulated time
     * @param live      one line per fiber not done (its state and operation), or per planned crash that did not happen
     * @param skipped   the end-of-run checks that could not run
     */
    record Incomplete(String reason, long step, long timeNanos, List<String> live, List<String> skipped) implements Outcome {
        /** The reason of a run whose step budget ran out. */
        public static final String BUDGET = "the step budget ran out with fibers not done";
        /** The reason of a run whose fibers finished but whose I/O did not, within the drain's bounds. */
        public static final String IO_IN_FLIGHT = "I/O still in flight when every fiber was done";
        /** The reason of a run that ended before a planned crash. */
        public static final String CRASH_MISSED = "the run ended before a planned crash";

        public Incomplete {
            Objects.requireNonNull(reason, "reason");
            live = List.copyOf(live);
            skipped = List.copyOf(skipped);
        }

        @Override
        public Kind kind() {
            return Kind.INCOMPLETE;
        }
    }

    /**
     * The tool failed.
     *
     * @param message what failed
     * @param cause   the exception
     * @param step    the step
     */
    record InternalError(String message, Throwable cause, long step) implements Outcome {
        @Override
        public Kind kind() {
            return Kind.INTERNAL_ERROR;
        }
    }
}
