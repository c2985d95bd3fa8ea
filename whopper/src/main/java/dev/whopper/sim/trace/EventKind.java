package dev.whopper.sim.trace;

/** What one recorded event was. */
public enum EventKind {
    /** An operation began (its first step follows). */
    OP_START,
    /** A step returned a finished completion (a yield): the fiber stays runnable. */
    YIELD,
    /** A step returned a pending completion: the fiber is blocked on it. */
    BLOCKED,
    /** A step asked to sleep: the fiber sleeps until a time. */
    SLEEP,
    /** A step finished the operation with a value. */
    DONE,
    /** A step finished the operation with an error. */
    FAILED,
    /** The system crashed. */
    CRASH,
    /** The system recovered. */
    RECOVERY
}
