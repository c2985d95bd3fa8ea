package dev.whopper.sim.sched;

import dev.whopper.workloads.property.OpResult;
import dev.whopper.workloads.property.Property;
import dev.whopper.workloads.property.PropertyViolation;
import dev.whopper.workloads.property.RunEnd;
import dev.whopper.workloads.property.Violation;
import dev.whopper.workloads.spi.Operation;
import java.util.List;
import java.util.Objects;

/**
 * Tells every property of a run about one event, in order, and turns what comes back into the run's
 * verdict, in one place for every hook: a returned {@link Violation} or a thrown {@link PropertyViolation}
 * is a violation (the first one wins: later properties are not asked); any other
 * {@link RuntimeException} from a property is a tool bug, an internal error naming the property and the
 * hook. Allocation-free: the per-step {@link #afterStep} goes through the same loop as every other hook,
 * which is selected by an enum, not by a captured lambda.
 */
final class PropertyDispatch {
    /** Where the verdict of a hook that did not hold goes (the step loop, which ends the run). */
    interface Verdicts {
        /**
         * @param v     the violation
         * @param fiber the fiber it is attributed to, or -1
         */
        void violated(Violation v, int fiber);

        /**
         * @param message what threw, and where
         * @param e       what it threw
         */
        void internalError(String message, Throwable e);
    }

    /** The property hooks, each named as the {@link Property} method it calls. */
    enum Hook {
        ON_OP_START("onOpStart"),
        ON_OP_FINISH("onOpFinish"),
        AFTER_STEP("afterStep"),
        ON_CRASH("onCrash"),
        ON_RECOVERY("onRecovery"),
        ON_END("onEnd");

        final String method;

        Hook(String method) {
            this.method = method;
        }
    }

    private final Property[] properties;
    private final Verdicts verdicts;

    /**
     * @param properties what to tell, in this order
     * @param verdicts   where a hook that did not hold is reported
     */
    PropertyDispatch(List<Property> properties, Verdicts verdicts) {
        this.properties = properties.toArray(new Property[0]);
        this.verdicts = Objects.requireNonNull(verdicts, "verdicts");
    }

    /** @return true when there is at least one property (so {@link #afterStep} has work after every step) */
    boolean any() {
        return properties.length > 0;
    }

    /** @return the names of the properties that check the final state ({@link Property#checksAtEnd()}), in order */
    List<String> endChecks() {
        List<String> names = new java.util.ArrayList<>();
        for (Property p : properties) {
            if (p.checksAtEnd()) {
                names.add(p.name());
            }
        }
        return names;
    }

    /** @return true when every property held; otherwise the verdict was reported */
    boolean opStart(int fiber, Operation<?> op) {
        return dispatch(Hook.ON_OP_START, fiber, op, null, 0, null);
    }

    /** @return true when every property held; otherwise the verdict was reported */
    boolean opFinish(int fiber, Operation<?> op, OpResult result) {
        return dispatch(Hook.ON_OP_FINISH, fiber, op, result, 0, null);
    }

    /** @param fiber the fiber that took the step (a violation is attributed to it) @return true when every property held */
    boolean afterStep(int fiber) {
        return dispatch(Hook.AFTER_STEP, fiber, null, null, 0, null);
    }

    /** @return true when every property held; a violation is attributed to no fiber */
    boolean crash(long timeNanos) {
        return dispatch(Hook.ON_CRASH, -1, null, null, timeNanos, null);
    }

    /** @return true when every property held; a violation is attributed to no fiber */
    boolean recovery(long timeNanos) {
        return dispatch(Hook.ON_RECOVERY, -1, null, null, timeNanos, null);
    }

    /** @return true when every property held; a violation is attributed to no fiber */
    boolean end(RunEnd end) {
        return dispatch(Hook.ON_END, -1, null, null, 0, end);
    }

    /**
     * Runs {@code hook} over the properties in order until one does not hold.
     *
     * @param fiber the fiber the event concerns (a violation is attributed to it), or -1
     * @return true when every property held; false when a violation or an internal error was reported
     */
    boolean dispatch(Hook hook, int fiber, Operation<?> op, OpResult result, long timeNanos, RunEnd end) {
        for (Property p : properties) {
            Violation v;
            try {
                v = call(p, hook, fiber, op, result, timeNanos, end);
            } catch (PropertyViolation pv) {
                v = pv.violation();
            } catch (RuntimeException e) {
                verdicts.internalError("property " + p.name() + " threw in " + hook.method + ": " + e, e);
                return false;
            }
            if (v != null) {
                verdicts.violated(v, fiber);
                return false;
            }
        }
        return true;
    }

    private static Violation call(Property p, Hook hook, int fiber, Operation<?> op, OpResult result, long timeNanos,
                                  RunEnd end) {
        return switch (hook) {
            case ON_OP_START -> p.onOpStart(fiber, op);
            case ON_OP_FINISH -> p.onOpFinish(fiber, op, result);
            case AFTER_STEP -> p.afterStep();
            case ON_CRASH -> p.onCrash(timeNanos);
            case ON_RECOVERY -> p.onRecovery(timeNanos);
            case ON_END -> p.onEnd(end);
        };
    }
}
