package dev.whopper.reports.model;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Objects;
import java.util.zip.DataFormatException;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.HdrHistogram.Histogram;

/**
 * An immutable latency histogram: HdrHistogram's compressed encoding ({@code encodeIntoCompressedByteBuffer}),
 * in base64, with the figures a report shows computed once. The encoding of a histogram made by {@link #of} is
 * computed when first asked for: most runs' reports (every passing seed of a soak) are never written out. Two
 * are equal when they hold the same counts (not necessarily the same bytes: a merged histogram may have grown
 * differently).
 */
public final class LatencyHistogram {
    /** The precision every histogram of a report uses: 3 significant decimal digits. */
    public static final int SIGNIFICANT_DIGITS = 3;
    /** The percentiles a report's latency table shows. */
    public static final double[] TABLE_PERCENTILES = {50, 90, 99, 99.9};

    private static final LatencyHistogram EMPTY = of(newHistogram());

    private String base64; // computed on first use (most runs' histograms are never written out); racy but idempotent
    private volatile Histogram histogram; // private, never handed out; built on first use from the counts below
    private final long[] bucketValues; // with bucketCounts, the counts the histogram is built from (kept)
    private final long[] bucketCounts;

    private LatencyHistogram(String base64, Histogram histogram) {
        this.base64 = base64;
        this.histogram = histogram;
        this.bucketValues = null;
        this.bucketCounts = null;
    }

    private LatencyHistogram(long[] bucketValues, long[] bucketCounts) {
        this.bucketValues = bucketValues;
        this.bucketCounts = bucketCounts;
    }

    /** @return a fresh, empty, auto-resizing histogram with the report's precision */
    public static Histogram newHistogram() {
        Histogram h = new Histogram(SIGNIFICANT_DIGITS);
        h.setAutoResize(true);
        return h;
    }

    /** @return the empty histogram */
    public static LatencyHistogram empty() {
        return EMPTY;
    }

    /**
     * @param h a histogram (copied: later changes to it do not reach this value)
     * @return its immutable value
     */
    public static LatencyHistogram of(Histogram h) {
        Objects.requireNonNull(h, "h");
        return new LatencyHistogram(null, h.copy());
    }

    /**
     * A histogram given by its counts, built only when one of its figures is first asked for (a soak runs
     * thousands of runs a second, and reads the latency of almost none of them).
     *
     * @param values lowest equivalent values of distinct buckets at {@value #SIGNIFICANT_DIGITS} significant
     *               digits, ascending, &gt;= 0 (kept: the caller must not change them)
     * @param counts the count of each, &gt; 0 (kept)
     * @return the histogram holding those counts
     * @throws IllegalArgumentException when the values are not ascending and non-negative, or a count is not
     *                                  positive, or the arrays differ in length
     */
    public static LatencyHistogram ofCounts(long[] values, long[] counts) {
        if (values.length != counts.length) {
            throw new IllegalArgumentException("values: " + values.length + ", counts: " + counts.length + " (expected: equal)");
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || i > 0 && values[i] <= values[i - 1]) {
                throw new IllegalArgumentException("values[" + i + "]: " + values[i] + " (expected: >= 0 and ascending)");
            }
            if (counts[i] <= 0) {
                throw new IllegalArgumentException("counts[" + i + "]: " + counts[i] + " (expected: > 0)");
            }
        }
        return values.length == 0 ? EMPTY : new LatencyHistogram(values, counts);
    }

    /** @return the histogram, built from the counts at the first call */
    private Histogram h() {
        Histogram h = histogram;
        if (h == null) {
            synchronized (this) {
                h = histogram;
                if (h == null) {
                    h = new Histogram(1, Math.max(2, bucketValues[bucketValues.length - 1]), SIGNIFICANT_DIGITS);
                    h.setAutoResize(true); // sized for the largest value at once, as newHistogram() would grow to
                    for (int i = 0; i < bucketValues.length; i++) {
                        h.recordValueWithCount(bucketValues[i], bucketCounts[i]);
                    }
                    histogram = h;
                }
            }
        }
        return h;
    }

    private static String encode(Histogram h) {
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoCompressedByteBuffer(buf);
        byte[] bytes = new byte[n];
        buf.flip();
        buf.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * @param base64 HdrHistogram's compressed encoding in base64 (as {@link #base64()} gives it)
     * @return the histogram it encodes
     * @throws IllegalArgumentException when it is not such an encoding
     */
    @JsonCreator
    public static LatencyHistogram decode(String base64) {
        Objects.requireNonNull(base64, "base64");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("histogram: not base64 (" + e.getMessage() + ")");
        }
        Histogram h;
        try {
            h = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("histogram: not an HdrHistogram compressed encoding (" + e + ")");
        }
        h.setAutoResize(true);
        return new LatencyHistogram(base64, h);
    }

    /** @return HdrHistogram's compressed encoding of this histogram, base64 */
    @JsonValue
    public String base64() {
        String b = base64;
        if (b == null) {
            b = encode(h()); // of the private copy, which never changes: threads that race here get equal strings
            base64 = b;
        }
        return b;
    }

    /** @return a fresh mutable copy */
    public Histogram toHistogram() {
        Histogram h = h().copy();
        h.setAutoResize(true);
        return h;
    }

    /**
     * @param other another histogram
     * @return the histogram of both (counts add)
     */
    public LatencyHistogram plus(LatencyHistogram other) {
        if (other.count() == 0) {
            return this;
        }
        if (count() == 0) {
            return other;
        }
        Histogram h = toHistogram();
        h.add(other.h());
        return of(h);
    }

    /** @return values recorded */
    public long count() {
        return h().getTotalCount();
    }

    /** @return the largest value recorded (HdrHistogram's equivalent value), 0 when empty */
    public long max() {
        return count() == 0 ? 0 : h().getMaxValue();
    }

    /** @return the smallest value recorded, 0 when empty */
    public long min() {
        return count() == 0 ? 0 : h().getMinValue();
    }

    /** @return the mean, 0 when empty */
    public double mean() {
        return count() == 0 ? 0 : h().getMean();
    }

    /**
     * @param percentile 0..100
     * @return the value at it, 0 when empty
     */
    public long percentile(double percentile) {
        if (percentile < 0 || percentile > 100) {
            throw new IllegalArgumentException("percentile: " + percentile + " (expected: 0..100)");
        }
        return count() == 0 ? 0 : h().getValueAtPercentile(percentile);
    }

    /** Equal when both hold the same count at every recorded value (however each histogram grew). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LatencyHistogram other) || count() != other.count()) {
            return false;
        }
        java.util.List<long[]> mine = recorded(h());
        java.util.List<long[]> theirs = recorded(other.h());
        if (mine.size() != theirs.size()) {
            return false;
        }
        for (int i = 0; i < mine.size(); i++) {
            if (!java.util.Arrays.equals(mine.get(i), theirs.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static java.util.List<long[]> recorded(Histogram h) {
        java.util.List<long[]> out = new java.util.ArrayList<>();
        for (org.HdrHistogram.HistogramIterationValue v : h.recordedValues()) {
            out.add(new long[] {v.getValueIteratedTo(), v.getCountAtValueIteratedTo()});
        }
        return out;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(count()) * 31 + Long.hashCode(max());
    }

    @Override
    public String toString() {
        return "LatencyHistogram[count=" + count() + ", p50=" + percentile(50) + ", max=" + max() + "]";
    }
}
