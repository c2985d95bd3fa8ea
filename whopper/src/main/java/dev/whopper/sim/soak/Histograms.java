package dev.whopper.sim.soak;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * The soak's HdrHistograms: a fixed range (1 µs .. about 11 days, 2 significant digits) so that equal counts
 * encode to equal text and shards merge exactly; values outside the range are clamped to it.
 */
public final class Histograms {
    /** Lowest value told apart, in nanoseconds. */
    public static final long LOWEST_NANOS = 1_000;
    /** Highest value kept, in nanoseconds; larger ones count as this. */
    public static final long HIGHEST_NANOS = 1_000_000_000_000_000L;
    /** Significant decimal digits. */
    public static final int DIGITS = 2;

    private Histograms() { }

    /** @return an empty histogram of the soak's range */
    public static Histogram create() {
        return new Histogram(LOWEST_NANOS, HIGHEST_NANOS, DIGITS);
    }

    /**
     * @param h     a histogram of {@link #create()}
     * @param nanos a value, clamped to the range
     */
    public static void record(Histogram h, long nanos) {
        h.recordValue(Math.max(LOWEST_NANOS, Math.min(HIGHEST_NANOS, nanos)));
    }

    /**
     * @param h a histogram
     * @return its compressed encoding (as HdrHistogram's interval logs hold it), in base64
     */
    public static String encode(Histogram h) {
        ByteBuffer b = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoCompressedByteBuffer(b);
        byte[] bytes = new byte[n];
        b.flip();
        b.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * @param text {@link #encode}'s output
     * @return the histogram
     * @throws IllegalArgumentException when it is not one
     */
    public static Histogram decode(String text) {
        try {
            Histogram decoded = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(text)), 0);
            Histogram h = create();
            h.add(decoded);
            return h;
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not an encoded histogram (" + e.getMessage() + ")");
        }
    }
}
