package dev.whopper.workloads.counter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What the counters should hold: per counter the increments acknowledged, those whose outcome is unknown (a crash
 * cut their commit off, or the commit failed with an error after which it may still have happened), and those
 * whose commit is in flight now. Every observed value {@code v} of counter {@code k} must satisfy
 * {@code acked[k] <= v <= acked[k] + unknown[k] + inCommit[k]}.
 */
public final class CounterModel {
    final int counters;
    final long[] acked;
    final long[] unknown;
    final long[] inCommit;
    /** Per fiber, the counter whose increment it is committing, or -1. */
    final int[] pending;
    /** Per counter, the WAL end of each increment acknowledged since the last open, in acknowledgement order. */
    private final long[][] walEnds;
    private final int[] walEndCount;
    /** Per counter, the acknowledged count at the last open. */
    private final long[] ackedAtOpen;
    private final byte[][] keys;

    /**
     * @param counters how many counters, &gt; 0
     * @param fibers   how many fibers, &gt; 0
     */
    public CounterModel(int counters, int fibers) {
        if (counters <= 0) {
            throw new IllegalArgumentException("counters: " + counters + " (expected: > 0)");
        }
        this.counters = counters;
        this.acked = new long[counters];
        this.unknown = new long[counters];
        this.inCommit = new long[counters];
        this.pending = new int[fibers];
        Arrays.fill(pending, -1);
        this.walEnds = new long[counters][4];
        this.walEndCount = new int[counters];
        this.ackedAtOpen = new long[counters];
        this.keys = new byte[counters][];
        for (int i = 0; i < counters; i++) {
            keys[i] = String.format("ctr/%02d", i).getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** @return the key of counter {@code k} (shared, never modified) */
    byte[] key(int k) {
        return keys[k];
    }

    /** @return the first key past every counter key, for scans */
    static byte[] end() {
        return "ctr0".getBytes(StandardCharsets.US_ASCII);
    }

    /** @return the counter a key names, or -1 when it names none */
    int counterOf(byte[] key) {
        for (int i = 0; i < counters; i++) {
            if (Arrays.equals(keys[i], key)) {
                return i;
            }
        }
        return -1;
    }

    /** @return the lowest value counter {@code k} may show now */
    public long lower(int k) {
        return acked[k];
    }

    /** @return the highest value counter {@code k} may show now */
    public long upper(int k) {
        return acked[k] + unknown[k] + inCommit[k];
    }

    /** Fiber {@code fiber} starts committing an increment of counter {@code k}: from here its outcome may be unknown. */
    public void commitStarted(int fiber, int k) {
        if (pending[fiber] >= 0) {
            throw new IllegalStateException("fiber " + fiber + " commits counter " + k + " while counter " + pending[fiber]
                + " is pending");
        }
        pending[fiber] = k;
        inCommit[k]++;
    }

    /**
     * The commit was acknowledged.
     *
     * @param walEnd where its frames end in the WAL, or -1 when not known
     */
    public void acknowledged(int fiber, long walEnd) {
        int k = resolve(fiber);
        acked[k]++;
        if (walEndCount[k] == walEnds[k].length) {
            walEnds[k] = Arrays.copyOf(walEnds[k], walEnds[k].length * 2);
        }
        walEnds[k][walEndCount[k]++] = walEnd;
    }

    /** The commit failed with an error after which it may have happened, or a crash cut it off. */
    public void outcomeUnknown(int fiber) {
        unknown[resolve(fiber)]++;
    }

    /** A crash: every commit in flight has an unknown outcome. */
    void crashed() {
        for (int f = 0; f < pending.length; f++) {
            if (pending[f] >= 0) {
                outcomeUnknown(f);
            }
        }
    }

    private int resolve(int fiber) {
        int k = pending[fiber];
        if (k < 0) {
            throw new IllegalStateException("fiber " + fiber + " has no commit pending");
        }
        pending[fiber] = -1;
        inCommit[k]--;
        return k;
    }

    /**
     * A recovery cuts the WAL at its first bad frame, so what it loses is a suffix in WAL order, which need not be the
     * order the increments were acknowledged in (a commit's acknowledgement can come after a later commit's frames are
     * written: seed 20 of counter under pct:3, chaos and two crashes acknowledged ctr/01's increments with WAL ends
     * ..., 60064, 52560). Losing {@code m} increments is explained by a flip below the {@code m}-th largest WAL end.
     *
     * @return the WAL end of the first acknowledged increment of counter {@code k}, in WAL order, that a recovery
     *         showing {@code recovered} lost, or {@link Long#MAX_VALUE} when not known
     */
    long firstLostWalEnd(int k, long recovered) {
        long i = recovered - ackedAtOpen[k];
        if (i < 0 || i >= walEndCount[k]) {
            return Long.MAX_VALUE;
        }
        long[] ends = Arrays.copyOf(walEnds[k], walEndCount[k]);
        Arrays.sort(ends);
        return ends[0] < 0 ? Long.MAX_VALUE : ends[(int) i];
    }

    /**
     * An open showed these values. After a crash they are durable: the truth from now on (acknowledged), and nothing
     * is unknown any more (no operation is in flight at an open). A reopen after a failed WAL sync may show a failed
     * commit's increments that are readable but not durable: what it shows beyond the acknowledged stays unknown.
     *
     * @param values  the values shown
     * @param durable true when the open followed a crash
     */
    void recovered(long[] values, boolean durable) {
        for (int k = 0; k < counters; k++) {
            if (!durable && values[k] >= acked[k]) {
                unknown[k] = values[k] - acked[k];
                ackedAtOpen[k] = acked[k];
                walEndCount[k] = 0;
                continue;
            }
            acked[k] = values[k];
            unknown[k] = 0;
            ackedAtOpen[k] = values[k];
            walEndCount[k] = 0;
        }
    }

    static byte[] encode(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    /**
     * @param b a stored value, or null
     * @return the count it holds (0 when absent)
     */
    static long decode(byte[] b) {
        if (b == null) {
            return 0;
        }
        if (b.length != 8) {
            throw new IllegalStateException("counter value of " + b.length + " bytes (expected: 8)");
        }
        return ByteBuffer.wrap(b).getLong();
    }
}
