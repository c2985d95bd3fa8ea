package dev.whopper.core.db;

/**
 * What a checkpoint did.
 *
 * @param walFrames       committed frames in the WAL when the checkpoint looked
 * @param backfilledFrames frames now copied into the database file (all of them when equal to walFrames)
 * @param pagesWritten    pages written to the database file by this checkpoint
 * @param walReset        true when the WAL was restarted (RESTART/TRUNCATE)
 */
public record CheckpointResult(int walFrames, int backfilledFrames, int pagesWritten, boolean walReset) { }
