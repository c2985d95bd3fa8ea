package dev.whopper.reports.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;

class IntervalLogTest {
    @Test
    void hdrHistogramsOwnReaderGivesTheRecordedCounts() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LatencyRecorder r = new LatencyRecorder(2);
        r.kind(0, "commit");
        r.kind(1, "get one");
        Map<String, Long> expected = new LinkedHashMap<>();
        long[] perInterval = new long[5];
        try (IntervalLog log = new IntervalLog(bytes, 1_000_000_000L)) {
            r.logTo(log);
            long t = 0;
            for (int i = 0; i < 1000; i++) {
                t += 4_000_000; // 4 ms apart: 250 a second, 4 seconds
                int kind = i % 4 == 0 ? 1 : 0;
                r.finished(kind, i % 2, t - 1_500_000, t);
                expected.merge(kind == 0 ? "commit" : "get_one", 1L, Long::sum);
                perInterval[(int) (t / 1_000_000_000L)]++;
            }
        }
        HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(bytes.toByteArray()));
        Map<String, Long> read = new LinkedHashMap<>();
        long[] readPerInterval = new long[5];
        EncodableHistogram e;
        while ((e = reader.nextIntervalHistogram()) != null) {
            Histogram h = (Histogram) e;
            read.merge(h.getTag(), h.getTotalCount(), Long::sum);
            readPerInterval[(int) Math.round(h.getStartTimeStamp() / 1000.0)] += h.getTotalCount();
            assertEquals(1500, h.getValueAtPercentile(50), 1500 * 0.001);
        }
        assertEquals(expected, read);
        assertEquals(java.util.Arrays.toString(perInterval), java.util.Arrays.toString(readPerInterval));
        assertTrue(r.snapshot().kinds().get(0).count() == expected.get("commit"));
    }

    @Test
    void tagsHoldNoCommaOrSpace() {
        assertEquals("a_b_c", IntervalLog.tag("a b,c"));
        assertEquals("_", IntervalLog.tag(""));
    }
}
