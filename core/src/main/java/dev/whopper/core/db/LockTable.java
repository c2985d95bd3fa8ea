package dev.whopper.core.db;

import java.util.Arrays;

/**
 * Non-blocking locks of one database, as in SQLite's WAL mode: read marks (each open read snapshot,
 * counted per maxFrame value), one WRITER and one CHECKPOINTER. A lock that is taken is reported as
 * unavailable; nobody waits here (callers retry with backoff).
 */
public final class LockTable {
    /**
     * Read marks: distinct snapshots ascending in {@code markFrames[0, marks)}, each with its count of
     * readers in {@code markCounts} (a few entries, one per distinct open snapshot: no boxing, no nodes).
     */
    private int[] markFrames = new int[8];
    private int[] markCounts = new int[8];
    private int marks;
    private int readers;
    private long writer;
    private long checkpointer;

    /** @param snapshot the maxFrame a reader reads at */
    public void addReadMark(int snapshot) {
        int i = Arrays.binarySearch(markFrames, 0, marks, snapshot);
        if (i >= 0) {
            markCounts[i]++;
        } else {
            int at = -i - 1;
            if (marks == markFrames.length) {
                markFrames = Arrays.copyOf(markFrames, marks * 2);
                markCounts = Arrays.copyOf(markCounts, marks * 2);
            }
            System.arraycopy(markFrames, at, markFrames, at + 1, marks - at);
            System.arraycopy(markCounts, at, markCounts, at + 1, marks - at);
            markFrames[at] = snapshot;
            markCounts[at] = 1;
            marks++;
        }
        readers++;
    }

    /** @param snapshot a mark added before */
    public void removeReadMark(int snapshot) {
        int i = Arrays.binarySearch(markFrames, 0, marks, snapshot);
        if (i < 0) {
            throw new IllegalStateException("no read mark at " + snapshot);
        }
        if (--markCounts[i] == 0) {
            System.arraycopy(markFrames, i + 1, markFrames, i, marks - i - 1);
            System.arraycopy(markCounts, i + 1, markCounts, i, marks - i - 1);
            marks--;
        }
        readers--;
    }

    /**
     * @param ifNone value when there are no readers
     * @return the oldest reader snapshot, or {@code ifNone}
     */
    public int oldestReadMark(int ifNone) {
        return marks == 0 ? ifNone : markFrames[0];
    }

    /** @return open read snapshots */
    public int readers() {
        return readers;
    }

    /**
     * @param owner connection id (&gt; 0)
     * @return true when taken (or already held by {@code owner})
     */
    public boolean tryWriter(long owner) {
        if (writer == owner) {
            return true;
        }
        if (writer != 0) {
            return false;
        }
        writer = owner;
        return true;
    }

    /** @param owner the holder */
    public void releaseWriter(long owner) {
        if (writer != owner) {
            throw new IllegalStateException("WRITER held by " + writer + ", released by " + owner);
        }
        writer = 0;
    }

    /** @return holder of WRITER, 0 when free */
    public long writer() {
        return writer;
    }

    /**
     * @param owner connection id
     * @return true when taken
     */
    public boolean tryCheckpointer(long owner) {
        if (checkpointer == owner) {
            return true;
        }
        if (checkpointer != 0) {
            return false;
        }
        checkpointer = owner;
        return true;
    }

    /** @param owner the holder */
    public void releaseCheckpointer(long owner) {
        if (checkpointer != owner) {
            throw new IllegalStateException("CHECKPOINTER held by " + checkpointer + ", released by " + owner);
        }
        checkpointer = 0;
    }

    /** @return holder of CHECKPOINTER, 0 when free */
    public long checkpointer() {
        return checkpointer;
    }
}
