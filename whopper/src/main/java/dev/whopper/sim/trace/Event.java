package dev.whopper.sim.trace;

/**
 * One recorded event.
 *
 * @param step      the scheduler step it happened in
 * @param timeNanos the simulated time
 * @param fiber     the fiber, or -1 for system events
 * @param op        the operation's kind, or {@code ""}
 * @param kind      what happened
 */
public record Event(long step, long timeNanos, int fiber, String op, EventKind kind) {
    @Override
    public String toString() {
        return "step " + step + " t=" + timeNanos + "ns" + (fiber >= 0 ? " fiber " + fiber : "")
            + (op.isEmpty() ? "" : " " + op) + " " + kind;
    }
}
