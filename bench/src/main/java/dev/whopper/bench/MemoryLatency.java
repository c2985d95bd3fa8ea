package dev.whopper.bench;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What one random memory access costs on this machine, by working-set size: a pointer chase (each load's
 * address is the previous load's value, so loads cannot overlap) over one int per 64-byte cache line, the
 * lines visited in one random cycle. It is the yardstick for {@link ManyFibers}: a step of a fiber picked at
 * random among many touches that fiber's objects, and once every fiber's objects together outgrow the
 * caches and the TLB's reach, each such touch costs what this reports for large sizes. Run it with and
 * without {@code -XX:+UseTransparentHugePages} to see how much of that is the page walk (on a VM a TLB miss
 * walks two levels of page tables).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.whopper.bench.MemoryLatency}.
 */
@Command(name = "memory-latency", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Nanoseconds per dependent random load, by working-set size.")
public final class MemoryLatency implements Callable<Integer> {
    private static final int INTS_PER_LINE = 16;

    @Spec
    CommandSpec spec;

    @Option(names = "--sizes-mb", split = ",", defaultValue = "1,2,4,8,16,64,256", paramLabel = "MB[,MB...]",
        description = "Working-set sizes in MiB, one row each (default: ${DEFAULT-VALUE}).")
    int[] sizesMb;

    @Option(names = "--loads", defaultValue = "5000000", paramLabel = "N",
        description = "Loads per timed repetition; the best of five is reported (default: ${DEFAULT-VALUE}).")
    int loads;

    /** Keeps the chase's result alive, so the loop is not removed. */
    private long sink;

    @Override
    public Integer call() {
        for (int mb : sizesMb) {
            if (mb <= 0 || mb > 1024) {
                throw new ParameterException(spec.commandLine(), "sizes-mb: " + mb + " (expected: 1..1024)");
            }
        }
        if (loads <= 0) {
            throw new ParameterException(spec.commandLine(), "loads: " + loads + " (expected: > 0)");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("MiB      ns/load (best of 5)");
        for (int mb : sizesMb) {
            int[] next = cycle(mb * 1024 * 1024 / 4 / INTS_PER_LINE);
            int at = 0;
            long best = Long.MAX_VALUE;
            for (int rep = 0; rep < 5; rep++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < loads; i++) {
                    at = next[at];
                }
                best = Math.min(best, System.nanoTime() - t0);
            }
            sink += at;
            out.printf(Locale.ROOT, "%-8d %.1f%n", mb, (double) best / loads);
        }
        return 0;
    }

    /** One random cycle through {@code lines} cache lines: the int at each line's start holds the next's index. */
    private static int[] cycle(int lines) {
        int[] order = new int[lines];
        for (int i = 0; i < lines; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(1);
        for (int i = lines - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] next = new int[lines * INTS_PER_LINE];
        for (int i = 0; i < lines; i++) {
            next[order[i] * INTS_PER_LINE] = order[(i + 1) % lines] * INTS_PER_LINE;
        }
        return next;
    }

    /** @param args the command line */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** @return the command line of this tool (tests execute it with their own output) */
    static CommandLine commandLine() {
        return new CommandLine(new MemoryLatency());
    }
}
