package dev.whopper.workloads.kv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one transaction (explicit, or one autocommit operation) has done so far, as the checks need it: the model
 * version its snapshot shows, its own pending writes, what it read (for repeatable reads and for the
 * serializability check at its commit), and the version it committed as.
 */
public final class KvTxn {
    /** One read: a get ({@code to == null && limit == 0}) or a scan, with the own writes it saw through. */
    record Read(String from, String to, int limit, TreeMap<String, Long> overlay, List<Map.Entry<String, Long>> observed,
                long observedValue) {
        boolean isGet() {
            return limit == 0;
        }
    }

    final String label;
    /** The model version its snapshot shows, -1 until the engine took it. */
    int snapshot = -1;
    /** Its own writes so far ({@link KvModel#ABSENT}: deleted). */
    final TreeMap<String, Long> writes = new TreeMap<>();
    /** Per key read and not written by it since: the value it saw (for repeatable reads). */
    final TreeMap<String, Long> seen = new TreeMap<>();
    final List<Read> reads = new ArrayList<>();
    /** The version it committed as, -1 while it has not. */
    int committedAs = -1;
    /** True once its commit (or autocommit write) returned or failed: a later publish then supersedes it. */
    boolean commitEnded;

    /** The fiber that runs it and its operation number (for blame), -1 until {@link #ranBy}. */
    int fiber = -1;
    long opIndex = -1;
    /** When it began (simulated). */
    long startNanos;

    /**
     * @param fiber     the fiber that runs it
     * @param opIndex   its operation number ({@code FiberContext.opIndex()})
     * @param nowNanos  when it began
     */
    public void ranBy(int fiber, long opIndex, long nowNanos) {
        this.fiber = fiber;
        this.opIndex = opIndex;
        this.startNanos = nowNanos;
    }

    /** @param label who it is, for messages, e.g. {@code "txn 12 (fiber 3, DEFERRED)"} */
    public KvTxn(String label) {
        this.label = label;
    }

    /** @return the snapshot version, -1 until taken */
    public int snapshot() {
        return snapshot;
    }

    /** @param v the model version the engine's snapshot of this transaction shows */
    public void snapshotAt(int v) {
        if (snapshot < 0) {
            snapshot = v;
        }
    }

    /** It wrote {@code value} ({@link KvModel#ABSENT}: deleted) to {@code key}. */
    public void wrote(String key, long value) {
        writes.put(key, value);
        seen.remove(key);
    }

    /** @return its own writes (live view) */
    public TreeMap<String, Long> writes() {
        return writes;
    }

    /** @return the version it committed as, -1 when it has not */
    public int committedAs() {
        return committedAs;
    }

    @Override
    public String toString() {
        return label;
    }
}
