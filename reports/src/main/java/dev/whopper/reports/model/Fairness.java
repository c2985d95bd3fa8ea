package dev.whopper.reports.model;

import java.util.List;

/** Jain's fairness index. */
public final class Fairness {
    private Fairness() { }

    /**
     * Jain's index {@code (sum x)^2 / (n * sum x^2)} over the fibers' finished operations: 1 when every fiber
     * did as much, {@code 1/n} when one did everything; 1 for no fibers or no operations.
     *
     * @param fibers the fibers
     * @return the index, in {@code [1/n, 1]}
     */
    public static double jain(List<FiberLine> fibers) {
        double sum = 0;
        double squares = 0;
        for (FiberLine f : fibers) {
            sum += f.ops();
            squares += (double) f.ops() * f.ops();
        }
        return squares == 0 ? 1.0 : sum * sum / (fibers.size() * squares);
    }
}
