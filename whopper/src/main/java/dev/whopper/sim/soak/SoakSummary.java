package dev.whopper.sim.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A soak's {@code summary.json}: what was soaked ({@link Spec}), what the seeds gave ({@link Result}: a
 * function of the set of seeds run alone, so a soak split into shards and merged gives the same one), and how
 * this soak ran ({@link Run}: wall-clock figures, shards, sessions).
 *
 * @param format {@value #FORMAT}
 * @param soak   what was soaked
 * @param result what the seeds gave
 * @param run    how it ran
 */
public record SoakSummary(int format, Spec soak, Result result, Run run) {
    /** The file format's version. */
    public static final int FORMAT = 1;

    public SoakSummary {
        if (format != FORMAT) {
            throw new IllegalArgumentException("format: " + format + " (expected: " + FORMAT + ")");
        }
        Objects.requireNonNull(soak, "soak");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(run, "run");
    }

    /**
     * @param runOptions the run options of every seed, without {@code --seed} ({@code RunConfig.toArgs()})
     * @param firstSeed  the seed of index 0
     * @param seeds      seed indices of the whole soak (all shards), 0: until the duration is up
     */
    public record Spec(List<String> runOptions, long firstSeed, long seeds) {
        public Spec {
            runOptions = List.copyOf(runOptions);
        }
    }

    /**
     * @param seeds          seeds run
     * @param byKind         seeds per outcome kind
     * @param failures       seeds that failed
     * @param groups         failures by signature, most frequent first (ties by signature)
     * @param steps          steps over all seeds
     * @param simulatedNanos simulated time over all seeds
     * @param ops            finished operations over all seeds
     * @param digest         an order-independent digest of every (seed, trace hash), 16 hex digits: equal
     *                       digests mean (with overwhelming likelihood) the same seeds gave the same runs
     * @param simulated      per-seed simulated time percentiles, nanoseconds
     * @param simulatedHistogram the histogram of per-seed simulated time ({@link Histograms#encode})
     * @param coverage       coverage summed over the seeds
     */
    public record Result(long seeds, Map<String, Long> byKind, long failures, List<FailureGroup> groups, long steps,
                         long simulatedNanos, long ops, String digest, Percentiles simulated, String simulatedHistogram,
                         CoverageSummary.Result coverage) {
        public Result {
            byKind = new TreeMap<>(byKind);
            groups = List.copyOf(groups);
        }
    }

    /**
     * @param count seeds
     * @param p50   median
     * @param p90   90th percentile
     * @param p99   99th percentile
     * @param max   largest
     */
    public record Percentiles(long count, long p50, long p90, long p99, long max) {
        static Percentiles of(org.HdrHistogram.Histogram h) {
            return new Percentiles(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                h.getValueAtPercentile(99), h.getMaxValue());
        }
    }

    /**
     * @param whopper        the build that ran it ({@code 0.1.0 (commit abc123)})
     * @param shards         the shards it holds, e.g. {@code [0/1]} or, merged, {@code [0/4, 1/4, 2/4, 3/4]}
     * @param jobs           worker threads (merged: the largest)
     * @param sessions       sessions that recorded seeds (1, plus one per resume that ran a seed)
     * @param elapsedMillis  wall-clock time over all sessions (merged: the longest shard)
     * @param seedsPerSecond seeds per wall second over all sessions (merged: the sum over shards)
     * @param interrupted    true when a session was stopped early (Ctrl-C, a duration cut in the middle)
     * @param complete       true when every planned seed ran (always false for a soak bounded by duration only)
     * @param wall           per-seed wall-clock time percentiles, nanoseconds
     * @param wallHistogram  the histogram of per-seed wall-clock time
     * @param sources        the soak directories merged into this one (empty for a soak's own summary)
     */
    public record Run(String whopper, List<String> shards, int jobs, int sessions, long elapsedMillis, double seedsPerSecond,
                      boolean interrupted, boolean complete, Percentiles wall, String wallHistogram, List<String> sources) {
        public Run {
            shards = List.copyOf(shards);
            sources = List.copyOf(sources);
        }
    }

    /** @return true when no seed failed */
    public boolean passed() {
        return result.failures() == 0;
    }

    /**
     * Merges the summaries of disjoint soaks of one {@link Spec} (the shards of one soak, or soaks whose seed
     * sets do not overlap) into one.
     *
     * @param parts   the summaries, at least one
     * @param sources where each came from, in the same order
     * @return the merged summary
     * @throws IllegalArgumentException when they soaked different things or hold the same shard twice
     */
    public static SoakSummary merge(List<SoakSummary> parts, List<String> sources) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("--merge: no summaries (expected: at least one soak directory)");
        }
        Spec spec = parts.get(0).soak;
        SummaryAccumulator acc = new SummaryAccumulator();
        List<String> shards = new ArrayList<>();
        int jobs = 0;
        int sessions = 0;
        long elapsed = 0;
        double rate = 0;
        boolean interrupted = false;
        org.HdrHistogram.Histogram wall = Histograms.create();
        for (int i = 0; i < parts.size(); i++) {
            SoakSummary p = parts.get(i);
            if (!p.soak.equals(spec)) {
                throw new IllegalArgumentException("--merge: " + sources.get(i) + " soaked " + describe(p.soak)
                    + " (expected: the same as " + sources.get(0) + ": " + describe(spec) + ")");
            }
            for (String s : p.run.shards) {
                if (shards.contains(s)) {
                    throw new IllegalArgumentException("--merge: shard " + s + " appears twice (in " + sources.get(i)
                        + "; expected: each shard once)");
                }
                shards.add(s);
            }
            acc.merge(p.result);
            jobs = Math.max(jobs, p.run.jobs);
            sessions += p.run.sessions;
            elapsed = Math.max(elapsed, p.run.elapsedMillis);
            rate += p.run.seedsPerSecond;
            interrupted |= p.run.interrupted;
            wall.add(Histograms.decode(p.run.wallHistogram));
        }
        shards.sort(null);
        boolean complete = spec.seeds > 0 && acc.seeds() == spec.seeds;
        Run run = new Run(parts.get(0).run.whopper, shards, jobs, sessions, elapsed, rate, interrupted, complete,
            Percentiles.of(wall), Histograms.encode(wall), sources);
        return new SoakSummary(FORMAT, spec, acc.result(spec.firstSeed), run);
    }

    private static String describe(Spec s) {
        return "seeds " + s.firstSeed + ".." + (s.seeds > 0 ? Long.toString(s.firstSeed + s.seeds - 1) : "") + " of '"
            + String.join(" ", s.runOptions) + "'";
    }
}
