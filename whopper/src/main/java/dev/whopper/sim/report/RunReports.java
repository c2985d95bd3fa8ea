package dev.whopper.sim.report;

import dev.whopper.reports.model.Blame;
import dev.whopper.reports.model.Coverage;
import dev.whopper.reports.model.Failure;
import dev.whopper.reports.model.PropertyResult;
import dev.whopper.reports.model.RunReport;
import dev.whopper.reports.model.Shrink;
import dev.whopper.reports.model.TimelineEvent;
import dev.whopper.reports.model.Violation;
import dev.whopper.sim.Counters;
import dev.whopper.sim.Outcome;
import dev.whopper.sim.RunResult;
import dev.whopper.sim.config.RunConfig;
import dev.whopper.sim.shrink.Shrinker;
import dev.whopper.sim.trace.Event;
import dev.whopper.workloads.property.Blamed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link RunReport} of a run: the one model the console, JSON and HTML render. Deterministic: the
 * same run gives the same report, except {@link RunReport#wallNanos()} and the wall-clock histograms.
 */
public final class RunReports {
    /** Swimlanes of a failure's timeline at most (the failing fiber, then the most recently active). */
    public static final int MAX_LANES = 16;

    private RunReports() { }

    /**
     * @param result    the run
     * @param config    its configuration, or null (a simulation built through the API)
     * @param events    its last events with values, or null when not captured
     * @param wallNanos wall-clock nanoseconds it took (NONDETERMINISTIC), 0 when not measured
     * @return its report
     */
    public static RunReport of(RunResult result, RunConfig config, LastEvents events, long wallNanos) {
        Counters c = result.counters();
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("steps", c.steps());
        counters.put("timeNanos", c.timeNanos());
        counters.put("decisions", c.decisions());
        counters.put("opsFailed", c.opsFailed());
        counters.put("yieldsInjected", c.yieldsInjected());
        counters.put("timeJumps", c.timeJumps());
        counters.put("crashes", c.crashes());
        String workload = config == null ? "custom" : config.workload();
        String kind = result.kind().name();
        List<Failure> failures = result.failed() ? List.of(failure(result, events)) : List.of();
        return new RunReport(RunReport.SCHEMA_VERSION, RunReport.RUN, workload + ", seed " + result.seed(), result.seed(),
            1, List.of(result.seed()), config == null ? Map.of() : configMap(config), result.repro(), result.strategy(),
            Map.of(kind, 1L), summary(result.outcome()), result.traceHashHex(), counters, c.opsByKind(), c.faultsByKind(),
            result.workloadCounters(), result.warnings(), result.metrics().faults(), result.metrics().faultsNotKept(),
            properties(result), result.metrics().latency().kinds(), result.metrics().latency().overTime(),
            result.metrics().latency().fibers(), coverage(result), failures, wallNanos);
    }

    /**
     * @param report the report of the failing run {@code s} shrank
     * @param s      the shrink
     * @param repro  how to rerun the minimal failure
     * @return the report with its failure's shrink (sizes before and after)
     */
    public static RunReport shrunk(RunReport report, Shrinker.Result s, String repro) {
        String faultsBefore = report.config().getOrDefault("--faults", "none");
        String faultsAfter = s.simulation().config().faults();
        Shrink shrink = new Shrink(new Shrink.Size(s.fibersBefore(), s.stepsBefore(), s.logBefore(), faultsBefore),
            new Shrink.Size(s.fibersAfter(), s.stepsAfter(), s.logAfter(), faultsAfter), repro);
        List<Failure> fs = new ArrayList<>();
        for (Failure f : report.failures()) {
            fs.add(f.withShrink(shrink));
        }
        return report.withFailures(fs);
    }

    /** @return every option of the run, {@code --name} to value, in {@code whopper run}'s order, without the seed */
    static Map<String, String> configMap(RunConfig c) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("--workload", c.workload());
        m.put("--connections", Integer.toString(c.connections()));
        m.put("--steps", Long.toString(c.steps()));
        m.put("--strategy", c.strategy().toString());
        m.put("--yield-rate", Double.toString(c.yieldRate()));
        m.put("--yield-cap", Integer.toString(c.yieldCap()));
        m.put("--step-cost-nanos", Long.toString(c.stepCostNanos()));
        m.put("--faults", c.faults());
        List<String> off = new ArrayList<>();
        c.faultsOff().forEach(k -> off.add(RunConfig.spelling(k)));
        m.put("--faults-off", off.isEmpty() ? "none" : String.join(",", off));
        m.put("--fault-window-nanos", c.faultWindowNanos() == 0 ? "auto" : Long.toString(c.faultWindowNanos()));
        m.put("--crashes", Integer.toString(c.crashes()));
        m.put("--crash-window-steps", Long.toString(c.crashWindowSteps()));
        m.put("--liveness-timeout-nanos", Long.toString(c.livenessTimeoutNanos()));
        m.put("--allow-incomplete", Boolean.toString(c.allowIncomplete()));
        return m;
    }

    /** @return the outcome line as {@link RunResult#describe()} prints it after {@code outcome: } */
    static String summary(Outcome outcome) {
        String line = RunResult.outcomeLine(outcome);
        return line;
    }

    private static List<PropertyResult> properties(RunResult r) {
        List<String> skipped = r.outcome() instanceof Outcome.Passed p ? p.skipped()
            : r.outcome() instanceof Outcome.Incomplete in ? in.skipped() : List.of();
        String violated = r.outcome() instanceof Outcome.Violation v ? v.property() : null;
        List<PropertyResult> out = new ArrayList<>();
        r.metrics().properties().forEach((name, checksAtEnd) -> {
            if (name.equals(violated)) {
                out.add(PropertyResult.of(name, PropertyResult.Status.VIOLATED, ((Outcome.Violation) r.outcome()).message()));
            } else if (skipped.contains(name)) {
                out.add(PropertyResult.of(name, PropertyResult.Status.SKIPPED, "its end-of-run check did not run"));
            } else if (r.failed() && checksAtEnd) {
                out.add(PropertyResult.of(name, PropertyResult.Status.SKIPPED, "the run stopped before its end-of-run check"));
            } else {
                out.add(PropertyResult.of(name, PropertyResult.Status.HELD, ""));
            }
        });
        if (violated != null && !r.metrics().properties().containsKey(violated)) {
            // Not a property of the run: the simulator's own verdict (an operation threw, a callback threw).
            out.add(PropertyResult.of(violated, PropertyResult.Status.VIOLATED, ((Outcome.Violation) r.outcome()).message()));
        }
        return out;
    }

    private static Coverage coverage(RunResult r) {
        return new Coverage(r.metrics().yieldPoints(), r.metrics().engine(), r.counters().faultsByKind(),
            r.counters().opsByKind());
    }

    private static Failure failure(RunResult r, LastEvents events) {
        Violation v = violation(r.outcome());
        int fiber = v == null ? -1 : v.fiber();
        List<Blamed> given = r.outcome() instanceof Outcome.Violation ov ? ov.blamed() : List.of();
        List<TimelineEvent> last = new ArrayList<>();
        for (Event e : r.lastEvents()) {
            last.add(new TimelineEvent(e.step(), e.timeNanos(), e.fiber(), e.op(), e.kind().name(), "", false));
        }
        List<TimelineEvent> timeline = List.of();
        if (v != null) {
            List<Blame> blamed;
            if (events != null) {
                List<Integer> culprits = new ArrayList<>();
                given.forEach(b -> culprits.add(b.fiber()));
                Blaming.Result b = Blaming.of(events.kept(fiber, culprits, MAX_LANES), fiber, v.timeNanos(), given);
                timeline = b.timeline();
                blamed = b.blamed();
            } else {
                blamed = Blaming.fromRing(last, fiber, v.timeNanos(), given);
            }
            v = new Violation(v.property(), v.message(), v.step(), v.timeNanos(), v.fiber(), blamed);
        } else if (events != null) {
            timeline = events.timeline(-1, MAX_LANES);
        }
        return new Failure(r.seed(), r.kind().name(), summary(r.outcome()), r.repro(), r.traceHashHex(), v, last,
            timeline, null);
    }

    private static Violation violation(Outcome o) {
        if (o instanceof Outcome.Violation v) {
            return new Violation(v.property(), v.message(), v.step(), v.timeNanos(), v.fiber());
        }
        if (o instanceof Outcome.Liveness l) {
            return new Violation("LIVENESS", "fiber " + l.fiber() + " (" + l.op() + ") ran " + l.waitedNanos() + "ns",
                l.step(), l.timeNanos(), l.fiber());
        }
        if (o instanceof Outcome.Deadlock d) {
            return new Violation("DEADLOCK", String.join("; ", d.blocked()), d.step(), d.timeNanos(), -1);
        }
        if (o instanceof Outcome.InternalError e) {
            return new Violation("INTERNAL_ERROR", e.message(), e.step(), 0, -1);
        }
        return null;
    }
}
