package dev.whopper.reports.latency;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * Counts of values in HdrHistogram's buckets, kept sparse: the distinct buckets hit (each as its lowest
 * equivalent value, ascending) and a count for each, with the latest values pending until {@link #flush}. A
 * run's kind or interval sees tens to thousands of values, but a full counts array of the range they span is
 * tens of kilobytes at 3 significant digits; growing such an array one bucket at a time (as an auto-resizing
 * histogram does) copies it at each new bucket. {@link #into} gives HdrHistogram the same counts, so its
 * figures (percentiles, minimum, maximum, mean, encoding) are exactly the dense histogram's.
 */
final class SparseCounts {
    /** Values kept pending before they are sorted into the counts. */
    static final int PENDING = 256;

    private static final long[] NO_VALUES = new long[0];

    private final Histogram buckets; // only its bucket arithmetic is used (lowestEquivalentValue)
    private long[] values = NO_VALUES;
    private long[] counts = NO_VALUES;
    private int size;
    private long[] pending = new long[8];
    private int pendingSize;

    /** @param buckets a histogram of the digits to count with (only its bucket arithmetic is used) */
    SparseCounts(Histogram buckets) {
        this.buckets = buckets;
    }

    /** @param value a value, &gt;= 0 */
    void record(long value) {
        if (pendingSize == pending.length) {
            if (pendingSize < PENDING) {
                pending = Arrays.copyOf(pending, Math.max(8, pendingSize * 2));
            } else {
                flush();
            }
        }
        pending[pendingSize++] = value;
    }

    /** Sorts the pending values into the counts and lets their buffer go (for counts that get no more values soon). */
    void compact() {
        flush();
        pending = NO_VALUES;
    }

    /** Sorts the pending values into the counts. */
    void flush() {
        if (pendingSize == 0) {
            return;
        }
        for (int i = 0; i < pendingSize; i++) {
            pending[i] = buckets.lowestEquivalentValue(pending[i]);
        }
        Arrays.sort(pending, 0, pendingSize);
        int distinct = 0;
        for (int i = 0; i < pendingSize; i++) {
            if (i == 0 || pending[i] != pending[i - 1]) {
                distinct++;
            }
        }
        long[] v = new long[distinct];
        long[] c = new long[distinct];
        int n = 0;
        for (int i = 0; i < pendingSize; i++) {
            if (n > 0 && v[n - 1] == pending[i]) {
                c[n - 1]++;
            } else {
                v[n] = pending[i];
                c[n++] = 1;
            }
        }
        pendingSize = 0;
        merge(v, c, n);
    }

    /** @param other counts of the same digits, added to these */
    void add(SparseCounts other) {
        other.flush();
        merge(other.values, other.counts, other.size);
    }

    /** Merges the ascending buckets {@code (v, c)} into these. */
    private void merge(long[] v, long[] c, int m) {
        int fresh = 0; // buckets of v not among these
        for (int i = 0, j = 0; j < m; ) {
            if (i < size && values[i] < v[j]) {
                i++;
            } else {
                fresh += i < size && values[i] == v[j] ? 0 : 1;
                j++;
            }
        }
        if (fresh == 0) {
            for (int i = 0, j = 0; j < m; i++) {
                if (values[i] == v[j]) {
                    counts[i] += c[j++];
                }
            }
            return;
        }
        long[] nv = new long[size + fresh];
        long[] nc = new long[size + fresh];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < size || j < m) {
            if (j == m || (i < size && values[i] < v[j])) {
                nv[n] = values[i];
                nc[n++] = counts[i++];
            } else if (i == size || v[j] < values[i]) {
                nv[n] = v[j];
                nc[n++] = c[j++];
            } else {
                nv[n] = values[i];
                nc[n++] = counts[i++] + c[j++];
            }
        }
        values = nv;
        counts = nc;
        size = n;
    }

    /** @return the buckets hit so far (lowest equivalent values, ascending), a copy */
    long[] values() {
        flush();
        return Arrays.copyOf(values, size);
    }

    /** @return their counts, a copy */
    long[] counts() {
        flush();
        return Arrays.copyOf(counts, size);
    }

    /** @param h an empty auto-resizing histogram of the digits these were counted with; gets these counts */
    void into(Histogram h) {
        flush();
        for (int i = 0; i < size; i++) {
            h.recordValueWithCount(values[i], counts[i]);
        }
    }
}
