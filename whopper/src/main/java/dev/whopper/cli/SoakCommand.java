package dev.whopper.cli;

import dev.whopper.sim.config.RunConfig;
import dev.whopper.sim.soak.FailureGroup;
import dev.whopper.sim.soak.Json;
import dev.whopper.sim.soak.SeedPlan;
import dev.whopper.sim.soak.Shard;
import dev.whopper.sim.soak.SoakFile;
import dev.whopper.sim.soak.SoakOptions;
import dev.whopper.sim.soak.SoakRunner;
import dev.whopper.sim.soak.SoakSummary;
import dev.whopper.sim.soak.SummaryFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code whopper soak}: many seeds of one configuration on worker threads, with a resumable ledger, failures
 * grouped by signature, and a mergeable summary. Exit codes: 0 every seed passed, 1 a seed failed, 2 bad
 * arguments, 3 internal error (a seed ended in INTERNAL_ERROR, or the soak itself failed).
 */
@Command(name = "soak", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run many seeds of one configuration in parallel; keep every failure with its repro; write a "
        + "mergeable summary. Seed index g runs seed (--seed + g): here --seed is the first seed (default: SEED, else 0, "
        + "so the shards of one soak agree).", ""},
    footer = {"", "Examples:",
        "  whopper soak --seeds 10000 --out soak-1                 # seeds 0..9999 of the default bank run",
        "  whopper soak --duration 10m --workload bank --faults chaos --crashes 1 --out soak-2",
        "  whopper soak --seeds 500 --workload lost-update --fail-fast --shrink --out soak-3",
        "  whopper soak --resume soak-2                            # continue a killed or stopped soak",
        "  whopper soak --seeds 100000 --shard 3/8 --out shard-3   # the 4th of 8 machines; merge with report --merge"})
public final class SoakCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunConfig.Options run = soakOptions();

    /** @return the run options of a soak: without --mode and --workload, the campaign ({@link RunConfig#SOAK_DEFAULT_MODE}) */
    private static RunConfig.Options soakOptions() {
        RunConfig.Options o = new RunConfig.Options();
        o.modeWithoutOptions = RunConfig.SOAK_DEFAULT_MODE;
        return o;
    }

    @Option(names = "--seeds", paramLabel = "N", description = "Seed indices in the whole soak (all shards).")
    Long seeds;

    @Option(names = "--duration", paramLabel = "TIME", description = "Stop starting seeds after this wall-clock time, e.g. 90s, 10m, 2h.")
    String duration;

    @Option(names = "--jobs", paramLabel = "N", description = "Worker threads (default: the number of cores).")
    Integer jobs;

    @Option(names = "--shard", paramLabel = "i/N", description = "Run only shard i of N (0 <= i < N) of the seed space.")
    String shard;

    @Option(names = "--out", paramLabel = "DIR", description = "The soak directory, new or empty (default: whopper-soak-<time>).")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the soak in DIR (its options come from DIR/soak.json).")
    Path resume;

    @Option(names = "--fail-fast", description = "Stop at the first failure.")
    boolean failFast;

    @Option(names = "--shrink", description = "Shrink every failure (its minimal repro goes to its directory's shrunk/).")
    boolean shrink;

    @Option(names = "--shrink-runs", defaultValue = "200", description = "Run budget of each shrink (default: ${DEFAULT-VALUE}).")
    int shrinkRuns;

    @Override
    public Integer call() {
        SoakOptions options = resume == null ? newSoak() : resumed();
        PrintWriter pw = spec.commandLine().getOut();
        ConsoleProgress progress = new ConsoleProgress(pw, System.console() != null);
        SoakRunner runner = new SoakRunner(options, progress);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            runner.requestStop(); // Ctrl-C: no new seeds; the summary is written for the seeds done
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "whopper-soak-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            pw.println("soak: " + options.dir() + (resume == null ? "" : " (resumed)") + ", " + options.jobs() + " jobs, run options: "
                + String.join(" ", options.runOptions()));
            pw.flush();
            SoakSummary summary = resume == null ? runner.start() : runner.resume();
            progress.endBar();
            print(pw, options.dir(), summary);
            return exitCode(summary);
        } catch (IOException e) {
            spec.commandLine().getErr().println("whopper: soak: cannot write " + options.dir() + ": " + e.getMessage());
            return 3;
        } finally {
            finished.countDown(); // after the summary is written and printed: a stopping JVM waits for this
            removeHook(hook);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down (Ctrl-C): the hook is running and is let finish
        }
    }

    /**
     * @param s a summary
     * @return 3 when a seed ended in an internal error, else 1 when one failed, else 0
     */
    static int exitCode(SoakSummary s) {
        if (s.result().byKind().getOrDefault("INTERNAL_ERROR", 0L) > 0) {
            return 3;
        }
        return s.passed() ? 0 : 1;
    }

    static void print(PrintWriter pw, Path dir, SoakSummary s) {
        SoakSummary.Result r = s.result();
        pw.printf(java.util.Locale.ROOT, "soak: %s: %,d seeds, %,d failures in %d signature%s, %.1f seeds/s%s%n",
            s.passed() ? "PASSED" : "FAILED", r.seeds(), r.failures(), r.groups().size(), r.groups().size() == 1 ? "" : "s",
            s.run().seedsPerSecond(), s.run().interrupted() ? " (interrupted: whopper soak --resume " + dir + " continues it)" : "");
        pw.println("outcomes: " + r.byKind());
        for (FailureGroup g : r.groups()) {
            pw.println("  " + g.count() + " x " + g.signature() + " (first seed " + g.firstSeed() + "; smallest: seed "
                + g.smallestSeed() + ", " + g.smallestSteps() + " steps)");
            pw.println("    repro: " + g.smallestCommand());
        }
        pw.println("coverage: " + r.coverage().items() + " items, the last new one at seed " + r.coverage().lastNewSeed());
        pw.println("digest: " + r.digest());
        pw.println("summary: " + dir.resolve(SummaryFiles.JSON) + ", " + dir.resolve(SummaryFiles.HTML));
        pw.flush();
    }

    private SoakOptions newSoak() {
        try {
            Long first = run.seed();
            RunConfig config = run.toConfig(first == null ? 0 : first);
            if (seeds != null && seeds <= 0) {
                throw new IllegalArgumentException("--seeds: " + seeds + " (expected: > 0)");
            }
            long durationMillis = duration == null ? 0 : Durations.parseMillis("--duration", duration);
            Shard sh = shard == null ? Shard.WHOLE : Shard.parse(shard);
            SeedPlan plan = new SeedPlan(config.seed(), seeds == null ? 0 : seeds, sh);
            Path dir = out != null ? out : Path.of("whopper-soak-" + java.time.LocalDateTime.now().withNano(0).toString()
                .replace(':', '-'));
            SoakOptions o = new SoakOptions(config, plan, jobs(), durationMillis, failFast, shrink, shrinkRuns, dir);
            OutputDirs.requireNewOrEmpty("--out", dir);
            return o;
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    private int jobs() {
        int j = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (j <= 0) {
            throw new IllegalArgumentException("--jobs: " + j + " (expected: > 0)");
        }
        return j;
    }

    private SoakOptions resumed() {
        List<String> given = spec.commandLine().getParseResult().matchedOptions().stream()
            .map(o -> o.longestName()).filter(n -> !List.of("--resume", "--jobs", "--duration").contains(n)).toList();
        if (!given.isEmpty()) {
            throw bad("--resume: takes the soak's options from " + SoakFile.in(resume) + " (expected: only --jobs or --duration "
                + "with it; drop " + String.join(", ", given) + ")");
        }
        if (!Files.isRegularFile(SoakFile.in(resume))) {
            throw bad("--resume: " + resume + " is not a soak directory (expected: a directory with " + SoakFile.NAME
                + ", as whopper soak --out writes)");
        }
        Integer j;
        Long d;
        try {
            j = jobs == null ? null : jobs();
            d = duration == null ? null : Durations.parseMillis("--duration", duration);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        try {
            SoakFile f = Json.read(SoakFile.in(resume), SoakFile.class);
            SoakOptions o = f.options(resume, j, d);
            OutputDirs.requireWritable("--resume", resume);
            return o;
        } catch (Json.MalformedFileException | IllegalArgumentException e) {
            throw bad("--resume: " + e.getMessage());
        }
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
