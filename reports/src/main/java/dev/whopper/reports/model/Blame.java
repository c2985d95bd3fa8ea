package dev.whopper.reports.model;

/**
 * One operation a failure is blamed on, as the report lists it: {@code blamed: fiber 3, transfer #12 at
 * t=1.200 ms: wrote acct/0003 but not yet acct/0007 when the audit scanned}.
 *
 * @param fiber     the fiber that ran it
 * @param opIndex   which of the fiber's operations (numbered from 0 in the order it started them), or -1 unknown
 * @param fromNanos simulated time it began (as the property saw it; for a guess, its first event kept)
 * @param toNanos   simulated time it ended or was last seen
 * @param op        its operation kind as the timeline shows it, or {@code ""} when its events were not kept
 * @param reason    why it is blamed
 * @param guessed   true when no property named it and the report's heuristic did (it overlapped the failing
 *                  operation in simulated time); false when a property blamed it
 */
public record Blame(int fiber, long opIndex, long fromNanos, long toNanos, String op, String reason, boolean guessed) {
    public Blame {
        op = op == null ? "" : op;
        reason = reason == null ? "" : reason;
    }

    /** @return the line the console prints: {@code fiber 3, transfer #12 at t=1200000ns: why} */
    public String line() {
        return "fiber " + fiber + ", " + (op.isEmpty() ? "operation" : op) + (opIndex >= 0 ? " #" + opIndex : "")
            + " at t=" + fromNanos + "ns" + (toNanos > fromNanos ? ".." + toNanos + "ns" : "") + ": " + reason
            + (guessed ? " (guessed)" : "");
    }
}
