package dev.whopper.reports.model;

import java.util.Objects;

/**
 * One event of a run's timeline.
 *
 * @param step      the scheduler step
 * @param timeNanos the simulated time
 * @param fiber     the fiber, or -1 for the system (I/O completions, faults, crashes)
 * @param op        the fiber's operation kind, or for a system event the I/O kind or fault kind ({@code ""}: none)
 * @param kind      what happened: OP_START, YIELD, BLOCKED, SLEEP, DONE, FAILED, IO_SUBMIT, IO_COMPLETE,
 *                  IO_FAILED, FAULT, FAULTS_END, CRASH, RECOVERY
 * @param value     what it carried: an operation's value or error, an I/O request's file and offset,
 *                  or {@code ""}
 * @param offending part of what the failure is blamed on (the failing fiber's last operation, the faults that hit
 *                  it, and the operations of other fibers it is blamed on), highlighted in the report
 * @param blame     why it is blamed ({@code ""} when it is not, or when a report of schema 1 did not say)
 */
public record TimelineEvent(long step, long timeNanos, int fiber, String op, String kind, String value,
                            boolean offending, String blame) {
    public TimelineEvent {
        op = op == null ? "" : op;
        Objects.requireNonNull(kind, "kind");
        value = value == null ? "" : value;
        blame = blame == null ? "" : blame;
    }

    /**
     * An event without a reason for blame.
     *
     * @param step      the scheduler step
     * @param timeNanos the simulated time
     * @param fiber     the fiber, or -1
     * @param op        the operation kind or I/O kind
     * @param kind      what happened
     * @param value     what it carried
     * @param offending part of what the failure is blamed on
     */
    public TimelineEvent(long step, long timeNanos, int fiber, String op, String kind, String value, boolean offending) {
        this(step, timeNanos, fiber, op, kind, value, offending, "");
    }

    /**
     * @param why why it is blamed
     * @return this event, offending, with that reason
     */
    public TimelineEvent blamed(String why) {
        return new TimelineEvent(step, timeNanos, fiber, op, kind, value, true, why);
    }

    /** @return the line the console prints: {@code step 3 t=3000ns fiber 1 transfer DONE} */
    public String line() {
        return "step " + step + " t=" + timeNanos + "ns" + (fiber >= 0 ? " fiber " + fiber : "")
            + (op.isEmpty() ? "" : " " + op) + " " + kind;
    }
}
