package dev.whopper.core.db;

/**
 * What the auto-checkpoints after commits did since open.
 *
 * @param autoRun         auto-checkpoints that ran to the end
 * @param autoSkippedBusy auto-checkpoints skipped because another checkpoint held the CHECKPOINTER lock
 * @param autoFailed      auto-checkpoints that failed (an I/O error; the commit stays acknowledged)
 */
public record CheckpointStats(long autoRun, long autoSkippedBusy, long autoFailed) { }
