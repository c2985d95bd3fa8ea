package dev.whopper.bench.mutants;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import dev.whopper.sim.config.RunConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The mutant scoreboard: proves the simulator's oracles by running every engine mutant ({@link Mutant}, the
 * patches under {@code mutants/}) for a seed budget under each strategy, one JVM per mutant
 * ({@link MutantRunner} with the mutant's classes first on the class path), and the unmutated engine over
 * the same budget, which must not fail once. Prints, per mutant and strategy: found or not, seeds to the
 * first detection, the failure that caught it (outcome kind and property), wall time; then a summary matrix.
 *
 * <p>Run from the repository root after {@code mvn -B package -DskipTests}:
 * {@code java -cp bench/target/benchmarks.jar dev.whopper.bench.mutants.MutantScoreboard} (on a JDK: the
 * mutants are compiled in-process). Exit 0 when the unmutated engine passed every seed and every mutant
 * was found by at least one strategy, 1 otherwise, 2 on bad arguments.
 */
@Command(name = "mutant-scoreboard", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Runs every engine mutant for a seed budget under each strategy and shows which oracle caught it.")
public final class MutantScoreboard implements Callable<Integer> {
    /**
     * The strategies of a scoreboard by default: first {@code drawn} (no {@code --strategy}: each campaign seed draws
     * its own, as {@code whopper soak} runs by default), then each strategy alone.
     */
    public static final String DEFAULT_STRATEGIES = "drawn,random,round-robin,pct:3,pos,swarm";
    /**
     * The arm of a scoreboard by default: the campaign, the configuration {@code whopper soak} runs by default (each seed
     * draws its workload, faults and crashes).
     */
    public static final String DEFAULT_ARM = "--mode campaign";

    @Spec
    CommandSpec spec;

    @Option(names = "--root", defaultValue = ".", paramLabel = "DIR",
        description = "The repository root, holding mutants/ and core/src/main/java (default: the current directory).")
    Path root;

    @Option(names = "--seeds", defaultValue = "1000", paramLabel = "N",
        description = "Seed budget per mutant and strategy (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--first-seed", defaultValue = "1", paramLabel = "S", description = "The first seed (default: ${DEFAULT-VALUE}).")
    long firstSeed;

    @Option(names = "--strategies", defaultValue = DEFAULT_STRATEGIES, paramLabel = "S[,S...]",
        description = "Strategies, one row each; 'drawn' passes none, so a campaign seed draws its own (default: "
            + "${DEFAULT-VALUE}).")
    String strategies;

    @Option(names = "--mutants", paramLabel = "NAME[,NAME...]", split = ",",
        description = "Only these mutants (default: every patch under mutants/).")
    List<String> only;

    @Option(names = "--arm", paramLabel = "ARGS",
        description = "A run configuration as 'whopper run' options (repeatable; seed i runs arm i mod arms; "
            + "default: one arm, '" + DEFAULT_ARM + "', the default campaign of 'whopper soak').")
    List<String> arms;

    @Option(names = "--no-baseline", description = "Skip the unmutated engine's run over the budget.")
    boolean noBaseline;

    /** The failure keys the unmutated engine ended in over the budget: a mutant detection of one of these is suspect. */
    private final java.util.Set<String> baselineKeys = new java.util.TreeSet<>();

    @Option(names = "--timeout-minutes", defaultValue = "60", paramLabel = "M",
        description = "Longest a mutant's JVM may run (default: ${DEFAULT-VALUE}).")
    int timeoutMinutes;

    /**
     * One mutant's (or the baseline's) results, per strategy in order.
     *
     * @param failedSeeds the baseline's failing runs, {@code strategy@seed} (empty for a mutant)
     * @param unconfirmed the strategies whose first detection the unmutated engine fails too (run in this JVM)
     */
    record Row(String mutant, String bugClass, List<MutantRunner.Result> results, String error, List<String> failedSeeds,
               List<String> unconfirmed) {
        Row(String mutant, String bugClass, String error) {
            this(mutant, bugClass, List.of(), error, List.of(), List.of());
        }
    }

    /** @param args see the options */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** @return the command line, with bad arguments reported in one line */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new MutantScoreboard());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("mutant-scoreboard: " + ex.getMessage());
            return 2;
        });
        return cl;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (seeds <= 0) {
            throw new ParameterException(spec.commandLine(), "seeds: " + seeds + " (expected: > 0)");
        }
        Path top = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(top.resolve(Mutant.DIRECTORY)) || !Files.isDirectory(top.resolve("core/src/main/java"))) {
            throw new ParameterException(spec.commandLine(), "root: " + top + " (expected: a checkout with mutants/ and core/src/main/java)");
        }
        if (arms == null || arms.isEmpty()) {
            arms = List.of(DEFAULT_ARM);
        }
        List<Mutant> mutants = selected(Mutant.all(top));
        PrintWriter out = spec.commandLine().getOut();
        List<Path> classPath = MutantBuild.currentClassPath();
        Path work = top.resolve("bench/target/mutants");
        List<String> strategyList = List.of(strategies.split(","));
        out.printf(Locale.ROOT, "mutant scoreboard: %d mutant(s), %d seed(s) from %d, strategies %s, arms %s%n",
            mutants.size(), seeds, firstSeed, strategies, arms);
        out.flush();
        List<Row> rows = new ArrayList<>();
        Row baseline = null;
        if (!noBaseline) {
            baseline = runChild("(unmutated)", "-", null, List.of(), classPath, work, strategyList, List.of());
            printRow(out, baseline);
        }
        for (Mutant m : mutants) {
            Row row;
            try {
                MutantBuild.Built b = MutantBuild.build(top, m, work, classPath);
                row = runChild(m.name(), m.bugClass(), b.classes(), b.classNames(), classPath, work, strategyList,
                    baseline == null ? List.of() : baseline.failedSeeds());
            } catch (IllegalStateException e) {
                row = new Row(m.name(), m.bugClass(), e.getMessage());
            }
            rows.add(row);
            printRow(out, row);
            for (MutantRunner.Result r : row.results()) {
                if (r.firstSeed() >= 0 && !row.unconfirmed().contains(r.strategy())) {
                    out.println("  # pinned: " + String.join(" ", pinnedArgs(r)) + " => " + r.failureKey());
                    break;
                }
            }
        }
        printSummary(out, baseline, rows, strategyList);
        boolean baselineClean = baseline == null || baseline.error() == null
            && baseline.results().stream().allMatch(r -> r.failures() == 0);
        boolean allFound = rows.stream().allMatch(r -> r.results().stream()
            .anyMatch(x -> x.firstSeed() >= 0 && !r.unconfirmed().contains(x.strategy())));
        if (baseline != null && !baseline.failedSeeds().isEmpty()) {
            out.println("the unmutated engine failed (these seeds were skipped for the mutants): "
                + String.join(", ", baseline.failedSeeds()));
        }
        out.printf(Locale.ROOT, "verdict: unmutated engine %s; %d of %d mutant(s) found by the first strategy (%s), %d by any%n",
            baseline == null ? "not run" : baselineClean ? "passed every seed" : "FAILED",
            rows.stream().filter(r -> !r.results().isEmpty() && r.results().get(0).firstSeed() >= 0).count(), rows.size(),
            strategyList.get(0), rows.stream().filter(r -> r.results().stream().anyMatch(x -> x.firstSeed() >= 0)).count());
        out.flush();
        return baselineClean && allFound ? 0 : 1;
    }

    private List<Mutant> selected(List<Mutant> all) {
        if (only == null || only.isEmpty()) {
            return all;
        }
        Map<String, Mutant> byName = new LinkedHashMap<>();
        for (Mutant m : all) {
            byName.put(m.name(), m);
        }
        List<Mutant> out = new ArrayList<>();
        for (String n : only) {
            Mutant m = byName.get(n.strip());
            if (m == null) {
                throw new ParameterException(spec.commandLine(), "mutants: " + n + " (expected: one of "
                    + String.join(", ", byName.keySet()) + ")");
            }
            out.add(m);
        }
        return out;
    }

    private Row runChild(String name, String bugClass, Path classes, List<String> classNames, List<Path> classPath,
                         Path work, List<String> strategyList, List<String> skip) throws IOException, InterruptedException {
        boolean all = classes == null;
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xss4m", "-cp", classPathWith(classes, classPath),
            MutantRunner.class.getName(), "--strategies", String.join(",", strategyList), "--seeds", Integer.toString(seeds),
            "--first-seed", Long.toString(firstSeed)));
        if (arms != null) {
            for (String a : arms) {
                cmd.addAll(List.of("--arm", a));
            }
        }
        if (all) {
            cmd.add("--all");
        }
        if (classes != null) {
            cmd.addAll(List.of("--classes", classes.toString(), String.join(",", classNames)));
            cmd.addAll(List.of("--skip", String.join(",", skip)));
        }
        Files.createDirectories(work);
        Path log = work.resolve((classes == null ? "unmutated" : name) + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return new Row(name, bugClass, "timed out after " + timeoutMinutes + " min (log: " + log + ")");
        }
        List<MutantRunner.Result> results = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith("RESULT\t")) {
                results.add(MutantRunner.Result.parse(line));
            } else if (line.startsWith("FAIL\t")) {
                String[] f = line.split("\t");
                failed.add(f[1] + "@" + f[2]);
                baselineKeys.add(f[3]);
            }
        }
        String error = p.exitValue() == 0 && results.size() == strategyList.size() ? null
            : "runner exit " + p.exitValue() + " (log: " + log + ")";
        List<String> unconfirmed = new ArrayList<>();
        if (classes != null) {
            for (MutantRunner.Result r : results) {
                if (r.firstSeed() >= 0 && unmutatedFails(r, skip)) {
                    unconfirmed.add(r.strategy());
                }
            }
        }
        return new Row(name, bugClass, results, error, failed, unconfirmed);
    }

    /** @return true when the unmutated engine (this JVM's) fails the run a mutant's detection names too */
    private boolean unmutatedFails(MutantRunner.Result r, List<String> skip) {
        if (skip.contains(r.strategy() + "@" + r.firstSeed())) {
            return true;
        }
        List<String> args = pinnedArgs(r);
        dev.whopper.sim.RunResult clean = RunConfig.parse(args.toArray(new String[0])).simulation().run();
        return clean.failed() && !MutantRunner.inconclusive(clean);
    }

    /** @return the {@code whopper run} options of a result's first detection: its arm, strategy and seed */
    private List<String> pinnedArgs(MutantRunner.Result r) {
        List<String> args = new ArrayList<>(List.of("--seed", Long.toString(r.firstSeed())));
        if (arms != null && !arms.isEmpty()) {
            for (String a : arms.get((int) ((r.firstSeed() - firstSeed) % arms.size())).strip().split("\\s+")) {
                if (!a.isEmpty()) {
                    args.add(a);
                }
            }
        }
        if (!r.strategy().equals(MutantRunner.DRAWN)) {
            args.addAll(List.of("--strategy", r.strategy()));
        }
        return args;
    }

    /** @return the java launcher of this JVM */
    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** @return the class path with the mutant's classes (when any) first */
    static String classPathWith(Path classes, List<Path> classPath) {
        List<Path> cp = new ArrayList<>();
        if (classes != null) {
            cp.add(classes);
        }
        cp.addAll(classPath);
        return MutantBuild.join(cp);
    }

    private static void printRow(PrintWriter out, Row row) {
        if (row.error() != null) {
            out.printf(Locale.ROOT, "%-34s ERROR: %s%n", row.mutant(), row.error());
        }
        for (MutantRunner.Result r : row.results()) {
            String found = r.firstSeed() < 0 ? "not found" : "found";
            if (row.mutant().equals("(unmutated)")) {
                found = r.failures() == 0 ? "passed " + (r.seedsRun() - r.inconclusive()) : "FAILED " + r.failures() + " of " + r.seedsRun();
            }
            out.printf(Locale.ROOT, "%-34s %-12s %-14s %-8s %-44s %8.1f s%s%n", row.mutant(), r.strategy(), found,
                r.toFirst() < 0 ? "-" : Integer.toString(r.toFirst()), r.failureKey(), r.wallMillis() / 1000.0,
                (r.inconclusive() == 0 ? "" : "  (" + r.inconclusive() + " inconclusive: ended before a planned crash)")
                + (r.firstSeed() < 0 ? "" : "  [seed " + r.firstSeed() + "]")
                    + (row.unconfirmed().contains(r.strategy()) ? " UNCONFIRMED: the unmutated engine fails it too" : ""));
        }
        out.flush();
    }

    private void printSummary(PrintWriter out, Row baseline, List<Row> rows, List<String> strategyList) {
        out.println();
        StringBuilder head = new StringBuilder("| mutant | bug class |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (String s : strategyList) {
            head.append(' ').append(s).append(" |");
            rule.append("---:|");
        }
        head.append(" caught by (first strategy that found it) | wall s |");
        rule.append("---|---:|");
        out.println(head);
        out.println(rule);
        if (baseline != null) {
            out.println(summaryLine(baseline, true));
        }
        for (Row r : rows) {
            out.println(summaryLine(r, false));
        }
        out.println();
        if (!baselineKeys.isEmpty()) {
            out.println("(*: the unmutated engine fails this way too on other seeds: " + String.join(", ", baselineKeys)
                + "; such a detection may only show that the mutant moved the schedule)");
        }
        out.println("(cells: seeds to the first detection, '-' not found within the budget; unmutated: failures in the budget."
            + " A run that ended before a planned crash is inconclusive: neither a pass nor a detection)");
        out.flush();
    }

    private String summaryLine(Row row, boolean baseline) {
        StringBuilder sb = new StringBuilder("| ").append(row.mutant()).append(" | ").append(row.bugClass()).append(" |");
        String caught = row.error() != null ? "ERROR: " + row.error() : "not found";
        long wall = 0;
        for (MutantRunner.Result r : row.results()) {
            wall += r.wallMillis();
            if (baseline) {
                sb.append(' ').append(r.failures()).append(" of ").append(r.seedsRun())
                    .append(r.inconclusive() == 0 ? "" : " (" + r.inconclusive() + " inconclusive)").append(" |");
            } else {
                sb.append(' ').append(r.toFirst() < 0 ? "-" : Integer.toString(r.toFirst())).append(" |");
                if (r.firstSeed() >= 0 && caught.equals("not found")) {
                    caught = r.failureKey() + " (" + r.strategy() + ", seed " + r.firstSeed() + ")"
                        + (row.unconfirmed().contains(r.strategy()) ? " UNCONFIRMED" : "")
                        + (baselineKeys.contains(r.failureKey()) ? " *" : "");
                }
            }
        }
        if (baseline) {
            caught = row.results().stream().allMatch(r -> r.failures() == 0) && row.error() == null ? "passed every seed" : caught;
        }
        sb.append(' ').append(caught).append(" | ").append(String.format(Locale.ROOT, "%.1f", wall / 1000.0)).append(" |");
        return sb.toString();
    }
}
