package dev.whopper.bench;

import dev.whopper.workloads.check.CheckResult;
import dev.whopper.workloads.check.CheckText;
import dev.whopper.workloads.check.Checker;
import dev.whopper.workloads.check.Consistency;
import dev.whopper.workloads.history.History;
import dev.whopper.workloads.history.Model;
import dev.whopper.workloads.history.SyntheticHistories;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The history checker end to end, as {@code whopper check-history} runs it: read an EDN file, parse it, analyse
 * it. Generates a strict serializable list-append history and a cyclic one (reads from the invocation's
 * snapshot: lost updates, G-single and G2 cycles) of {@code --transactions} transactions over
 * {@code --processes} processes and {@code --keys} keys in use at a time (Elle's key rotation, 64 writes a key),
 * writes each to a temporary EDN file, then times {@code --runs} checks of each (and of {@code --elle FILE}, Elle's
 * huge-scc.edn, when readable) and prints the median and the fastest wall time, the median parse time, and the
 * median CPU time of the checking thread (less disturbed than wall time on a shared machine; GC threads excluded).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.whopper.bench.HistoryCheckBench}.
 */
@Command(name = "history-check-bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Times parse + check of generated 100k-transaction Elle histories and of Elle's huge-scc.edn.")
public final class HistoryCheckBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--transactions", defaultValue = "100000", description = "Transactions per history (default: ${DEFAULT-VALUE}).")
    int transactions;

    @Option(names = "--processes", defaultValue = "20", description = "Processes (default: ${DEFAULT-VALUE}).")
    int processes;

    @Option(names = "--keys", defaultValue = "10", description = "Keys in use at a time (default: ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--runs", defaultValue = "5", description = "Timed checks of each history (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--consistency", defaultValue = "strict-serializable",
        description = "Model checked (default: ${DEFAULT-VALUE}).")
    String consistency;

    @Option(names = "--elle", defaultValue = "/work/shared/testdata/elle/huge-scc.edn",
        description = "An Elle list-append history to time too, when readable (default: ${DEFAULT-VALUE}).")
    Path elle;

    @Override
    public Integer call() throws IOException {
        if (transactions <= 0 || processes <= 0 || keys <= 0 || runs <= 0) {
            throw new ParameterException(spec.commandLine(), "--transactions/--processes/--keys/--runs: " + transactions
                + "/" + processes + "/" + keys + "/" + runs + " (expected: > 0)");
        }
        Consistency c = Consistency.byName(consistency);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "history check, %s, %d runs each (read + parse + analyse: median / fastest wall, median "
            + "parse, median thread CPU)%n", c, runs);
        for (boolean cyclic : new boolean[] {false, true}) {
            History h = SyntheticHistories.generate(Model.LIST_APPEND, 1, transactions, processes, keys, cyclic);
            Path file = Files.createTempFile("whopper-history", ".edn");
            try {
                Files.writeString(file, h.toEdn(), StandardCharsets.UTF_8);
                measure(out, (cyclic ? "cyclic" : "serializable") + " list-append, " + transactions + " txns", file, c);
            } finally {
                Files.deleteIfExists(file);
            }
        }
        if (Files.isReadable(elle)) {
            measure(out, elle.getFileName().toString(), elle, c);
        } else {
            out.println(elle + ": not readable, skipped");
        }
        out.flush();
        return 0;
    }

    private void measure(PrintWriter out, String label, Path file, Consistency c) throws IOException {
        long[] total = new long[runs];
        long[] parse = new long[runs];
        long[] cpu = new long[runs];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        CheckResult last = null;
        for (int i = 0; i < runs; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            History h = History.parse(Files.readString(file, StandardCharsets.UTF_8), Model.LIST_APPEND);
            long t1 = System.nanoTime();
            last = Checker.check(h, Model.LIST_APPEND, c);
            long t2 = System.nanoTime();
            cpu[i] = threads.getCurrentThreadCpuTime() - c0;
            parse[i] = t1 - t0;
            total[i] = t2 - t0;
        }
        long[] sortedTotal = total.clone();
        Arrays.sort(sortedTotal);
        long[] sortedParse = parse.clone();
        Arrays.sort(sortedParse);
        long[] sortedCpu = cpu.clone();
        Arrays.sort(sortedCpu);
        out.printf(Locale.ROOT, "  %-36s %5.1f MB  wall %6.2f s / %6.2f s (parse %5.2f s)  cpu %5.2f s  %s%n", label,
            Files.size(file) / 1e6, sortedTotal[runs / 2] / 1e9, sortedTotal[0] / 1e9, sortedParse[runs / 2] / 1e9,
            sortedCpu[runs / 2] / 1e9, CheckText.oneLine(last));
    }

    /** @param args command-line arguments */
    public static void main(String[] args) {
        System.exit(new CommandLine(new HistoryCheckBench()).execute(args));
    }
}
