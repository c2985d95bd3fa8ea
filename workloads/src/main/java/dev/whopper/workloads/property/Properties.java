package dev.whopper.workloads.property;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/** Properties made from a condition: an invariant checked after every step, and a check of the final state. */
public final class Properties {
    private Properties() { }

    /** A property with a fixed name and one hook. */
    private abstract static class Named implements Property {
        private final String name;

        Named(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        @Override
        public final String name() {
            return name;
        }
    }

    /**
     * @param name  the property's name
     * @param holds true while the invariant holds; asked after every scheduler step
     * @return the property; its violation says "invariant does not hold"
     */
    public static Property invariant(String name, BooleanSupplier holds) {
        Objects.requireNonNull(holds, "holds");
        return new Named(name) {
            @Override
            public Violation afterStep() {
                return holds.getAsBoolean() ? null : violation("invariant does not hold");
            }
        };
    }

    /**
     * @param name  the property's name
     * @param holds true when the final state is right; asked once, when every fiber finished its operations
     *              (a run cut short by its step budget does not ask it)
     * @return the property; its violation says "does not hold at the end of the run"
     */
    public static Property atEnd(String name, BooleanSupplier holds) {
        Objects.requireNonNull(holds, "holds");
        return new Named(name) {
            @Override
            public boolean checksAtEnd() {
                return true;
            }

            @Override
            public Violation onEnd(RunEnd e) {
                if (!e.allFibersDone()) {
                    return null;
                }
                return holds.getAsBoolean() ? null : violation("does not hold at the end of the run");
            }
        };
    }
}
