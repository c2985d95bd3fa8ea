package dev.whopper.sim.sched;

/**
 * The scheduler's knobs. (What a step costs in simulated time belongs to the clock:
 * {@link dev.whopper.sim.VirtualClock#VirtualClock(long)}.)
 *
 * @param maxSteps             step budget, &gt; 0; a run that reaches it ends (PASSED unless something failed)
 * @param yieldRate            chance, in [0, 1], that a yield point yields
 * @param yieldCapPerOp        at most this many injected yields per operation, &gt;= 0
 * @param eventsKept           size of the ring of last events, in 1..{@link dev.whopper.sim.trace.EventRing#MAX_CAPACITY}
 * @param livenessTimeoutNanos an operation running longer than this (counted from when faults stop, if
 *                             later) is a LIVENESS failure; 0 turns the check off
 * @param faultsEndNanos       simulated time from which no more faults are injected (0: from the start)
 * @param recordDecisions      keep the decision log (false: only hash the decisions)
 */
public record SchedulerConfig(long maxSteps, double yieldRate, int yieldCapPerOp, int eventsKept,
                              long livenessTimeoutNanos, long faultsEndNanos, boolean recordDecisions) {
    public SchedulerConfig {
        if (maxSteps <= 0) {
            throw new IllegalArgumentException("maxSteps: " + maxSteps + " (expected: > 0)");
        }
        if (!(yieldRate >= 0 && yieldRate <= 1)) {
            throw new IllegalArgumentException("yieldRate: " + yieldRate + " (expected: in [0, 1])");
        }
        if (yieldCapPerOp < 0) {
            throw new IllegalArgumentException("yieldCapPerOp: " + yieldCapPerOp + " (expected: >= 0)");
        }
        if (eventsKept <= 0 || eventsKept > dev.whopper.sim.trace.EventRing.MAX_CAPACITY) {
            throw new IllegalArgumentException("eventsKept: " + eventsKept + " (expected: 1.."
                + dev.whopper.sim.trace.EventRing.MAX_CAPACITY + ")");
        }
        if (livenessTimeoutNanos < 0) {
            throw new IllegalArgumentException("livenessTimeoutNanos: " + livenessTimeoutNanos + " (expected: >= 0)");
        }
        if (faultsEndNanos < 0) {
            throw new IllegalArgumentException("faultsEndNanos: " + faultsEndNanos + " (expected: >= 0)");
        }
    }

    /** @return 100 000 steps, no yield injection, 32 events, no liveness check, recording on */
    public static SchedulerConfig defaults() {
        return new SchedulerConfig(100_000, 0, 0, 32, 0, 0, true);
    }
}
