package dev.whopper.sim.io;

import dev.whopper.core.io.CompletionKind;
import dev.whopper.core.io.ErrorCode;

/**
 * Told about what a {@link SimIO} does, for the simulator's trace hash and event log. Calls happen on the
 * simulation's thread inside {@link SimIO#fireDue()} (or {@link SimIO#crash(CrashOptions)}); arguments are
 * primitives and shared references so the hot path allocates nothing for the listener.
 */
@FunctionalInterface
public interface SimIOListener {
    /**
     * A request or timer finished; told after its data effect, before its completion's callback runs.
     *
     * @param timeNanos virtual time
     * @param path      the file, or {@code null} for a TIMER
     * @param kind      READ, WRITE, SYNC, TRUNCATE or TIMER
     * @param offset    byte offset (READ/WRITE), new length (TRUNCATE), 0 otherwise
     * @param length    bytes asked for (READ/WRITE), the delay (TIMER), 0 otherwise
     * @param result    bytes transferred on success (READ/WRITE), 0 otherwise
     * @param error     the error code on failure, {@code null} on success
     */
    void onCompletion(long timeNanos, String path, CompletionKind kind, long offset, long length, int result,
                      ErrorCode error);

    /**
     * A fault was injected; told before the matching {@link #onCompletion} (at submit for latency spikes).
     *
     * @param timeNanos virtual time
     * @param path      the file
     * @param fault     what was injected
     * @param offset    where (the flipped byte for BIT_FLIP, the request's offset otherwise)
     */
    default void onFault(long timeNanos, String path, FaultKind fault, long offset) { }

    /**
     * A request or timer was submitted (after any latency spike was drawn for it); observers only (the trace
     * hash does not fold submits in: completions already carry their effect).
     *
     * @param timeNanos virtual time
     * @param path      the file, or {@code null} for a TIMER
     * @param kind      READ, WRITE, SYNC, TRUNCATE or TIMER
     * @param offset    byte offset (READ/WRITE), new length (TRUNCATE), 0 otherwise
     * @param dueNanos  when it will complete
     */
    default void onSubmit(long timeNanos, String path, CompletionKind kind, long offset, long dueNanos) { }

    /**
     * A power loss happened.
     *
     * @param report what it did
     */
    default void onCrash(CrashReport report) { }
}
