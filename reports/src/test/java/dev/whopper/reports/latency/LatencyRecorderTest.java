package dev.whopper.reports.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.reports.model.KindLatency;
import dev.whopper.reports.model.LatencyHistogram;
import dev.whopper.reports.model.LatencyInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The recorder's batched, sparse bookkeeping gives exactly what plain HdrHistograms fed value by value give:
 * per kind the same counts and percentiles, per interval (at the recorder's final width) the same count, p50,
 * p99 and maximum.
 */
class LatencyRecorderTest {
    private record Op(int kind, long endNanos, long micros) { }

    @Test
    void snapshotsEqualHistogramsFedValueByValue() {
        for (long seed = 1; seed <= 12; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            LatencyRecorder r = new LatencyRecorder(4);
            r.kind(0, "commit");
            r.kind(1, "get");
            r.kind(2, "never");
            List<Op> ops = new ArrayList<>();
            long t = 0;
            int n = 200 + random.nextInt(6_000);
            for (int i = 0; i < n; i++) {
                // bursts: many values end in one interval (more than a batch), then time jumps
                t += random.nextInt(10) == 0 ? random.nextLong(20_000_000) : random.nextLong(3_000);
                long latencyNanos = random.nextInt(5) == 0 ? random.nextLong(2_000_000_000L) : random.nextLong(5_000_000);
                int kind = random.nextInt(3) == 0 ? 1 : 0;
                r.finished(kind, i % 4, t - latencyNanos, t);
                ops.add(new Op(kind, t, latencyNanos / 1_000));
                if (i == n / 2) {
                    check(r.snapshot(), ops, r.intervalNanos()); // a snapshot in the middle of an interval
                }
            }
            check(r.snapshot(), ops, r.intervalNanos());
        }
    }

    @Test
    void wallClockHistogramsAreEmptyUntilAsked() {
        LatencyRecorder r = new LatencyRecorder(1);
        r.kind(0, "put");
        r.kind(1, "get");
        r.finished(0, 0, 0, 5_000);
        r.wall(1, 777);
        LatencySnapshot s = r.snapshot();
        assertEquals(LatencyHistogram.empty(), s.kinds().get(0).wallNanos());
        assertEquals(0, s.kinds().get(0).wallNanos().count());
        assertEquals(1, s.kinds().get(1).wallNanos().count());
        assertEquals(777, s.kinds().get(1).wallNanos().max(), 1);
        assertEquals(LatencyHistogram.decode(s.kinds().get(1).wallNanos().base64()), s.kinds().get(1).wallNanos());
    }

    private static void check(LatencySnapshot s, List<Op> ops, long intervalNanos) {
        for (int k = 0; k < 3; k++) {
            Histogram h = LatencyHistogram.newHistogram();
            for (Op op : ops) {
                if (op.kind == k) {
                    h.recordValue(op.micros);
                }
            }
            KindLatency got = s.kinds().get(k);
            LatencyHistogram want = LatencyHistogram.of(h);
            assertEquals(want, got.simulatedMicros(), "kind " + k);
            for (double p : new double[] {0, 50, 90, 99, 99.9, 100}) {
                assertEquals(want.percentile(p), got.simulatedMicros().percentile(p), "kind " + k + " p" + p);
            }
            assertEquals(want, LatencyHistogram.decode(got.simulatedMicros().base64()), "encoding of kind " + k);
        }
        assertTrue(s.overTime().size() <= LatencyRecorder.MAX_INTERVALS);
        for (int i = 0; i < s.overTime().size(); i++) {
            Histogram h = new Histogram(2);
            h.setAutoResize(true);
            for (Op op : ops) {
                if (op.endNanos / intervalNanos == i) {
                    h.recordValue(op.micros);
                }
            }
            LatencyInterval got = s.overTime().get(i);
            assertEquals(i * intervalNanos, got.startNanos());
            assertEquals(h.getTotalCount(), got.count(), "interval " + i);
            if (h.getTotalCount() > 0) {
                assertEquals(h.getValueAtPercentile(50), got.p50Micros(), "interval " + i);
                assertEquals(h.getValueAtPercentile(99), got.p99Micros(), "interval " + i);
                assertEquals(h.getMaxValue(), got.maxMicros(), "interval " + i);
            }
        }
    }
}
