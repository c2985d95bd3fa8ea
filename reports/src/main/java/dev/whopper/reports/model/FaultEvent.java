package dev.whopper.reports.model;

import java.util.Objects;

/**
 * One injected fault, or a crash.
 *
 * @param seed      the run it happened in
 * @param step      the scheduler step
 * @param timeNanos the simulated time
 * @param kind      the fault kind ({@code IO_ERROR}, {@code BIT_FLIP}, {@code TORN_WRITE}, ...), or {@link #CRASH}
 * @param file      the file it hit ({@code ""} for a crash)
 * @param offset    where in the file (the flipped byte for a bit flip, the request's offset otherwise; -1 for a crash)
 */
public record FaultEvent(long seed, long step, long timeNanos, String kind, String file, long offset) {
    /** The kind of a simulated power loss. */
    public static final String CRASH = "CRASH";

    public FaultEvent {
        Objects.requireNonNull(kind, "kind");
        file = file == null ? "" : file;
    }

    /** @return true for a crash */
    public boolean crash() {
        return CRASH.equals(kind);
    }
}
