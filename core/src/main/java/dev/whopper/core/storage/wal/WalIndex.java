package dev.whopper.core.storage.wal;

import java.util.Arrays;

/**
 * The shared WAL index of one database: which frames hold which page, the last committed frame
 * ({@code maxFrame}), how far the database file has been backfilled, and the current salts. Readers
 * look pages up at their snapshot (a {@code maxFrame} value); only the writer appends, only when it
 * publishes a commit.
 */
public final class WalIndex {
    private static final class Frames {
        int[] frames = new int[2];
        int size;
    }

    /**
     * Frames of page {@code p} at index {@code p} (null: no frame), grown on demand to the largest page
     * with a frame: a lookup is an array access, without boxing or hashing.
     */
    private Frames[] byPage = new Frames[64];
    /** Pages with at least one frame. */
    private int pagesWithFrames;
    private int maxFrame;
    private int backfilled;
    /** Cumulative checksum of frame {@code backfilled} (the WAL header's when 0): where a checkpoint's chain check starts. */
    private int backfilledChecksum;
    private int dbPages;
    private int salt1;
    private int salt2;
    private int checkpointSeq;
    private int lastChecksum;
    private boolean headerPending;

    /**
     * @param salt1 salt 1 of the current WAL generation
     * @param salt2 salt 2
     * @param checkpointSeq checkpoint sequence of the WAL header
     * @param headerChecksum checksum of the WAL header (the chain's start)
     * @param headerPending true when the WAL header must still be written (and synced) before frames
     */
    public WalIndex(int salt1, int salt2, int checkpointSeq, int headerChecksum, boolean headerPending) {
        this.salt1 = salt1;
        this.salt2 = salt2;
        this.checkpointSeq = checkpointSeq;
        this.lastChecksum = headerChecksum;
        this.backfilledChecksum = headerChecksum;
        this.headerPending = headerPending;
    }

    /**
     * Newest frame of {@code pageNo} at or below {@code snapshot}.
     *
     * @param pageNo   page
     * @param snapshot a maxFrame value
     * @return the frame, or 0 when the page is read from the database file
     */
    public int lookup(int pageNo, int snapshot) {
        if (pageNo < 0 || pageNo >= byPage.length) {
            return 0;
        }
        Frames f = byPage[pageNo];
        if (f == null) {
            return 0;
        }
        for (int i = f.size - 1; i >= 0; i--) {
            if (f.frames[i] <= snapshot) {
                return f.frames[i];
            }
        }
        return 0;
    }

    /**
     * Publishes a commit: frames {@code maxFrame + 1 ..} hold {@code pages} in order.
     *
     * @param pages        page of each new frame, in frame order
     * @param newChecksum  cumulative checksum of the last new frame
     * @param newDbPages   database size at the commit
     */
    public void publish(int[] pages, int newChecksum, int newDbPages) {
        int frame = maxFrame;
        for (int p : pages) {
            frame++;
            if (p < 1) {
                throw new IllegalArgumentException("WAL index: page " + p + " (expected: >= 1)");
            }
            if (p >= byPage.length) {
                byPage = Arrays.copyOf(byPage, Math.max(p + 1, (int) Math.min(Integer.MAX_VALUE - 8, byPage.length * 2L)));
            }
            Frames f = byPage[p];
            if (f == null) {
                f = new Frames();
                byPage[p] = f;
                pagesWithFrames++;
            }
            if (f.size == f.frames.length) {
                f.frames = Arrays.copyOf(f.frames, f.size * 2);
            }
            if (f.size > 0 && f.frames[f.size - 1] >= frame) {
                throw new IllegalStateException("WAL index: frame " + frame + " of page " + p + " not after " + f.frames[f.size - 1]);
            }
            f.frames[f.size++] = frame;
        }
        maxFrame = frame;
        lastChecksum = newChecksum;
        dbPages = newDbPages;
    }

    /** @return the last committed frame */
    public int maxFrame() {
        return maxFrame;
    }

    /** @return frames up to here are copied into the database file */
    public int backfilled() {
        return backfilled;
    }

    /**
     * @param frame    new backfill mark, between the current one and maxFrame
     * @param checksum the cumulative checksum of that frame (as verified on disk by the checkpoint)
     */
    public void setBackfilled(int frame, int checksum) {
        if (frame < backfilled || frame > maxFrame) {
            throw new IllegalStateException("backfilled: " + frame + " (expected: " + backfilled + ".." + maxFrame + ")");
        }
        backfilled = frame;
        backfilledChecksum = checksum;
    }

    /** @return cumulative checksum of frame {@link #backfilled()} (the WAL header's when 0) */
    public int backfilledChecksum() {
        return backfilledChecksum;
    }

    /** @return database size in pages at maxFrame (0 when the WAL is empty) */
    public int dbPages() {
        return dbPages;
    }

    /** @return salt 1 */
    public int salt1() {
        return salt1;
    }

    /** @return salt 2 */
    public int salt2() {
        return salt2;
    }

    /** @return checkpoint sequence */
    public int checkpointSeq() {
        return checkpointSeq;
    }

    /** @return cumulative checksum of frame maxFrame (the header's when 0) */
    public int lastChecksum() {
        return lastChecksum;
    }

    /** @return true when the WAL header must be written and synced before the next frame */
    public boolean headerPending() {
        return headerPending;
    }

    /** @param headerChecksum the header was written and synced; its checksum starts the chain */
    public void headerWritten(int headerChecksum) {
        headerPending = false;
        lastChecksum = headerChecksum;
        backfilledChecksum = headerChecksum;
    }

    /**
     * Pages with frames at or below {@code upTo}, ascending, each with its newest such frame.
     *
     * @param upTo a frame
     * @return pairs {page, frame} sorted by page
     */
    public int[][] newestFramesUpTo(int upTo) {
        int[] pages = new int[pagesWithFrames];
        int n = 0;
        for (int p = 0; p < byPage.length; p++) {
            if (byPage[p] != null) {
                pages[n++] = p;
            }
        }
        int[][] out = new int[n][];
        int m = 0;
        for (int i = 0; i < n; i++) {
            int f = lookup(pages[i], upTo);
            if (f != 0) {
                out[m++] = new int[] {pages[i], f};
            }
        }
        return Arrays.copyOf(out, m);
    }

    /**
     * @return {@code pages[f - 1]} = the page of frame {@code f}, for frames 1..maxFrame
     */
    public int[] framePages() {
        int[] out = new int[maxFrame];
        for (int p = 0; p < byPage.length; p++) {
            Frames fr = byPage[p];
            if (fr == null) {
                continue;
            }
            for (int i = 0; i < fr.size; i++) {
                if (fr.frames[i] >= 1 && fr.frames[i] <= maxFrame) {
                    out[fr.frames[i] - 1] = p;
                }
            }
        }
        return out;
    }

    /**
     * Starts a new WAL generation: no frames, new salts; the header must be written before frames.
     *
     * @param newSalt1 salt 1
     * @param newSalt2 salt 2
     */
    public void reset(int newSalt1, int newSalt2) {
        byPage = new Frames[64];
        pagesWithFrames = 0;
        maxFrame = 0;
        backfilled = 0;
        dbPages = 0;
        salt1 = newSalt1;
        salt2 = newSalt2;
        checkpointSeq++;
        headerPending = true;
    }
}
