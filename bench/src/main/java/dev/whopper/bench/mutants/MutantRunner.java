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
 * <pre>RESULT &lt;strategy&gt; &lt;seeds run&gt; &lt;failures&gt; &lt;first failing seed or -1&gt; &lt;seeds to it or -1&gt;
 *        &lt;failure key or -&gt; &lt;wall ms&gt; &lt;what the first failure said&gt;</pre>
 *
 * (tab-separated). Options: {@code --strategies a,b} (default: random), {@code --seeds N} (default 1000),
 * {@code --first-seed S} (default 1), {@code --arm "ARGS"} (repeatable: the options of {@code whopper run};
 * seed {@code S + i} runs arm {@code i mod arms}; default: one arm of the defaults), {@code --all} (count every
 * failure instead of stopping at the first), {@code --classes DIR NAME,...} (first check that these classes
 * load from DIR, so a mutant that is not on the class path cannot pass for one that is not found). Exit 0 when
 * it ran, 2 on bad arguments or a misplaced class.
 */
public final class MutantRunner {
    private MutantRunner() { }

    /** The parsed options. */
    record Options(List<String> strategies, int seeds, long firstSeed, List<List<String>> arms, boolean all,
                   String classesDir, List<String> classNames) {
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
            arms.add(List.of());
        }
        return new Options(strategies, seeds, first, arms, all, dir, names);
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
     * @param failures   runs that did not pass
     * @param firstSeed  the first failing seed, or -1
     * @param toFirst    seeds run up to and including it, or -1
     * @param failureKey its {@link Outcome#failureKey()}, or "-"
     * @param wallMillis wall time of the strategy's seeds
     * @param detail     the first line of the first failure's description, or "-"
     */
    record Result(String strategy, int seedsRun, int failures, long firstSeed, int toFirst, String failureKey,
                  long wallMillis, String detail) {
        String line() {
            return String.join("\t", "RESULT", strategy, Integer.toString(seedsRun), Integer.toString(failures),
                Long.toString(firstSeed), Integer.toString(toFirst), failureKey, Long.toString(wallMillis),
                detail.replace('\t', ' '));
        }

        static Result parse(String line) {
            String[] f = line.split("\t", 9);
            if (f.length != 9 || !f[0].equals("RESULT")) {
                throw new IllegalArgumentException("not a RESULT line: " + line);
            }
            return new Result(f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), Long.parseLong(f[4]),
                Integer.parseInt(f[5]), f[6], Long.parseLong(f[7]), f[8]);
        }
    }

    static Result scan(Options o, String strategy) {
        long start = System.nanoTime();
        List<Simulation<?>> sims = new ArrayList<>();
        for (List<String> arm : o.arms()) {
            List<String> a = new ArrayList<>(arm);
            a.addAll(List.of("--strategy", strategy));
            sims.add(RunConfig.parse(a.toArray(new String[0])).simulation());
        }
        int failures = 0;
        long firstSeed = -1;
        int toFirst = -1;
        String key = "-";
        String detail = "-";
        int run = 0;
        for (int i = 0; i < o.seeds(); i++) {
            long seed = o.firstSeed() + i;
            RunResult r = runOne(sims.get(i % sims.size()), seed);
            run++;
            if (r.failed()) {
                failures++;
                if (firstSeed < 0) {
                    firstSeed = seed;
                    toFirst = i + 1;
                    key = r.outcome().failureKey();
                    detail = firstLine(r) + " | repro: " + r.repro();
                }
                if (!o.all()) {
                    break;
                }
            }
        }
        long wall = (System.nanoTime() - start) / 1_000_000;
        return new Result(strategy.toLowerCase(Locale.ROOT), run, failures, firstSeed, toFirst, key, wall, detail);
    }

    private static RunResult runOne(Simulation<?> sim, long seed) {
        return sim.withSeed(seed).run();
    }

    private static String firstLine(RunResult r) {
        String d = r.describe();
        int nl = d.indexOf('\n');
        String first = nl < 0 ? d : d.substring(0, nl);
        return first.length() > 300 ? first.substring(0, 300) + "..." : first;
    }
}
