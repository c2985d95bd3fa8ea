package dev.whopper.reports.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The report of one run, or of many merged ({@link #plus}): data first, graded once; the console, JSON and
 * HTML renderers read it. Immutable. Every field but {@link #wallNanos} and the wall-clock histograms in
 * {@link #latency} is deterministic for a seed and configuration.
 *
 * @param schemaVersion    {@link #SCHEMA_VERSION} when written by this build; readers refuse others
 * @param kind             {@link #RUN} or {@link #MERGED}
 * @param title            a short name (e.g. {@code "bank, seed 5"})
 * @param seed             the run's seed (the first run's for a merge)
 * @param seedsRun         runs in this report (1 for a run)
 * @param seeds            their seeds, at most {@link #MAX_SEEDS_LISTED} (the first ones)
 * @param config           the run's options as {@code --name value} pairs without the seed ({@code "(varies)"}
 *                         where merged runs differed)
 * @param repro            the command line that reruns the run ({@code ""} for a merge of different runs)
 * @param strategy         the strategy that scheduled (for swarm, what it drew)
 * @param outcomes         runs per outcome kind (PASSED, VIOLATION, DEADLOCK, LIVENESS, INCOMPLETE, INTERNAL_ERROR)
 * @param summary          the outcome line as the console prints it after {@code outcome: }
 * @param traceHash        the run's trace hash, 16 hex digits ({@code ""} for a merge)
 * @param counters         the simulator's counters: steps, timeNanos, decisions, opsFailed, yieldsInjected,
 *                         timeJumps, crashes
 * @param opsByKind        finished operations per kind, in first-seen order
 * @param faultsByKind     injected faults per kind
 * @param workloadCounters what the workload counted: commits, rollbacks, refusals by error code (busy, io-errors,
 *                         readonly, corrupt), recoveries, excused acknowledgements (commits-lost-to-bit-rot), ...
 * @param warnings         checks the options made inert (never counted as held)
 * @param faults           injected faults and crashes as events, oldest first, at most {@link #MAX_FAULTS_KEPT}
 * @param faultsNotKept    faults beyond those kept
 * @param properties       each property's status
 * @param latency          latency per operation kind
 * @param latencyOverTime  latency of the operations finishing in each interval of simulated time (empty for a merge)
 * @param fibers           per-fiber operation counts and longest waits, by fiber id
 * @param coverage         what the code under test reached
 * @param failures         the failed runs (at most one for a run), in order
 * @param wallNanos        wall-clock time the runs took: NONDETERMINISTIC, masked in golden comparisons
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunReport(int schemaVersion, String kind, String title, long seed, long seedsRun, List<Long> seeds,
                        Map<String, String> config, String repro, String strategy, Map<String, Long> outcomes,
                        String summary, String traceHash, Map<String, Long> counters, Map<String, Long> opsByKind,
                        Map<String, Long> faultsByKind, Map<String, Long> workloadCounters, List<String> warnings,
                        List<FaultEvent> faults, long faultsNotKept, List<PropertyResult> properties,
                        List<KindLatency> latency, List<LatencyInterval> latencyOverTime, List<FiberLine> fibers,
                        Coverage coverage, List<Failure> failures, long wallNanos) {
    /**
     * The JSON schema's version. 1: the first (this build). A reader of another version refuses it
     * (see {@code docs/reports.md}).
     */
    public static final int SCHEMA_VERSION = 1;
    /** The kind of a single run's report. */
    public static final String RUN = "run";
    /** The kind of a merge of reports. */
    public static final String MERGED = "merged";
    /** Seeds listed at most. */
    public static final int MAX_SEEDS_LISTED = 100_000;
    /** Fault events kept at most (the rest are counted in {@link #faultsNotKept}). */
    public static final int MAX_FAULTS_KEPT = 10_000;
    /** The value of a configuration entry that differs between merged runs. */
    public static final String VARIES = "(varies)";

    public RunReport {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new IllegalArgumentException("schemaVersion: " + schemaVersion + " (expected: " + SCHEMA_VERSION + ")");
        }
        if (!RUN.equals(kind) && !MERGED.equals(kind)) {
            throw new IllegalArgumentException("kind: " + kind + " (expected: " + RUN + " or " + MERGED + ")");
        }
        if (seedsRun < 1) {
            throw new IllegalArgumentException("seedsRun: " + seedsRun + " (expected: > 0)");
        }
        title = Objects.requireNonNullElse(title, "");
        seeds = seeds == null ? List.of() : List.copyOf(seeds);
        config = Maps.copy(config);
        repro = Objects.requireNonNullElse(repro, "");
        strategy = Objects.requireNonNullElse(strategy, "");
        outcomes = Maps.copy(outcomes);
        summary = Objects.requireNonNullElse(summary, "");
        traceHash = Objects.requireNonNullElse(traceHash, "");
        counters = Maps.copy(counters);
        opsByKind = Maps.copy(opsByKind);
        faultsByKind = Maps.copy(faultsByKind);
        workloadCounters = Maps.copy(workloadCounters);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        faults = faults == null ? List.of() : List.copyOf(faults);
        properties = properties == null ? List.of() : List.copyOf(properties);
        latency = latency == null ? List.of() : List.copyOf(latency);
        latencyOverTime = latencyOverTime == null ? List.of() : List.copyOf(latencyOverTime);
        fibers = fibers == null ? List.of() : List.copyOf(fibers);
        coverage = coverage == null ? Coverage.NONE : coverage;
        failures = failures == null ? List.of() : List.copyOf(failures);
    }

    /** @return true when every run passed */
    @JsonIgnore
    public boolean passed() {
        return outcomes.keySet().stream().allMatch("PASSED"::equals);
    }

    /** @return the runs that did not pass */
    @JsonIgnore
    public long runsFailed() {
        long n = 0;
        for (Map.Entry<String, Long> e : outcomes.entrySet()) {
            n += e.getKey().equals("PASSED") ? 0 : e.getValue();
        }
        return n;
    }

    /**
     * @param name a counter of {@link #counters}
     * @return its value, 0 when absent
     */
    public long counter(String name) {
        return counters.getOrDefault(name, 0L);
    }

    /** @return finished operations of every kind */
    @JsonIgnore
    public long ops() {
        return opsByKind.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return operations per simulated second (0 when no simulated time passed) */
    @JsonIgnore
    public double opsPerSimulatedSecond() {
        long t = counter("timeNanos");
        return t <= 0 ? 0 : ops() * 1e9 / t;
    }

    /** @return scheduler steps per wall-clock second: NONDETERMINISTIC (0 when not measured) */
    @JsonIgnore
    public double stepsPerWallSecond() {
        return wallNanos <= 0 ? 0 : counter("steps") * 1e9 / wallNanos;
    }

    /** @return simulated time per wall-clock time: NONDETERMINISTIC (0 when not measured) */
    @JsonIgnore
    public double simulatedPerWall() {
        return wallNanos <= 0 ? 0 : counter("timeNanos") / (double) wallNanos;
    }

    /** @return Jain's fairness index over the fibers' operation counts: 1 when even, 1/n when one fiber did all */
    @JsonIgnore
    public double fairness() {
        return Fairness.jain(fibers);
    }

    /**
     * @param kind an operation kind
     * @return its latency, or null
     */
    public KindLatency latencyOf(String kind) {
        for (KindLatency k : latency) {
            if (k.kind().equals(kind)) {
                return k;
            }
        }
        return null;
    }

    /**
     * @param wall wall-clock nanoseconds the run took
     * @return this report with it
     */
    public RunReport withWallNanos(long wall) {
        return new RunReport(schemaVersion, kind, title, seed, seedsRun, seeds, config, repro, strategy, outcomes,
            summary, traceHash, counters, opsByKind, faultsByKind, workloadCounters, warnings, faults, faultsNotKept,
            properties, latency, latencyOverTime, fibers, coverage, failures, wall);
    }

    /**
     * @param fs the failures (e.g. with their shrink results)
     * @return this report with them
     */
    public RunReport withFailures(List<Failure> fs) {
        return new RunReport(schemaVersion, kind, title, seed, seedsRun, seeds, config, repro, strategy, outcomes,
            summary, traceHash, counters, opsByKind, faultsByKind, workloadCounters, warnings, faults, faultsNotKept,
            properties, latency, latencyOverTime, fibers, coverage, fs, wallNanos);
    }

    /**
     * Merges two reports (of runs of one workload, or of shards of a soak): histograms add, counters add,
     * outcomes and property counts add, fault events and failures concatenate, configuration entries that
     * differ become {@link #VARIES}; latency over time is dropped (the runs' clocks are unrelated).
     *
     * @param other another report
     * @return the merge, of kind {@link #MERGED}
     */
    public RunReport plus(RunReport other) {
        List<Long> allSeeds = new ArrayList<>(seeds);
        allSeeds.addAll(other.seeds.subList(0, Math.min(other.seeds.size(), Math.max(0, MAX_SEEDS_LISTED - seeds.size()))));
        List<FaultEvent> allFaults = new ArrayList<>(faults);
        int room = Math.max(0, MAX_FAULTS_KEPT - faults.size());
        allFaults.addAll(other.faults.subList(0, Math.min(room, other.faults.size())));
        long notKept = faultsNotKept + other.faultsNotKept + Math.max(0, other.faults.size() - room);
        List<String> allWarnings = new ArrayList<>(new LinkedHashSet<>(concat(warnings, other.warnings)));
        List<Failure> allFailures = concat(failures, other.failures);
        String mergedTitle = title.equals(other.title) ? title : title + " + " + other.title;
        return new RunReport(SCHEMA_VERSION, MERGED, mergedTitle, seed, seedsRun + other.seedsRun, allSeeds,
            common(config, other.config), repro.equals(other.repro) ? repro : "",
            strategy.equals(other.strategy) ? strategy : VARIES, Maps.sum(outcomes, other.outcomes),
            mergedSummary(Maps.sum(outcomes, other.outcomes), seedsRun + other.seedsRun), "",
            Maps.sum(counters, other.counters), Maps.sum(opsByKind, other.opsByKind),
            Maps.sum(faultsByKind, other.faultsByKind), Maps.sum(workloadCounters, other.workloadCounters),
            allWarnings, allFaults, notKept, Merge.byKey(properties, other.properties, PropertyResult::name,
                PropertyResult::plus),
            Merge.byKey(latency, other.latency, KindLatency::kind, KindLatency::plus), List.of(),
            Merge.byFiber(fibers, other.fibers), coverage.plus(other.coverage), allFailures, wallNanos + other.wallNanos);
    }

    private static String mergedSummary(Map<String, Long> outcomes, long runs) {
        long failed = 0;
        for (Map.Entry<String, Long> e : outcomes.entrySet()) {
            failed += e.getKey().equals("PASSED") ? 0 : e.getValue();
        }
        return runs + " runs, " + failed + " failed " + outcomes;
    }

    private static Map<String, String> common(Map<String, String> a, Map<String, String> b) {
        Map<String, String> out = new LinkedHashMap<>(a);
        for (Map.Entry<String, String> e : b.entrySet()) {
            out.merge(e.getKey(), e.getValue(), (x, y) -> x.equals(y) ? x : VARIES);
        }
        for (String k : a.keySet()) {
            if (!b.containsKey(k)) {
                out.put(k, VARIES);
            }
        }
        return out;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
