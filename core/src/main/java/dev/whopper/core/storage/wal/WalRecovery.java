package dev.whopper.core.storage.wal;

import dev.whopper.core.storage.page.PageEnvelope;
import java.util.Arrays;

/**
 * Finds the valid prefix of a WAL image: frames are accepted while their salts match the header and
 * their cumulative checksum is right; the result keeps exactly the frames up to the last accepted commit
 * frame. A torn or bit-flipped frame, or one with stale salts, ends the valid log.
 */
public final class WalRecovery {
    private WalRecovery() { }

    /**
     * @param wal      the WAL file's bytes (may be empty or truncated anywhere)
     * @param pageSize the database's page size
     * @return what to keep
     */
    public static RecoveredWal recover(byte[] wal, int pageSize) {
        if (wal.length < WalFormat.HEADER_SIZE) {
            return RecoveredWal.empty();
        }
        int headerChecksum;
        try {
            headerChecksum = WalFormat.headerChecksum(wal);
        } catch (IllegalArgumentException e) {
            return RecoveredWal.empty();
        }
        if (PageEnvelope.getInt(wal, 8) != pageSize) {
            return RecoveredWal.empty();
        }
        int seq = PageEnvelope.getInt(wal, 12);
        int salt1 = PageEnvelope.getInt(wal, 16);
        int salt2 = PageEnvelope.getInt(wal, 20);
        int frameSize = WalFormat.FRAME_HEADER_SIZE + pageSize;
        int available = (wal.length - WalFormat.HEADER_SIZE) / frameSize;
        int[] pages = new int[Math.max(0, available)];
        int prev = headerChecksum;
        int lastCommit = 0;
        int lastCommitChecksum = headerChecksum;
        int dbPages = 0;
        int accepted = 0;
        for (int i = 1; i <= available; i++) {
            int off = (int) WalFormat.frameOffset(pageSize, i);
            int pageNo = PageEnvelope.getInt(wal, off);
            int commit = PageEnvelope.getInt(wal, off + 4);
            if (PageEnvelope.getInt(wal, off + 8) != salt1 || PageEnvelope.getInt(wal, off + 12) != salt2 || pageNo < 1) {
                break;
            }
            int sum = WalFormat.frameChecksum(prev, wal, off, wal, off + WalFormat.FRAME_HEADER_SIZE, pageSize);
            if (sum != PageEnvelope.getInt(wal, off + 16)) {
                break;
            }
            pages[i - 1] = pageNo;
            prev = sum;
            accepted = i;
            if (commit != 0) {
                lastCommit = i;
                lastCommitChecksum = sum;
                dbPages = commit;
            }
        }
        return new RecoveredWal(true, seq, salt1, salt2, lastCommit, Arrays.copyOf(pages, lastCommit), dbPages,
            lastCommitChecksum, accepted - lastCommit);
    }
}
