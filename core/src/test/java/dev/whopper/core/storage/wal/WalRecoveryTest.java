package dev.whopper.core.storage.wal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.storage.page.PageEnvelope;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class WalRecoveryTest {
    private static final int PS = 512;

    /** Frames: pages 2,3,1(commit) | 4,1(commit) | 5 (no commit). */
    private static byte[] wal(int salt1, int salt2) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] h = WalFormat.header(PS, 3, salt1, salt2);
        out.writeBytes(h);
        int prev = WalFormat.headerChecksum(h);
        int[][] frames = {{2, 0}, {3, 0}, {1, 3}, {4, 0}, {1, 4}, {5, 0}};
        for (int[] f : frames) {
            byte[] page = new byte[PS];
            Arrays.fill(page, 0, 100, (byte) f[0]);
            PageEnvelope.seal(page, f[0]);
            byte[] fh = WalFormat.frameHeader(f[0], f[1], salt1, salt2, prev, page);
            prev = PageEnvelope.getInt(fh, 16);
            out.writeBytes(fh);
            out.writeBytes(page);
        }
        return out.toByteArray();
    }

    @Test
    void keepsFramesUpToTheLastCommit() {
        RecoveredWal r = WalRecovery.recover(wal(11, 22), PS);
        assertTrue(r.headerValid());
        assertEquals(5, r.maxFrame());
        assertArrayEquals(new int[] {2, 3, 1, 4, 1}, r.pageOfFrame());
        assertEquals(4, r.dbPages());
        assertEquals(1, r.droppedFrames());
        assertEquals(3, r.checkpointSeq());
    }

    @Test
    void emptyOrBadHeaderMeansEmptyWal() {
        assertFalse(WalRecovery.recover(new byte[0], PS).headerValid());
        byte[] w = wal(1, 2);
        w[3] ^= 1;
        assertEquals(0, WalRecovery.recover(w, PS).maxFrame());
        assertEquals(0, WalRecovery.recover(wal(1, 2), 1024).maxFrame(), "page size mismatch");
    }

    @Property(tries = 200)
    void truncationKeepsTheLastCompleteCommit(@ForAll @IntRange(min = 0, max = 32 + 6 * (24 + 512)) int length) {
        byte[] w = Arrays.copyOf(wal(5, 6), length);
        int frames = Math.max(0, (length - 32) / (24 + 512));
        int expected = frames >= 5 ? 5 : frames >= 3 ? 3 : 0;
        assertEquals(expected, WalRecovery.recover(w, PS).maxFrame());
    }

    @Property(tries = 300)
    void aBitFlipEndsTheValidLog(@ForAll @IntRange(min = 32, max = 32 + 6 * (24 + 512) - 1) int offset,
                                 @ForAll @IntRange(min = 0, max = 7) int bit) {
        byte[] w = wal(5, 6);
        w[offset] ^= (byte) (1 << bit);
        int frame = (offset - 32) / (24 + 512) + 1;
        int inHeader = (offset - 32) % (24 + 512);
        int expected = frame > 5 ? 5 : frame > 3 ? 3 : 0;
        if (inHeader >= 20 && inHeader < 24) {
            expected = 5; // the reserved bytes are not covered
        }
        assertEquals(expected, WalRecovery.recover(w, PS).maxFrame(), "flip at " + offset);
    }

    @Test
    void staleSaltsEndTheLog() {
        byte[] a = wal(5, 6);
        byte[] b = wal(7, 8);
        // Header and first three frames of generation (5,6), then frames 4.. of generation (7,8).
        int cut = 32 + 3 * (24 + 512);
        byte[] mixed = Arrays.copyOf(a, a.length);
        System.arraycopy(b, cut, mixed, cut, a.length - cut);
        assertEquals(3, WalRecovery.recover(mixed, PS).maxFrame());
    }

    @Test
    void indexLookupAtSnapshots() {
        WalIndex idx = new WalIndex(1, 2, 0, 0, false);
        idx.publish(new int[] {2, 3, 1}, 77, 3);
        idx.publish(new int[] {2, 1}, 78, 3);
        assertEquals(4, idx.lookup(2, 5));
        assertEquals(1, idx.lookup(2, 3));
        assertEquals(0, idx.lookup(2, 0));
        assertEquals(2, idx.lookup(3, 5));
        assertEquals(0, idx.lookup(9, 5));
        assertEquals(5, idx.maxFrame());
        assertEquals(78, idx.lastChecksum());
        int[][] newest = idx.newestFramesUpTo(3);
        assertArrayEquals(new int[] {1, 3}, newest[0]);
        assertArrayEquals(new int[] {2, 1}, newest[1]);
        assertArrayEquals(new int[] {3, 2}, newest[2]);
        assertEquals(0, idx.backfilledChecksum());
        idx.setBackfilled(3, 77);
        assertEquals(3, idx.backfilled());
        assertEquals(77, idx.backfilledChecksum());
        idx.reset(9, 10);
        assertEquals(0, idx.maxFrame());
        assertEquals(0, idx.backfilled());
        assertTrue(idx.headerPending());
        assertEquals(0, idx.lookup(2, 5));
    }
}
