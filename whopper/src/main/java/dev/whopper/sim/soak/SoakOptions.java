package dev.whopper.sim.soak;

import dev.whopper.sim.config.RunConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a soak runs and how.
 *
 * @param run            every seed's configuration (its seed is replaced by each seed's own)
 * @param plan           which seeds
 * @param jobs           worker threads, &gt; 0
 * @param durationMillis stop taking new seeds after this much wall-clock time over all sessions, &gt; 0; 0: no limit
 * @param failFast       stop at the first failure
 * @param shrink         shrink every failure
 * @param shrinkRuns     the run budget of each shrink, &gt; 0
 * @param dir            the soak directory
 */
public record SoakOptions(RunConfig run, SeedPlan plan, int jobs, long durationMillis, boolean failFast, boolean shrink,
                          int shrinkRuns, Path dir) {
    public SoakOptions {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(dir, "dir");
        if (jobs <= 0) {
            throw new IllegalArgumentException("--jobs: " + jobs + " (expected: > 0)");
        }
        if (durationMillis < 0) {
            throw new IllegalArgumentException("--duration: " + durationMillis + " ms (expected: > 0)");
        }
        if (!plan.bounded() && durationMillis == 0) {
            throw new IllegalArgumentException("soak: neither --seeds nor --duration (expected: at least one, e.g. --seeds 1000 "
                + "or --duration 10m)");
        }
        if (shrinkRuns <= 0) {
            throw new IllegalArgumentException("--shrink-runs: " + shrinkRuns + " (expected: > 0)");
        }
    }

    /** @return the run options of every seed, without {@code --seed}, as {@code soak.json} and the summary keep them */
    public java.util.List<String> runOptions() {
        return SoakFile.withoutSeed(run.toArgs());
    }
}
