package dev.whopper.core.storage.wal;

/**
 * What recovery found in a WAL file: the valid frames up to the last valid commit frame.
 *
 * @param headerValid   whether the WAL header was valid (false: the WAL is treated as empty)
 * @param checkpointSeq checkpoint sequence from the header
 * @param salt1         salt 1 from the header
 * @param salt2         salt 2 from the header
 * @param maxFrame      number of frames kept (the last one is a commit frame), 0 when none
 * @param pageOfFrame   {@code pageOfFrame[i]} is the page number of frame {@code i + 1}, for i &lt; maxFrame
 * @param dbPages       database size in pages at the last commit frame, 0 when none
 * @param lastChecksum  cumulative checksum of frame {@code maxFrame} (the header's when 0)
 * @param droppedFrames complete-looking frames after {@code maxFrame} that were dropped
 */
public record RecoveredWal(boolean headerValid, int checkpointSeq, int salt1, int salt2, int maxFrame, int[] pageOfFrame,
                           int dbPages, int lastChecksum, int droppedFrames) {

    /** @return an empty result for a missing or invalid WAL */
    public static RecoveredWal empty() {
        return new RecoveredWal(false, 0, 0, 0, 0, new int[0], 0, 0, 0);
    }
}
