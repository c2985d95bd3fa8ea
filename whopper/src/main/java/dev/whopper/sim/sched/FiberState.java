package dev.whopper.sim.sched;

/** The state of a fiber. */
public enum FiberState {
    /** Can take a step. */
    RUNNABLE,
    /** Waits for a completion that has not finished. */
    BLOCKED,
    /** Sleeps until a simulated time. */
    SLEEPING,
    /** Has no more operations. */
    DONE
}
