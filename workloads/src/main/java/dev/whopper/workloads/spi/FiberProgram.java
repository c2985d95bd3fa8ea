package dev.whopper.workloads.spi;

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
}
