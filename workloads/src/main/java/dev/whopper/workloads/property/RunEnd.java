package dev.whopper.workloads.property;

/**
 * The end of a run, as {@link Property#onEnd(RunEnd)} sees it.
 *
 * @param allFibersDone true when every fiber ran out of operations (false when the step budget ended
 *                      the run first: end-state checks that assume every operation finished must skip)
 * @param steps         scheduler steps taken
 * @param timeNanos     simulated time at the end
 */
public record RunEnd(boolean allFibersDone, long steps, long timeNanos) { }
