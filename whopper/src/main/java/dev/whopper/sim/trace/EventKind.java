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
    /** A simulated I/O request or timer finished (fiber -1, op = its kind). */
    IO_COMPLETE,
    /** A simulated I/O request failed (fiber -1, op = its kind). */
    IO_FAILED,
    /** A fault was injected (fiber -1, op = the fault kind). */
    FAULT,
    /** Fault injection stopped (liveness is measured from here). */
    FAULTS_END,
    /** The system crashed. */
    CRASH,
    /** The system recovered. */
    RECOVERY,
    /**
     * A simulated I/O request was submitted (fiber -1, op = its kind). Told to a {@link TraceSink} only: the
     * event ring does not record it, so rings and traces of earlier builds stay as they were.
     */
    IO_SUBMIT
}
