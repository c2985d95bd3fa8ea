package dev.whopper.sim.io;

/** The faults {@link SimIO} can inject; each has a rate in {@link FaultConfig}. */
public enum FaultKind {
    /** A read fails with IO_ERROR; the buffer is not filled. */
    IO_ERROR_READ,
    /** A write fails with IO_ERROR; nothing reaches the file. */
    IO_ERROR_WRITE,
    /** A sync fails with IO_ERROR; nothing becomes durable, the unsynced writes stay pending (a retry may persist them). */
    IO_ERROR_SYNC,
    /** A truncation fails with IO_ERROR; the length does not change. */
    IO_ERROR_TRUNCATE,
    /** A read that could have been served in full returns a prefix and fails with SHORT_READ. */
    SHORT_READ,
    /** A write fails with IO_ERROR after a sector-aligned proper prefix of it (possibly empty) reached the file. */
    TORN_WRITE,
    /** A write succeeds, but one bit of what it stored is flipped (found later by checksums, if at all). */
    BIT_FLIP,
    /** A request takes {@link FaultConfig#latencySpikeNanos()} longer than its drawn latency. */
    LATENCY_SPIKE,
    /**
     * A sync fails with SYNC_FAILED and the writes it should have persisted are forgotten by the "kernel":
     * they stay readable but never become durable, even after a later successful sync (fsyncgate).
     */
    SYNC_FAILURE
}
