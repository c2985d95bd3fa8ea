package dev.whopper.bench;

import dev.whopper.sim.config.RunConfig;
import dev.whopper.sim.soak.AtomicFiles;
import dev.whopper.sim.soak.Progress;
import dev.whopper.sim.soak.SeedPlan;
import dev.whopper.sim.soak.Shard;
import dev.whopper.sim.soak.SoakOptions;
import dev.whopper.sim.soak.SoakRunner;
import dev.whopper.sim.soak.SoakSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Soak throughput and scaling, measured as a soak runs (ledger, failure directories and summary included):
 * seeds per second of the default bank run with {@code --jobs 1} and {@code --jobs 2} over the same seed list,
 * alternating, after a warm-up soak, and their ratio per round. Also checks both give the same digest.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.whopper.bench.SoakScaling [seeds per round] [rounds] [run options...]</pre>
 */
public final class SoakScaling {
    private SoakScaling() { }

    /**
     * @param args seeds per round (default 2000), rounds (default 3), then run options (default: the default bank run)
     * @throws Exception when a soak fails to write
     */
    public static void main(String[] args) throws Exception {
        long seeds = args.length > 0 ? Long.parseLong(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<String> options = new ArrayList<>(args.length > 2 ? List.of(args).subList(2, args.length) : List.of());
        options.addAll(List.of("--seed", "1000000"));
        RunConfig run = RunConfig.parse(options.toArray(new String[0]));
        System.out.println("soak scaling: " + run.commandLine() + ", " + seeds + " seeds per soak, "
            + Runtime.getRuntime().availableProcessors() + " cores");
        RunConfig warm = RunConfig.parse(replaceSeed(options, "5000000").toArray(new String[0]));
        System.out.printf(Locale.ROOT, "warm-up (jobs 2): %.1f seeds/s%n", rate(soak(warm, seeds, 2)));
        for (int r = 0; r < rounds; r++) {
            SoakSummary one = soak(run, seeds, 1);
            SoakSummary two = soak(run, seeds, 2);
            if (!one.result().digest().equals(two.result().digest())) {
                throw new AssertionError("jobs 1 and jobs 2 gave different runs: " + one.result().digest() + " vs "
                    + two.result().digest());
            }
            System.out.printf(Locale.ROOT, "round %d: jobs 1 %.1f seeds/s, jobs 2 %.1f seeds/s, ratio %.2f (digest %s)%n", r + 1,
                rate(one), rate(two), rate(two) / rate(one), one.result().digest());
        }
    }

    private static List<String> replaceSeed(List<String> options, String seed) {
        List<String> o = new ArrayList<>(options);
        o.set(o.size() - 1, seed);
        return o;
    }

    private static double rate(SoakSummary s) {
        return s.result().seeds() / (s.run().elapsedMillis() / 1000.0);
    }

    private static SoakSummary soak(RunConfig run, long seeds, int jobs) throws Exception {
        Path dir = Files.createTempDirectory("whopper-soak-bench-");
        try {
            SoakOptions o = new SoakOptions(run, new SeedPlan(run.seed(), seeds, Shard.WHOLE), jobs, 0, false, false, 1, dir);
            return new SoakRunner(o, Progress.Listener.NONE).start();
        } finally {
            AtomicFiles.deleteTree(dir);
        }
    }
}
