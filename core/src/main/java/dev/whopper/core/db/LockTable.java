package dev.whopper.core.db;

import java.util.Map;
import java.util.TreeMap;

/**
 * Non-blocking locks of one database, as in SQLite's WAL mode: read marks (each open read snapshot,
 * counted per maxFrame value), one WRITER and one CHECKPOINTER. A lock that is taken is reported as
 * unavailable; nobody waits here (callers retry with backoff).
 */
public final class LockTable {
    private final TreeMap<Integer, Integer> readMarks = new TreeMap<>();
    private int readers;
    private long writer;
    private long checkpointer;

    /** @param snapshot the maxFrame a reader reads at */
    public void addReadMark(int snapshot) {
        readMarks.merge(snapshot, 1, Integer::sum);
        readers++;
    }

    /** @param snapshot a mark added before */
    public void removeReadMark(int snapshot) {
        Integer n = readMarks.get(snapshot);
        if (n == null) {
            throw new IllegalStateException("no read mark at " + snapshot);
        }
        if (n == 1) {
            readMarks.remove(snapshot);
        } else {
            readMarks.put(snapshot, n - 1);
        }
        readers--;
    }

    /**
     * @param ifNone value when there are no readers
     * @return the oldest reader snapshot, or {@code ifNone}
     */
    public int oldestReadMark(int ifNone) {
        Map.Entry<Integer, Integer> e = readMarks.firstEntry();
        return e == null ? ifNone : e.getKey();
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
