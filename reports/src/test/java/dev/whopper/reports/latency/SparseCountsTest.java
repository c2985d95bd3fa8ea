package dev.whopper.reports.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.reports.model.LatencyHistogram;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Sparse counts, and the same counts gone dense, give HdrHistogram exactly the counts fed value by value. */
class SparseCountsTest {
    @Test
    void sparseThenDenseKeepEveryCount() {
        SplittableRandom random = new SplittableRandom(7);
        SparseCounts counts = new SparseCounts(LatencyHistogram.newHistogram());
        Histogram plain = LatencyHistogram.newHistogram();
        boolean sawSparse = false;
        for (int i = 0; i < 40_000; i++) {
            long v = random.nextInt(4) == 0 ? random.nextLong(10_000_000) : random.nextLong(3_000);
            counts.record(v);
            plain.recordValue(v);
            if (i % 997 == 0) {
                Histogram h = LatencyHistogram.newHistogram();
                counts.into(h);
                assertEquals(LatencyHistogram.of(plain), LatencyHistogram.of(h), "after " + (i + 1) + " values");
                assertEquals(LatencyHistogram.of(plain), counts.frozen());
                sawSparse |= !counts.dense();
            }
        }
        assertTrue(sawSparse, "few values stay sparse");
        assertTrue(counts.dense(), "past " + SparseCounts.DENSE_AT + " distinct buckets the counts go dense");
        assertEquals(plain.getValueAtPercentile(99.9), counts.frozen().percentile(99.9));
    }

    @Test
    void countsGivenByHandAreChecked() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> LatencyHistogram.ofCounts(new long[] {5, 3}, new long[] {1, 1}));
        assertEquals("values[1]: 3 (expected: >= 0 and ascending)", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> LatencyHistogram.ofCounts(new long[] {5}, new long[] {0}));
        assertEquals("counts[0]: 0 (expected: > 0)", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> LatencyHistogram.ofCounts(new long[] {5}, new long[] {1, 2}));
        assertEquals("values: 1, counts: 2 (expected: equal)", e.getMessage());
        assertEquals(LatencyHistogram.empty(), LatencyHistogram.ofCounts(new long[0], new long[0]));
        LatencyHistogram h = LatencyHistogram.ofCounts(new long[] {3, 2048}, new long[] {2, 1});
        assertEquals(3, h.count());
        assertEquals(3, h.percentile(50));
        assertEquals(LatencyHistogram.newHistogram().highestEquivalentValue(2048), h.max());
    }

    @Test
    void addingMergesSparseAndDense() {
        SparseCounts a = new SparseCounts(LatencyHistogram.newHistogram());
        SparseCounts b = new SparseCounts(LatencyHistogram.newHistogram());
        Histogram plain = LatencyHistogram.newHistogram();
        for (long v = 0; v < 3_000; v++) {
            b.record(v); // 3,000 distinct exact buckets: dense
            plain.recordValue(v);
        }
        a.record(5);
        a.record(5);
        plain.recordValue(5);
        plain.recordValue(5);
        b.flush();
        assertTrue(b.dense());
        assertFalse(a.dense());
        a.add(b);
        assertEquals(LatencyHistogram.of(plain), a.frozen());
        SparseCounts c = new SparseCounts(LatencyHistogram.newHistogram());
        c.record(123_456);
        plain.recordValue(123_456);
        a.add(c);
        assertEquals(LatencyHistogram.of(plain), a.frozen());
    }
}
