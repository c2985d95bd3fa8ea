package dev.whopper.reports.model;

import dev.whopper.reports.latency.LatencyRecorder;
import dev.whopper.reports.latency.LatencySnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reports built by hand for the tests: a passing run and a failing one, with real recorded histograms. */
public final class Samples {
    private Samples() { }

    /** @return a recorder's snapshot after {@code n} operations of two kinds, latency derived from {@code seed} */
    public static LatencySnapshot latency(long seed, int n) {
        LatencyRecorder r = new LatencyRecorder(3);
        r.kind(0, "transfer");
        r.kind(1, "audit");
        long t = 0;
        long x = seed;
        for (int i = 0; i < n; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            long d = 1_000 + Math.floorMod(x >>> 20, 5_000_000L);
            t += 10_000;
            r.finished(i % 5 == 0 ? 1 : 0, i % 3, t, t + d);
            r.wall(i % 5 == 0 ? 1 : 0, 100 + (x & 1023));
        }
        return r.snapshot();
    }

    /** Why the sample failure blames fiber 2's audit (carries markup, to test escaping). */
    public static final String BLAME_REASON = "read acct/0003 while <i>fiber 1</i> was part-way";

    /**
     * @param seed    the seed
     * @param failed  whether it failed
     * @param message the violation's message (may carry markup, to test escaping)
     * @return a report
     */
    public static RunReport report(long seed, boolean failed, String message) {
        LatencySnapshot l = latency(seed, 400);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("--workload", "bank");
        config.put("--connections", "3");
        config.put("--faults", "chaos");
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("steps", 5_000L);
        counters.put("timeNanos", 2_000_000_000L);
        counters.put("decisions", 4_000L);
        counters.put("opsFailed", 3L);
        counters.put("yieldsInjected", 12L);
        counters.put("timeJumps", 40L);
        counters.put("crashes", 1L);
        Map<String, Long> ops = new LinkedHashMap<>();
        ops.put("transfer", 320L);
        ops.put("audit", 80L);
        Map<String, Long> workload = new LinkedHashMap<>();
        workload.put("commits", 300L);
        workload.put("rollbacks", 7L);
        workload.put("busy", 11L);
        List<FaultEvent> faults = List.of(new FaultEvent(seed, 100, 500_000_000L, "IO_ERROR", "bank.db-wal", 4096),
            new FaultEvent(seed, 900, 1_500_000_000L, FaultEvent.CRASH, "", -1));
        List<PropertyResult> props = List.of(
            PropertyResult.of("conservation", failed ? PropertyResult.Status.VIOLATED : PropertyResult.Status.HELD,
                failed ? message : ""),
            PropertyResult.of("durability", PropertyResult.Status.SKIPPED, "the step budget ended the run"));
        Coverage coverage = new Coverage(Map.of("PAGE_CACHE_HIT", 40L), Map.of("BUSY", 11L), Map.of("IO_ERROR", 1L), ops);
        String repro = "whopper run --seed " + seed + " --workload bank --connections 3 --faults chaos";
        List<Failure> failures = List.of();
        String outcome = "PASSED";
        if (failed) {
            outcome = "VIOLATION";
            List<TimelineEvent> events = List.of(
                new TimelineEvent(4990, 1_990_000_000L, 1, "transfer", "OP_START", "transfer 5 from 0 to 2", false),
                new TimelineEvent(4991, 1_990_001_000L, -1, "WRITE", "IO_COMPLETE", "bank.db-wal @ 8192", false),
                new TimelineEvent(4992, 1_990_002_000L, 2, "audit", "DONE", "total=995", true, BLAME_REASON),
                new TimelineEvent(4993, 1_990_003_000L, 1, "transfer", "DONE", message, true, "the failing operation"));
            List<Blame> blamed = List.of(new Blame(2, 7, 1_989_000_000L, 1_990_002_000L, "audit", BLAME_REASON, false),
                new Blame(0, 3, 1_000_000L, 2_000_000L, "", "committed <b>long</b> before", false));
            failures = List.of(new Failure(seed, outcome, "VIOLATION of conservation at step 4993: " + message, repro,
                "00000000deadbeef", new Violation("conservation", message, 4993, 1_990_003_000L, 1, blamed), events, events,
                null));
        }
        return new RunReport(RunReport.SCHEMA_VERSION, RunReport.RUN, "bank, seed " + seed, seed, 1, List.of(seed),
            config, repro, "random", Map.of(outcome, 1L), failed ? "VIOLATION of conservation" : "PASSED (all fibers done)",
            "00000000deadbeef", counters, ops, Map.of("IO_ERROR", 1L), workload, List.of(), faults, 0, props, l.kinds(),
            l.overTime(), l.fibers(), coverage, failures, 123_456_789L);
    }
}
