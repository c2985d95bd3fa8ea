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
 * in base64, with the figures a report shows computed once. Two are equal when they hold the same counts
 * (not necessarily the same bytes: a merged histogram may have grown differently).
 */
public final class LatencyHistogram {
    /** The precision every histogram of a report uses: 3 significant decimal digits. */
    public static final int SIGNIFICANT_DIGITS = 3;
    /** The percentiles a report's latency table shows. */
    public static final double[] TABLE_PERCENTILES = {50, 90, 99, 99.9};

    private static final LatencyHistogram EMPTY = of(newHistogram());

    private final String base64;
    private final Histogram histogram; // private copy, never handed out

    private LatencyHistogram(String base64, Histogram histogram) {
        this.base64 = base64;
        this.histogram = histogram;
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
        Histogram copy = h.copy();
        ByteBuffer buf = ByteBuffer.allocate(copy.getNeededByteBufferCapacity());
        int n = copy.encodeIntoCompressedByteBuffer(buf);
        byte[] bytes = new byte[n];
        buf.flip();
        buf.get(bytes);
        return new LatencyHistogram(Base64.getEncoder().encodeToString(bytes), copy);
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
        return base64;
    }

    /** @return a fresh mutable copy */
    public Histogram toHistogram() {
        Histogram h = histogram.copy();
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
        h.add(other.histogram);
        return of(h);
    }

    /** @return values recorded */
    public long count() {
        return histogram.getTotalCount();
    }

    /** @return the largest value recorded (HdrHistogram's equivalent value), 0 when empty */
    public long max() {
        return count() == 0 ? 0 : histogram.getMaxValue();
    }

    /** @return the smallest value recorded, 0 when empty */
    public long min() {
        return count() == 0 ? 0 : histogram.getMinValue();
    }

    /** @return the mean, 0 when empty */
    public double mean() {
        return count() == 0 ? 0 : histogram.getMean();
    }

    /**
     * @param percentile 0..100
     * @return the value at it, 0 when empty
     */
    public long percentile(double percentile) {
        if (percentile < 0 || percentile > 100) {
            throw new IllegalArgumentException("percentile: " + percentile + " (expected: 0..100)");
        }
        return count() == 0 ? 0 : histogram.getValueAtPercentile(percentile);
    }

    /** Equal when both hold the same count at every recorded value (however each histogram grew). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LatencyHistogram other) || count() != other.count()) {
            return false;
        }
        java.util.List<long[]> mine = recorded(histogram);
        java.util.List<long[]> theirs = recorded(other.histogram);
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
