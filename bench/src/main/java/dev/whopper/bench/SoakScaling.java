package dev.whopper.bench;

import dev.whopper.sim.config.RunConfig;
import dev.whopper.sim.soak.AtomicFiles;
import dev.whopper.sim.soak.Progress;
import dev.whopper.sim.soak.SeedPlan;
import dev.whopper.sim.soak.Shard;
import dev.whopper.sim.soak.SoakOptions;
import dev.whopper.sim.soak.SoakRunner;
import dev.whopper.sim.soak.SoakSummary;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Soak throughput and scaling, measured as a soak runs (ledger, failure directories and summary included):
 * seeds per second of the default bank run with {@code --jobs 1} and {@code --jobs 2} over the same seed list,
 * alternating, after a warm-up soak, and their ratio per round. Also checks both give the same digest.
 *
 * <p>So that a figure explains itself, each soak also reports, per seed: the bytes allocated by the soak's
 * threads (workers and collector, sampled from {@code com.sun.management.ThreadMXBean} every
 * {@value #SAMPLE_MILLIS} ms while they live, so a thread's last few milliseconds may be missed), the CPU time
 * of the workers, of the collector (the calling thread) and of the whole process (which adds the GC and JIT
 * threads), the cores the process used on average (its CPU time over the wall time), and the young and old GC
 * pause time of the soak. The process CPU time per seed of {@code --jobs 2}
 * against {@code --jobs 1} shows where the second job loses: a ratio of seeds/s below 2 with equal CPU per seed
 * means the cores were busy with other work (another process, or this one's GC/JIT threads on the core the
 * jobs-1 soak left free); a higher CPU per seed means contention inside the process.
 *
 * <p>The last line is the verdict for issue 13: the median ratio of the rounds against 1.8, and the median
 * jobs-1 seeds/s against 300.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.whopper.bench.SoakScaling [seeds per round] [rounds] [run options...]</pre>
 */
public final class SoakScaling {
    /** How often the thread sampler reads each soak thread's allocation and CPU counters. */
    static final long SAMPLE_MILLIS = 5;
    /** Issue 13's target for seeds/s with two jobs over one, on two cores. */
    static final double RATIO_TARGET = 1.8;
    /** Issue 13's target for seeds/s of the default bank run on one job. */
    static final double ONE_JOB_TARGET = 300;

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
        System.out.println("warm-up (jobs 2): " + soak(warm, seeds, 2).line());
        double[] ratios = new double[rounds];
        double[] oneJob = new double[rounds];
        double[] cpuRatios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            Measured one = soak(run, seeds, 1);
            Measured two = soak(run, seeds, 2);
            if (!one.summary.result().digest().equals(two.summary.result().digest())) {
                throw new AssertionError("jobs 1 and jobs 2 gave different runs: " + one.summary.result().digest() + " vs "
                    + two.summary.result().digest());
            }
            ratios[r] = two.rate() / one.rate();
            oneJob[r] = one.rate();
            cpuRatios[r] = two.cpuPerSeedMillis() / one.cpuPerSeedMillis();
            System.out.printf(Locale.ROOT, "round %d: ratio %.2f (digest %s)%n  jobs 1: %s%n  jobs 2: %s%n", r + 1,
                ratios[r], one.summary.result().digest(), one.line(), two.line());
        }
        if (rounds > 0) {
            double ratio = median(ratios);
            double rate = median(oneJob);
            System.out.printf(Locale.ROOT, "verdict (issue 13): jobs 2 / jobs 1 = %.2fx median of %d rounds %s (target >= %.1fx): %s;"
                    + " jobs 1 = %.1f seeds/s median (target >= %.0f): %s; CPU per seed jobs 2 / jobs 1 = %.2f median (1.00:"
                    + " the second job costs no extra work, so a ratio below 2 is cores this process did not get)%n", ratio,
                rounds, range(ratios), RATIO_TARGET, ratio >= RATIO_TARGET ? "MET" : "NOT MET", rate, ONE_JOB_TARGET,
                rate >= ONE_JOB_TARGET ? "MET" : "NOT MET", median(cpuRatios));
        }
    }

    private static List<String> replaceSeed(List<String> options, String seed) {
        List<String> o = new ArrayList<>(options);
        o.set(o.size() - 1, seed);
        return o;
    }

    private static Measured soak(RunConfig run, long seeds, int jobs) throws Exception {
        Path dir = Files.createTempDirectory("whopper-soak-bench-");
        try {
            SoakOptions o = new SoakOptions(run, new SeedPlan(run.seed(), seeds, Shard.WHOLE), jobs, 0, false, false, 1, dir);
            ThreadSampler sampler = new ThreadSampler(Thread.currentThread());
            long[] gc0 = gcMillis();
            long process0 = processCpuNanos();
            sampler.start();
            SoakSummary s = new SoakRunner(o, Progress.Listener.NONE).start();
            sampler.finish();
            long processNanos = processCpuNanos() - process0;
            long[] gc1 = gcMillis();
            return new Measured(s, jobs, sampler.allocatedBytes, sampler.workerCpuNanos, sampler.collectorCpuNanos,
                processNanos, gc1[0] - gc0[0], gc1[1] - gc0[1], gc1[2] - gc0[2]);
        } finally {
            AtomicFiles.deleteTree(dir);
        }
    }

    /** One soak's figures. */
    private record Measured(SoakSummary summary, int jobs, long allocatedBytes, long workerCpuNanos, long collectorCpuNanos,
                            long processCpuNanos, long youngGcMillis, long oldGcMillis, long gcCount) {
        double rate() {
            return summary.result().seeds() / (summary.run().elapsedMillis() / 1000.0);
        }

        String line() {
            double n = summary.result().seeds();
            return String.format(Locale.ROOT, "%.1f seeds/s using %.2f cores; per seed: %.0f KB allocated, CPU %.2f ms"
                    + " (workers %.2f, collector %.3f, the rest GC/JIT); GC %d pauses, %d ms young + %d ms old (%.1f%% of"
                    + " the soak's wall time)",
                rate(), cores(), allocatedBytes / n / 1024, cpuPerSeedMillis(), workerCpuNanos / n / 1e6,
                collectorCpuNanos / n / 1e6, gcCount, youngGcMillis, oldGcMillis,
                100.0 * (youngGcMillis + oldGcMillis) / Math.max(1, summary.run().elapsedMillis()));
        }

        /** @return the process's CPU time per seed, ms */
        double cpuPerSeedMillis() {
            return processCpuNanos / (double) summary.result().seeds() / 1e6;
        }

        /** @return cores the process used on average over the soak (its CPU time over the soak's wall time) */
        double cores() {
            return processCpuNanos / 1e6 / Math.max(1, summary.run().elapsedMillis());
        }
    }

    /** @return {young pause ms, old pause ms, pauses} over the JVM's life */
    private static long[] gcMillis() {
        long young = 0;
        long old = 0;
        long count = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            String name = gc.getName().toLowerCase(Locale.ROOT);
            if (name.contains("old") || name.contains("marksweep") || name.contains("full")) {
                old += Math.max(0, gc.getCollectionTime());
            } else {
                young += Math.max(0, gc.getCollectionTime());
            }
            count += Math.max(0, gc.getCollectionCount());
        }
        return new long[] {young, old, count};
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * Reads the soak's threads' allocated bytes and CPU time every {@value #SAMPLE_MILLIS} ms (a thread's counters
     * are gone once it ends, so the last reading of each is kept) and once more at the end for the collector.
     */
    private static final class ThreadSampler extends Thread {
        private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        private final Thread collector;
        private final long collectorAllocated0;
        private final long collectorCpu0;
        private final Map<Long, long[]> workers = new HashMap<>();
        private volatile boolean done;
        long allocatedBytes;
        long workerCpuNanos;
        long collectorCpuNanos;

        ThreadSampler(Thread collector) {
            super("soak-bench-sampler");
            setDaemon(true);
            this.collector = collector;
            collectorAllocated0 = threads.getThreadAllocatedBytes(collector.getId());
            collectorCpu0 = threads.getThreadCpuTime(collector.getId());
        }

        @Override
        public void run() {
            while (!done) {
                sample();
                try {
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void sample() {
            Thread[] all = new Thread[Thread.activeCount() + 8];
            int n = Thread.enumerate(all); // the soak's workers are in the collector's thread group; no safepoint
            for (int i = 0; i < n; i++) {
                Thread t = all[i];
                if (t.getName().startsWith("whopper-soak-")) {
                    long allocated = threads.getThreadAllocatedBytes(t.getId());
                    long cpu = threads.getThreadCpuTime(t.getId());
                    if (allocated >= 0 && cpu >= 0) {
                        synchronized (workers) {
                            workers.put(t.getId(), new long[] {allocated, cpu});
                        }
                    }
                }
            }
        }

        void finish() throws InterruptedException {
            done = true;
            join();
            long allocated = threads.getThreadAllocatedBytes(collector.getId()) - collectorAllocated0;
            collectorCpuNanos = threads.getThreadCpuTime(collector.getId()) - collectorCpu0;
            long cpu = 0;
            synchronized (workers) {
                for (long[] w : workers.values()) {
                    allocated += w[0];
                    cpu += w[1];
                }
            }
            allocatedBytes = allocated;
            workerCpuNanos = cpu;
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    private static String range(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return String.format(Locale.ROOT, "[%.2f-%.2f]", v[0], v[v.length - 1]);
    }
}
