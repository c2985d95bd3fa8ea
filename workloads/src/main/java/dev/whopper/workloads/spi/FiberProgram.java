package dev.whopper.workloads.spi;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * What one fiber (a simulated connection) does: a sequence of operations, produced one at a time. The
 * next operation is asked for as soon as the previous one finished.
 */
@FunctionalInterface
public interface FiberProgram {
    /**
     * @return the next operation, or {@code null} when the fiber is done
     */
    Operation<?> next();

    /**
     * A program of {@code count} operations, each made by {@code op} when the previous one finished.
     *
     * @param count how many operations, &gt; 0
     * @param op    makes each operation
     * @return the program
     */
    static FiberProgram repeat(int count, Supplier<? extends Operation<?>> op) {
        if (count <= 0) {
            throw new IllegalArgumentException("count: " + count + " (expected: > 0)");
        }
        Objects.requireNonNull(op, "op");
        return new FiberProgram() {
            private int made;

            @Override
            public Operation<?> next() {
                return made++ < count ? op.get() : null;
            }
        };
    }
}
