package dev.whopper.reports.latency;

import dev.whopper.reports.model.LatencyHistogram;
import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * Counts of values in HdrHistogram's buckets, kept sparse while they are few: the distinct buckets hit (each
 * as its lowest equivalent value, ascending) and a count for each, with the latest values pending until
 * {@link #flush}. A short run's kind or interval sees tens to hundreds of values, but a full counts array of
 * the range they span is tens of kilobytes at 3 significant digits, and growing such an array one bucket at a
 * time (as an auto-resizing histogram does) copies it at each new bucket. Past {@value #DENSE_AT} distinct
 * buckets or {@value #DENSE_AFTER_VALUES} values (a long run), the counts move into an ordinary histogram
 * sized at once for the largest value, and values go straight into it. {@link #into} and {@link #frozen} give HdrHistogram the same counts either way,
 * so its figures (percentiles, minimum, maximum, mean, encoding) are exactly a dense histogram's.
 */
final class SparseCounts {
    /** Values kept pending before they are sorted into the counts. */
    static final int PENDING = 256;
    /** Distinct buckets kept sparse at most; past them the counts go dense. */
    static final int DENSE_AT = 1024;
    /**
     * Values counted sparse at most: past them (a long run) the counts go dense, where a value costs one
     * array increment instead of its share of a sort and a merge, and the dense array is a few bytes per value.
     */
    static final long DENSE_AFTER_VALUES = 4096;

    private static final long[] NO_VALUES = new long[0];

    private final Histogram buckets; // only its bucket arithmetic is used (lowestEquivalentValue)
    private Histogram dense; // null while sparse
    private long[] values = NO_VALUES;
    private long[] counts = NO_VALUES;
    private int size;
    private long[] pending = new long[8];
    private int pendingSize;
    private long flushed; // values sorted into the sparse counts so far

    /** @param buckets a histogram of the digits to count with (only its bucket arithmetic is used) */
    SparseCounts(Histogram buckets) {
        this.buckets = buckets;
    }

    /** @param value a value, &gt;= 0 */
    void record(long value) {
        if (pendingSize == pending.length && dense == null) {
            if (pendingSize < PENDING) {
                pending = Arrays.copyOf(pending, Math.max(8, pendingSize * 2));
            } else {
                flush(); // may go dense
            }
        }
        if (dense != null) {
            dense.recordValue(value);
            return;
        }
        pending[pendingSize++] = value;
    }

    /** @return true once the counts went dense */
    boolean dense() {
        return dense != null;
    }

    /** Sorts the pending values into the counts and lets their buffer go (for counts that get no more values soon). */
    void compact() {
        flush();
        if (dense == null) {
            pending = NO_VALUES;
        }
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
        flushed += pendingSize;
        pendingSize = 0;
        merge(v, c, n);
        if (size > DENSE_AT || flushed >= DENSE_AFTER_VALUES) {
            goDense();
        }
    }

    /** Moves the counts into a histogram sized for the largest (the last) bucket. */
    private void goDense() {
        dense = new Histogram(1, Math.max(2, size > 0 ? values[size - 1] : 2), buckets.getNumberOfSignificantValueDigits());
        dense.setAutoResize(true);
        for (int i = 0; i < size; i++) {
            dense.recordValueWithCount(values[i], counts[i]);
        }
        values = NO_VALUES;
        counts = NO_VALUES;
        size = 0;
        pending = NO_VALUES;
    }

    /** @param other counts of the same digits, added to these */
    void add(SparseCounts other) {
        other.flush();
        flush();
        if (other.dense != null && dense == null) {
            goDense();
        }
        if (dense != null) {
            other.into(dense);
            return;
        }
        merge(other.values, other.counts, other.size);
        if (size > DENSE_AT) {
            goDense();
        }
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

    /** @return the counts so far as an immutable histogram (of the report's digits), built only when read */
    LatencyHistogram frozen() {
        flush();
        return dense != null ? LatencyHistogram.of(dense) : LatencyHistogram.ofCounts(Arrays.copyOf(values, size),
            Arrays.copyOf(counts, size));
    }

    /** @param h an auto-resizing histogram of the digits these were counted with; gets these counts added */
    void into(Histogram h) {
        flush();
        if (dense != null) {
            h.add(dense);
            return;
        }
        for (int i = 0; i < size; i++) {
            h.recordValueWithCount(values[i], counts[i]);
        }
    }
}
