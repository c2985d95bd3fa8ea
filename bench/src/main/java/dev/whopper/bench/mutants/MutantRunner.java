package dev.whopper.bench.mutants;

import dev.whopper.sim.Outcome;
import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;
import dev.whopper.sim.config.RunConfig;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The child JVM of a mutant's scoreboard row (or of a pinned-seed check): runs seeds of the configured runs
 * under each strategy, in this JVM, with whatever engine its class path gives it (a mutant's classes first, or
 * the unmutated build), and prints one machine-readable line per strategy:
 *
 * <pre>RESULT &lt;strategy&gt; &lt;seeds run&gt; &lt;failures&gt; &lt;inconclusive&gt; &lt;first failing seed or -1&gt; &lt;seeds to it or -1&gt;
 *        &lt;failure key or -&gt; &lt;wall ms&gt; &lt;what the first failure said&gt;</pre>
 *
 * (tab-separated). Options: {@code --strategies a,b} (default: random; {@code drawn}: no {@code --strategy}, so a
 * campaign seed draws its own), {@code --seeds N} (default 1000),
 * {@code --first-seed S} (default 1), {@code --arm "ARGS"} (repeatable: the options of {@code whopper run};
 * seed {@code S + i} runs arm {@code i mod arms}; default: one arm of the defaults), {@code --all} (count every
 * failure instead of stopping at the first, and print a {@code FAIL <strategy> <seed> <failure key>} line for
 * each), {@code --skip STRATEGY@SEED,...} (seeds not to run under a strategy: those the unmutated engine fails
 * too, so they cannot show a mutant), {@code --classes DIR NAME,...} (first check that these classes
 * load from DIR, so a mutant that is not on the class path cannot pass for one that is not found). Exit 0 when
 * it ran, 2 on bad arguments or a misplaced class.
 */
public final class MutantRunner {
    private MutantRunner() { }

    /** The parsed options. */
    record Options(List<String> strategies, int seeds, long firstSeed, List<List<String>> arms, boolean all,
                   String classesDir, List<String> classNames, java.util.Set<String> skip) {
    }

    /** @param args see the class comment */
    public static void main(String[] args) {
        Options o;
        try {
            o = parse(args);
            checkClasses(o);
        } catch (IllegalArgumentException e) {
            System.err.println("mutant-runner: " + e.getMessage());
            System.exit(2);
            return;
        }
        PrintStream out = System.out;
        for (String strategy : o.strategies()) {
            out.println(scan(o, strategy).line());
            out.flush();
        }
        System.exit(0);
    }

    static Options parse(String[] args) {
        List<String> strategies = List.of("random");
        int seeds = 1000;
        long first = 1;
        List<List<String>> arms = new ArrayList<>();
        boolean all = false;
        String dir = null;
        List<String> names = List.of();
        java.util.Set<String> skip = new java.util.HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--strategies" -> strategies = List.of(value(args, ++i, a).split(","));
                case "--seeds" -> seeds = Integer.parseInt(value(args, ++i, a));
                case "--first-seed" -> first = Long.parseLong(value(args, ++i, a));
                case "--arm" -> {
                    String v = value(args, ++i, a).strip();
                    arms.add(v.isEmpty() ? List.of() : List.of(v.split("\\s+")));
                }
                case "--all" -> all = true;
                case "--skip" -> {
                    String v = value(args, ++i, a);
                    if (!v.isEmpty()) {
                        skip.addAll(List.of(v.split(",")));
                    }
                }
                case "--classes" -> {
                    dir = value(args, ++i, a);
                    names = List.of(value(args, ++i, a).split(","));
                }
                default -> throw new IllegalArgumentException("unknown option: " + a);
            }
        }
        if (seeds <= 0) {
            throw new IllegalArgumentException("seeds: " + seeds + " (expected: > 0)");
        }
        if (arms.isEmpty()) {
            arms.add(List.of(MutantScoreboard.DEFAULT_ARM.split(" ")));
        }
        return new Options(strategies, seeds, first, arms, all, dir, names, skip);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + ": missing value");
        }
        return args[i];
    }

    private static void checkClasses(Options o) {
        if (o.classesDir() == null) {
            return;
        }
        Path dir = Path.of(o.classesDir()).toAbsolutePath().normalize();
        for (String name : o.classNames()) {
            try {
                CodeSource cs = Class.forName(name, false, MutantRunner.class.getClassLoader()).getProtectionDomain().getCodeSource();
                Path from = cs == null ? null : Path.of(cs.getLocation().toURI()).toAbsolutePath().normalize();
                if (!dir.equals(from)) {
                    throw new IllegalArgumentException("class " + name + " loads from " + from + " (expected: " + dir + ")");
                }
            } catch (ClassNotFoundException | URISyntaxException e) {
                throw new IllegalArgumentException("class " + name + ": " + e);
            }
        }
    }

    /**
     * What one strategy's seeds gave.
     *
     * @param strategy   the strategy
     * @param seedsRun   seeds run
     * @param failures   runs that did not pass (inconclusive ones not counted)
     * @param inconclusive runs that ended before a planned crash ({@link #inconclusive}), neither pass nor detection
     * @param firstSeed  the first failing seed, or -1
     * @param toFirst    seeds run up to and including it, or -1
     * @param failureKey its {@link Outcome#failureKey()}, or "-"
     * @param wallMillis wall time of the strategy's seeds
     * @param detail     the first line of the first failure's description, or "-"
     */
    record Result(String strategy, int seedsRun, int failures, int inconclusive, long firstSeed, int toFirst,
                  String failureKey, long wallMillis, String detail) {
        String line() {
            return String.join("\t", "RESULT", strategy, Integer.toString(seedsRun), Integer.toString(failures),
                Integer.toString(inconclusive), Long.toString(firstSeed), Integer.toString(toFirst), failureKey, Long.toString(wallMillis),
                detail.replace('\t', ' '));
        }

        static Result parse(String line) {
            String[] f = line.split("\t", 10);
            if (f.length != 10 || !f[0].equals("RESULT")) {
                throw new IllegalArgumentException("not a RESULT line: " + line);
            }
            return new Result(f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                Long.parseLong(f[5]), Integer.parseInt(f[6]), f[7], Long.parseLong(f[8]), f[9]);
        }
    }

    /** The strategy name that passes no {@code --strategy}: a campaign seed draws its own. */
    static final String DRAWN = "drawn";

    static Result scan(Options o, String strategy) {
        long start = System.nanoTime();
        List<RunConfig> configs = new ArrayList<>();
        List<Simulation<?>> sims = new ArrayList<>();
        for (List<String> arm : o.arms()) {
            List<String> a = new ArrayList<>(arm);
            if (!strategy.equals(DRAWN)) {
                a.addAll(List.of("--strategy", strategy));
            }
            RunConfig c = RunConfig.parse(a.toArray(new String[0]));
            configs.add(c);
            sims.add(c.simulation());
        }
        int failures = 0;
        long firstSeed = -1;
        int toFirst = -1;
        String key = "-";
        String detail = "-";
        int run = 0;
        int inconclusive = 0;
        for (int i = 0; i < o.seeds(); i++) {
            long seed = o.firstSeed() + i;
            if (o.skip().contains(strategy + "@" + seed)) {
                continue;
            }
            RunResult r = runOne(configs.get(i % sims.size()), sims.get(i % sims.size()), seed);
            run++;
            if (inconclusive(r)) {
                inconclusive++;
                continue;
            }
            if (r.failed()) {
                failures++;
                if (o.all()) {
                    System.out.println(String.join("\t", "FAIL", strategy, Long.toString(seed), failureKey(r.outcome())));
                }
                if (firstSeed < 0) {
                    firstSeed = seed;
                    toFirst = i + 1;
                    key = failureKey(r.outcome());
                    detail = firstLine(r) + " | repro: " + r.repro();
                }
                if (!o.all()) {
                    break;
                }
            }
        }
        long wall = (System.nanoTime() - start) / 1_000_000;
        return new Result(strategy.toLowerCase(Locale.ROOT), run, failures, inconclusive, firstSeed, toFirst, key, wall,
            detail);
    }

    /**
     * A run that ended before one of its planned crashes could happen shows nothing about the engine (the
     * crash plan is drawn over the length of a run without crashes, and recovery can shorten the rest): neither
     * a detection nor a pass.
     */
    static boolean inconclusive(RunResult r) {
        return r.outcome() instanceof Outcome.Incomplete in && in.reason().equals(Outcome.Incomplete.CRASH_MISSED);
    }

    /** @return the outcome's failure key; for INCOMPLETE with why ({@code INCOMPLETE:budget}, {@code INCOMPLETE:io-in-flight}) */
    static String failureKey(Outcome o) {
        if (o instanceof Outcome.Incomplete in) {
            return in.reason().equals(Outcome.Incomplete.BUDGET) ? "INCOMPLETE:budget"
                : in.reason().equals(Outcome.Incomplete.IO_IN_FLIGHT) ? "INCOMPLETE:io-in-flight" : "INCOMPLETE";
        }
        return o.failureKey();
    }

    /** Runs one seed of an arm: a campaign arm draws the seed's own configuration, any other reseeds its simulation. */
    private static RunResult runOne(RunConfig config, Simulation<?> sim, long seed) {
        return config.drawn().isEmpty() ? sim.withSeed(seed).run() : config.withSeed(seed).simulation().run();
    }

    private static String firstLine(RunResult r) {
        String d = r.describe();
        int nl = d.indexOf('\n');
        String first = nl < 0 ? d : d.substring(0, nl);
        return first.length() > 300 ? first.substring(0, 300) + "..." : first;
    }
}
