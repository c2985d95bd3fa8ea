package dev.whopper.sim.io;

import dev.whopper.core.io.CompletionKind;
import dev.whopper.core.io.RandomSource;
import java.util.Objects;

/**
 * How long a simulated I/O request takes, in virtual nanoseconds. Sampling uses only the given
 * {@link RandomSource} and {@link StrictMath}, so a draw is the same on every JVM.
 *
 * <p>Every latency is within {@code [0, MAX_LATENCY_NANOS]} (one hour), which keeps sums of times far
 * from overflow.
 */
public sealed interface LatencyProfile
    permits LatencyProfile.Fixed, LatencyProfile.Uniform, LatencyProfile.LongTail, LatencyProfile.PerKind {

    /** Upper bound of every latency parameter: one hour in nanoseconds. */
    long MAX_LATENCY_NANOS = 3_600_000_000_000L;

    /**
     * Draws the latency of one request.
     *
     * @param kind READ, WRITE, SYNC or TRUNCATE (only {@link PerKind} looks at it)
     * @param rng  the stream to draw from
     * @return a latency in {@code [0, MAX_LATENCY_NANOS]}
     */
    long sampleNanos(CompletionKind kind, RandomSource rng);

    /**
     * Every request takes exactly {@code nanos}; draws nothing from the stream.
     *
     * @param nanos the latency, in {@code [0, MAX_LATENCY_NANOS]}
     */
    record Fixed(long nanos) implements LatencyProfile {
        public Fixed {
            checkNanos("nanos", nanos);
        }

        @Override
        public long sampleNanos(CompletionKind kind, RandomSource rng) {
            return nanos;
        }
    }

    /**
     * A latency drawn uniformly from {@code [minNanos, maxNanos]} (both inclusive).
     *
     * @param minNanos lower bound, in {@code [0, MAX_LATENCY_NANOS]}
     * @param maxNanos upper bound, in {@code [minNanos, MAX_LATENCY_NANOS]}
     */
    record Uniform(long minNanos, long maxNanos) implements LatencyProfile {
        public Uniform {
            checkNanos("minNanos", minNanos);
            checkNanos("maxNanos", maxNanos);
            if (maxNanos < minNanos) {
                throw new IllegalArgumentException("maxNanos: " + maxNanos + " (expected: >= minNanos " + minNanos + ")");
            }
        }

        @Override
        public long sampleNanos(CompletionKind kind, RandomSource rng) {
            return uniform(rng, minNanos, maxNanos);
        }
    }

    /**
     * A body around a median plus a rare heavy tail. With probability {@code 1 - tailProbability} the
     * latency is uniform in {@code [medianNanos / 2, medianNanos + medianNanos / 2]} (so the body's median
     * is {@code medianNanos}); with probability {@code tailProbability} it is log-uniform in
     * {@code [medianNanos, tailMaxNanos]} (every factor of ten equally likely, a cheap stand-in for a
     * log-normal tail).
     *
     * @param medianNanos     the body's median, in {@code [1, MAX_LATENCY_NANOS]}
     * @param tailProbability chance of a tail draw, in {@code [0, 1]}
     * @param tailMaxNanos    the tail's upper bound, in {@code [medianNanos + medianNanos / 2, MAX_LATENCY_NANOS]}
     */
    record LongTail(long medianNanos, double tailProbability, long tailMaxNanos) implements LatencyProfile {
        public LongTail {
            if (medianNanos < 1 || medianNanos > MAX_LATENCY_NANOS) {
                throw new IllegalArgumentException("medianNanos: " + medianNanos
                    + " (expected: in [1, " + MAX_LATENCY_NANOS + "])");
            }
            FaultConfig.checkRate("tailProbability", tailProbability);
            long bodyMax = medianNanos + medianNanos / 2;
            if (tailMaxNanos < bodyMax || tailMaxNanos > MAX_LATENCY_NANOS) {
                throw new IllegalArgumentException("tailMaxNanos: " + tailMaxNanos
                    + " (expected: in [" + bodyMax + ", " + MAX_LATENCY_NANOS + "])");
            }
        }

        @Override
        public long sampleNanos(CompletionKind kind, RandomSource rng) {
            if (rng.chance(tailProbability)) {
                double lo = StrictMath.log(medianNanos);
                double hi = StrictMath.log(tailMaxNanos);
                long v = StrictMath.round(StrictMath.exp(lo + rng.nextDouble() * (hi - lo)));
                return Math.max(medianNanos, Math.min(tailMaxNanos, v));
            }
            return uniform(rng, medianNanos / 2, medianNanos + medianNanos / 2);
        }
    }

    /**
     * A profile per request kind.
     *
     * @param read     latency of reads
     * @param write    latency of writes (pwrite and pwritev)
     * @param sync     latency of syncs
     * @param truncate latency of truncations
     */
    record PerKind(LatencyProfile read, LatencyProfile write, LatencyProfile sync, LatencyProfile truncate)
        implements LatencyProfile {
        public PerKind {
            Objects.requireNonNull(read, "read");
            Objects.requireNonNull(write, "write");
            Objects.requireNonNull(sync, "sync");
            Objects.requireNonNull(truncate, "truncate");
        }

        @Override
        public long sampleNanos(CompletionKind kind, RandomSource rng) {
            return switch (kind) {
                case READ -> read.sampleNanos(kind, rng);
                case WRITE -> write.sampleNanos(kind, rng);
                case SYNC -> sync.sampleNanos(kind, rng);
                case TRUNCATE -> truncate.sampleNanos(kind, rng);
                default -> throw new IllegalArgumentException("kind: " + kind + " (expected: READ, WRITE, SYNC or TRUNCATE)");
            };
        }
    }

    /** @return every request takes 1 microsecond: many requests share an instant, so ordering is drawn often */
    static LatencyProfile fast() {
        return new Fixed(1_000L);
    }

    /**
     * A datacenter SSD: reads ~80 us, writes ~30 us, syncs ~500 us, truncations 20-100 us, with a 1% (2% for
     * syncs) tail up to 5 ms (20 ms for syncs).
     *
     * @return the profile
     */
    static LatencyProfile ssd() {
        return new PerKind(
            new LongTail(80_000L, 0.01, 5_000_000L),
            new LongTail(30_000L, 0.01, 5_000_000L),
            new LongTail(500_000L, 0.02, 20_000_000L),
            new Uniform(20_000L, 100_000L));
    }

    /**
     * A spinning disk: reads and writes ~8 ms, syncs ~15 ms, truncations 1-10 ms, with a 5% tail up to
     * 100 ms (200 ms for syncs).
     *
     * @return the profile
     */
    static LatencyProfile hdd() {
        return new PerKind(
            new LongTail(8_000_000L, 0.05, 100_000_000L),
            new LongTail(8_000_000L, 0.05, 100_000_000L),
            new LongTail(15_000_000L, 0.05, 200_000_000L),
            new Uniform(1_000_000L, 10_000_000L));
    }

    private static void checkNanos(String name, long nanos) {
        if (nanos < 0 || nanos > MAX_LATENCY_NANOS) {
            throw new IllegalArgumentException(name + ": " + nanos + " (expected: in [0, " + MAX_LATENCY_NANOS + "])");
        }
    }

    /**
     * An unbiased uniform draw from {@code [min, max]}.
     *
     * @param rng the stream
     * @param min lower bound
     * @param max upper bound, &gt;= min, {@code max - min < Long.MAX_VALUE}
     * @return the draw
     */
    private static long uniform(RandomSource rng, long min, long max) {
        long range = max - min + 1;
        if (range == 1) {
            return min;
        }
        // Rejection as in java.util.Random#nextLong(bound): reject the incomplete last block of 2^63.
        long bits;
        long val;
        int attempts = 0;
        do {
            if (++attempts > 1_000) {
                throw new IllegalStateException("uniform(" + min + ", " + max + "): random source keeps rejecting");
            }
            bits = rng.nextLong() >>> 1;
            val = bits % range;
        } while (bits - val + (range - 1) < 0);
        return min + val;
    }
}
