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
 * @param offending part of what the failure is blamed on (the failing fiber's last operations, the fault that
 *                  hit them), highlighted in the report
 */
public record TimelineEvent(long step, long timeNanos, int fiber, String op, String kind, String value,
                            boolean offending) {
    public TimelineEvent {
        op = op == null ? "" : op;
        Objects.requireNonNull(kind, "kind");
        value = value == null ? "" : value;
    }

    /** @return the line the console prints: {@code step 3 t=3000ns fiber 1 transfer DONE} */
    public String line() {
        return "step " + step + " t=" + timeNanos + "ns" + (fiber >= 0 ? " fiber " + fiber : "")
            + (op.isEmpty() ? "" : " " + op) + " " + kind;
    }
}
