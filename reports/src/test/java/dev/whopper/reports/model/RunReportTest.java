package dev.whopper.reports.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.reports.latency.LatencySnapshot;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class RunReportTest {
    @Test
    void mergeAddsCountersAndHistogramsAndConcatenatesFailures() {
        RunReport a = Samples.report(1, false, "");
        RunReport b = Samples.report(2, true, "money appeared");
        RunReport m = a.plus(b);
        assertEquals(RunReport.MERGED, m.kind());
        assertEquals(2, m.seedsRun());
        assertEquals(List.of(1L, 2L), m.seeds());
        assertEquals(10_000L, m.counter("steps"));
        assertEquals(600L, m.workloadCounters().get("commits"));
        assertEquals(1, m.failures().size());
        assertEquals(1L, m.outcomes().get("VIOLATION"));
        assertEquals(1L, m.runsFailed());
        assertFalse(m.passed());
        Histogram combined = a.latencyOf("transfer").simulatedMicros().toHistogram();
        combined.add(b.latencyOf("transfer").simulatedMicros().toHistogram());
        assertEquals(LatencyHistogram.of(combined), m.latencyOf("transfer").simulatedMicros());
        assertEquals(a.latencyOf("transfer").count() + b.latencyOf("transfer").count(), m.latencyOf("transfer").count());
        PropertyResult conservation = m.properties().get(0);
        assertEquals(PropertyResult.Status.VIOLATED, conservation.status());
        assertEquals(1, conservation.held());
        assertEquals(4, m.faults().size());
        assertTrue(m.latencyOverTime().isEmpty(), "runs' clocks are unrelated: no merged latency over time");
        assertEquals("bank", m.config().get("--workload"));
    }

    @Test
    void configEntriesThatDifferVary() {
        RunReport a = Samples.report(1, false, "");
        java.util.Map<String, String> other = new java.util.LinkedHashMap<>(a.config());
        other.put("--connections", "9");
        RunReport b = new RunReport(1, RunReport.RUN, a.title(), 2, 1, List.of(2L), other, "x", "pos", a.outcomes(),
            a.summary(), "", a.counters(), a.opsByKind(), a.faultsByKind(), a.workloadCounters(), a.warnings(),
            a.faults(), 0, a.properties(), a.latency(), a.latencyOverTime(), a.fibers(), a.coverage(), a.failures(), 0);
        RunReport m = a.plus(b);
        assertEquals(RunReport.VARIES, m.config().get("--connections"));
        assertEquals("bank", m.config().get("--workload"));
        assertEquals(RunReport.VARIES, m.strategy());
        assertEquals("", m.repro());
    }

    @Test
    void fairnessIsJainsIndex() {
        assertEquals(1.0, Fairness.jain(List.of(new FiberLine(0, 5, 1), new FiberLine(1, 5, 1))), 1e-12);
        assertEquals(0.25, Fairness.jain(List.of(new FiberLine(0, 8, 1), new FiberLine(1, 0, 1),
            new FiberLine(2, 0, 1), new FiberLine(3, 0, 1))), 1e-12);
        // (1+2+3)^2 / (3 * (1+4+9)) = 36/42
        assertEquals(36.0 / 42, Fairness.jain(List.of(new FiberLine(0, 1, 1), new FiberLine(1, 2, 1),
            new FiberLine(2, 3, 1))), 1e-12);
    }

    @Test
    void recorderCountsPerKindAndFiber() {
        LatencySnapshot s = Samples.latency(7, 100);
        assertEquals(80, s.kinds().get(0).count());
        assertEquals(20, s.kinds().get(1).count());
        assertEquals(34, s.fibers().get(0).ops());
        assertEquals(33, s.fibers().get(1).ops());
        long intervalOps = s.overTime().stream().mapToLong(LatencyInterval::count).sum();
        assertEquals(100, intervalOps);
        assertTrue(s.overTime().size() <= dev.whopper.reports.latency.LatencyRecorder.MAX_INTERVALS);
    }

    @Test
    void badValuesAreRefused() {
        RunReport a = Samples.report(1, false, "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RunReport(2, RunReport.RUN,
            "", 1, 1, List.of(), null, null, null, null, null, null, null, null, null, null, null, null, 0, null, null,
            null, null, null, null, 0));
        assertEquals("schemaVersion: 2 (expected: 1)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LatencyHistogram.decode("not base64!"));
        assertThrows(IllegalArgumentException.class, () -> a.latency().get(0).plus(a.latency().get(1)));
    }
}
