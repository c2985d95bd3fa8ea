package dev.whopper.sim;

/**
 * The same seed run twice.
 *
 * @param first  the first run
 * @param second the second run
 */
public record Doublecheck(RunResult first, RunResult second) {
    /** @return true when both runs had the same trace hash and outcome kind */
    public boolean identical() {
        return first.traceHash() == second.traceHash() && first.kind() == second.kind();
    }
}
