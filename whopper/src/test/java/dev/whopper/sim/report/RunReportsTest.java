package dev.whopper.sim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.reports.model.PropertyResult;
import dev.whopper.reports.model.RunReport;
import dev.whopper.reports.model.TimelineEvent;
import dev.whopper.reports.render.ConsoleReport;
import dev.whopper.reports.render.JsonReport;
import dev.whopper.sim.Observation;
import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;
import dev.whopper.sim.config.RunConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunReportsTest {
    /** Runs of every kind: passing, violating, with faults and crashes, each strategy. */
    static final List<String> RUNS = List.of(
        "--seed 1 --workload bank-non-atomic --connections 4",
        "--seed 5 --workload bank --connections 6 --faults chaos --crashes 2",
        "--seed 3 --workload bank --connections 3 --strategy pct:2 --steps 3000",
        "--seed 2 --workload lost-update --connections 3 --strategy rr",
        "--seed 4 --workload bank --connections 5 --strategy pos --faults ragnarok --steps 2000 --allow-incomplete",
        "--seed 9 --workload bank --connections 4 --steps 200",
        "--seed 7 --workload bank --connections 4 --strategy swarm --steps 4000 --allow-incomplete");

    static RunConfig config(String line) {
        return RunConfig.parse(line.split(" "));
    }

    @Test
    void watchingARunNeverChangesItsTraceHashOutcomeOrDecisions() {
        for (String line : RUNS) {
            Simulation<?> sim = config(line).simulation();
            RunResult plain = sim.run();
            List<String> seen = new ArrayList<>();
            RunResult watched = sim.run(new Observation(TraceSinks.both(new LastEvents(),
                (step, t, fiber, op, kind, value) -> seen.add(kind.name())), true, null));
            assertEquals(plain.traceHashHex(), watched.traceHashHex(), line);
            assertEquals(plain.kind(), watched.kind(), line);
            assertEquals(plain.decisions().toText(), watched.decisions().toText(), line);
            assertEquals(plain.counters(), watched.counters(), line);
            long ringEvents = seen.stream().filter(k -> !k.equals("IO_SUBMIT")).count();
            assertEquals(watched.eventsWritten(), ringEvents, line + ": the sink sees every event the ring counts");
        }
    }

    @Test
    void theConsoleRendererPrintsWhatDescribeDid() {
        for (String line : RUNS) {
            RunConfig config = config(line);
            RunResult r = config.simulation().run();
            RunReport report = RunReports.of(r, config, null, 0);
            String console = ConsoleReport.render(report);
            assertEquals(r.describe(), console.replaceAll("(?m)^blamed: .*\n", ""), line + ": describe() plus the blame");
            assertEquals(r.failed() && report.failures().get(0).violation() != null
                    && !report.failures().get(0).violation().blamed().isEmpty(), console.contains("\nblamed: fiber "), line);
            RunReport back = JsonReport.read(JsonReport.write(report));
            assertEquals(report, back, line + ": a real run's report round-trips through JSON");
            assertEquals(console, ConsoleReport.render(back), line + ": and so does the report read back from JSON");
        }
    }

    @Test
    void theEngineWorkloadsReportWhatTheEngineReached() {
        for (String w : List.of("kv-model", "counter", "checkpoint-storm", "btree-churn")) {
            RunConfig config = config("--seed 3 --workload " + w + " --connections 4 --faults chaos --crashes 1");
            RunResult r = config.simulation().run(new Observation(null, true, null));
            var engine = RunReports.of(r, config, null, 1).coverage().engine();
            assertEquals(r.workloadCounters().get("opens"), engine.get("opens"), w + ": " + engine);
            assertEquals(r.workloadCounters().get("busy"), engine.get("busy"), w + ": " + engine);
            assertTrue(engine.get("recoveries") >= 1, w + " recovered after its crash: " + engine);
            assertTrue(engine.get("page-reads") > 0, w + " read pages back: " + engine);
        }
    }

    @Test
    void aReportSaysWhatTheRunDid() {
        RunConfig config = config("--seed 5 --workload bank --connections 6 --faults chaos --crashes 2");
        RunResult r = config.simulation().run(new Observation(null, true, null));
        RunReport report = RunReports.of(r, config, null, 1);
        assertTrue(report.passed());
        assertEquals(r.counters().ops(), report.latency().stream().mapToLong(k -> k.count()).sum());
        assertEquals(r.counters().ops(), report.fibers().stream().mapToLong(f -> f.ops()).sum());
        assertEquals(6, report.fibers().size());
        assertTrue(report.latency().get(0).wallNanos().count() > 0, "wall clock measured when asked for");
        long faults = r.counters().faultsByKind().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(faults + r.counters().crashes(), report.faults().size());
        assertEquals(2, report.faults().stream().filter(f -> f.crash()).count());
        assertTrue(report.faults().stream().allMatch(f -> f.crash() || !f.file().isEmpty()));
        assertFalse(report.coverage().yieldPoints().isEmpty(), "the engine's yield points were reached");
        var engine = report.coverage().engine();
        assertEquals(1L, engine.get("open: NEW_DATABASE"), engine.toString());
        assertEquals(2L, engine.get("recovery after a crash"));
        assertEquals(r.workloadCounters().get("opens"),
            engine.entrySet().stream().filter(e -> e.getKey().startsWith("open: "))
                .mapToLong(java.util.Map.Entry::getValue).sum(), "every open has its recovery path: " + engine);
        assertTrue(engine.keySet().stream().anyMatch(k -> k.equals("open: WAL_REPLAYED") || k.equals("open: WAL_TAIL_CUT")),
            "a crash makes the next open recover the WAL: " + engine);
        assertEquals(r.workloadCounters().get("busy"), engine.getOrDefault("BUSY", 0L) + engine.getOrDefault("BUSY_SNAPSHOT", 0L));
        long checkpoints = engine.entrySet().stream().filter(e -> e.getKey().startsWith("checkpoint "))
            .mapToLong(java.util.Map.Entry::getValue).sum();
        assertTrue(checkpoints > 0 && checkpoints <= r.counters().opsByKind().get("checkpoint"), engine.toString());
        assertTrue(engine.get("cache hit") > 0);
        assertTrue(report.properties().stream().allMatch(p -> p.status() == PropertyResult.Status.HELD), report.properties().toString());
        assertFalse(report.properties().isEmpty());
        assertEquals("6", report.config().get("--connections"));
        assertEquals(r.repro(), report.repro());
        assertFalse(report.repro().contains("--report"));
        RunReport again = RunReports.of(config.simulation().run(), config, null, 1);
        assertEquals(JsonReport.write(report).replaceAll("\"wallNanos\" : \"[^\"]*\"", ""),
            JsonReport.write(again).replaceAll("\"wallNanos\" : \"[^\"]*\"", ""), "same seed, same report (the wall-clock histograms masked)");
    }

    @Test
    void aFailureCarriesItsViolationAndTimelineWithValues() {
        RunConfig config = config("--seed 1 --workload bank-non-atomic --connections 4");
        LastEvents events = new LastEvents();
        RunResult r = config.simulation().run(new Observation(events, false, null));
        RunReport report = RunReports.of(r, config, events, 0);
        assertEquals(1, report.failures().size());
        var f = report.failures().get(0);
        assertEquals("bank-conservation", f.violation().property());
        assertEquals(PropertyResult.Status.VIOLATED, report.properties().stream()
            .filter(p -> p.name().equals("bank-conservation")).findFirst().orElseThrow().status());
        assertEquals(r.lastEvents().size(), f.lastEvents().size());
        assertFalse(f.timeline().isEmpty());
        assertTrue(f.timeline().stream().anyMatch(e -> e.kind().equals("DONE") && !e.value().isEmpty()), "values");
        assertTrue(f.timeline().stream().anyMatch(e -> e.kind().equals("IO_SUBMIT")));
        List<TimelineEvent> offending = f.timeline().stream().filter(TimelineEvent::offending).toList();
        assertFalse(offending.isEmpty());
        assertTrue(offending.stream().allMatch(e -> !e.blame().isEmpty()), "every blamed event says why");
        assertTrue(offending.stream().allMatch(e -> e.fiber() == f.violation().fiber() || e.kind().equals("FAULT")
            || f.violation().blamed().stream().anyMatch(b -> b.fiber() == e.fiber() && b.reason().equals(e.blame()))),
            "only the failing operation, its faults and what the property blames: " + offending);
    }
}
