package dev.whopper.sim.soak;

import dev.whopper.sim.BuildInfo;
import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.jctools.queues.MpscArrayQueue;

/**
 * Runs a soak: {@code jobs} worker threads take seed indices from a {@link SeedSource}, run each seed as an
 * independent deterministic simulation in this JVM (nothing is shared between runs: no static mutable state,
 * a fresh world per run), write a failing seed's directory ({@link FailureWriter}), and hand the seed's
 * record to the one collector (the calling thread) through a JCTools MPSC queue. The collector sums the
 * records ({@link SummaryAccumulator}), writes the ledger every {@value #FLUSH_MILLIS} ms ({@link Ledger}),
 * reports progress, and at the end writes {@code summary.json}, {@code summary.html} and the interval log
 * {@code latency.hlog}. The wall clock is read only here, around runs, never inside one.
 */
public final class SoakRunner {
    /** The collector writes the ledger at least this often while seeds finish. */
    public static final long FLUSH_MILLIS = 1000;
    /** Progress is reported about this often. */
    public static final long PROGRESS_MILLIS = 1000;
    /** The summary is rewritten this often during a long soak. */
    public static final long SUMMARY_MILLIS = 15_000;
    /** Capacity of the workers-to-collector queue. */
    static final int QUEUE_CAPACITY = 4096;
    /**
     * How long the collector sleeps when the queue is empty. A seed takes milliseconds, so a short sleep only
     * burns CPU on wake-ups (at 200 µs the idle collector took 4-5% of a core, taken from the workers once they
     * fill every core); the queue holds {@value #QUEUE_CAPACITY} records, far more than the workers finish in
     * this time.
     */
    static final long IDLE_PARK_NANOS = 5_000_000;

    private final SoakOptions options;
    private final Progress.Listener listener;
    private final MpscArrayQueue<Message> queue = new MpscArrayQueue<>(QUEUE_CAPACITY);
    private volatile boolean stopRequested;
    private volatile SeedSource source;

    /** What workers hand to the collector. */
    private sealed interface Message permits SeedDone, WorkerEnded { }

    private record SeedDone(SeedRecord record, TreeSet<String> coverage) implements Message { }

    private record WorkerEnded(Throwable error) implements Message { }

    /**
     * @param options  what to soak
     * @param listener told of progress and failures (from the calling thread)
     */
    public SoakRunner(SoakOptions options, Progress.Listener listener) {
        this.options = options;
        this.listener = listener;
    }

    /**
     * Asks the soak to stop: no new seeds are started, the ones running finish and are recorded, and the
     * summary is written for the seeds done (what Ctrl-C does). Safe from any thread.
     */
    public void requestStop() {
        stopRequested = true;
        SeedSource s = source;
        if (s != null) {
            s.stop();
        }
    }

    /**
     * Starts a new soak in {@code options.dir()}, which must not hold one.
     *
     * @return the summary
     * @throws IOException when the directory cannot be written
     */
    public SoakSummary start() throws IOException {
        Files.createDirectories(options.dir());
        AtomicFiles.write(SoakFile.in(options.dir()), Json.text(SoakFile.of(options)));
        return run(List.of());
    }

    /**
     * Continues the soak in {@code options.dir()}: the seeds in its ledger count as done, every other seed
     * of the plan runs.
     *
     * @return the summary over all sessions
     * @throws IOException when the directory cannot be read or written
     */
    public SoakSummary resume() throws IOException {
        AtomicFiles.removeTemporaries(options.dir());
        AtomicFiles.removeTemporaries(Ledger.dirOf(options.dir()));
        AtomicFiles.removeTemporaries(options.dir().resolve(FailureWriter.FAILURES));
        return run(Ledger.load(Ledger.dirOf(options.dir())));
    }

    private SoakSummary run(List<Ledger.Chunk> before) throws IOException {
        Session s = new Session(before);
        source = new SeedSource(options.plan(), s.done);
        s.done.clear(); // needed only to find the holes
        if (stopRequested) {
            source.stop();
        }
        Simulation<?> base = options.run().simulation().withRecordDecisions(false);
        FailureWriter failures = new FailureWriter(options.dir(), options.shrink(), options.shrinkRuns());
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < options.jobs(); i++) {
            Thread t = new Thread(() -> work(base, failures), "whopper-soak-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        Throwable error = s.collect(workers.size());
        SoakSummary summary = s.finish();
        if (error != null) {
            throw new IllegalStateException("a soak worker failed: " + error, error);
        }
        return summary;
    }

    private void work(Simulation<?> base, FailureWriter failures) {
        Throwable error = null;
        try {
            long g;
            while ((g = source.next()) >= 0) {
                offer(runSeed(base, failures, g));
            }
        } catch (Throwable t) {
            error = t;
            source.stop();
        }
        offer(new WorkerEnded(error));
    }

    private void offer(Message m) {
        while (!queue.offer(m)) {
            LockSupport.parkNanos(50_000);
        }
    }

    private SeedDone runSeed(Simulation<?> base, FailureWriter failures, long g) throws IOException {
        long seed = options.plan().seed(g);
        // A mode that draws per seed (campaign) builds each seed's own configuration; every other soak reseeds one.
        Simulation<?> sim = options.run().drawn().isEmpty() ? base.withSeed(seed)
            : options.run().withSeed(seed).simulation().withRecordDecisions(false);
        long t0 = System.nanoTime();
        RunResult r = sim.run();
        long wallNanos = System.nanoTime() - t0;
        String dir = null;
        long minimal = -1;
        String command = null;
        if (r.failed()) {
            if (options.failFast()) {
                source.stop(); // before writing the failure: the other workers start no new seed meanwhile
            }
            FailureWriter.Written w = failures.write(sim, r);
            dir = w.dir();
            minimal = w.minimalSteps();
            command = w.command();
        }
        SeedRecord rec = new SeedRecord(g, seed, r.kind().name(), Signature.of(r.outcome()), r.traceHashHex(),
            r.counters().steps(), r.counters().timeNanos(), r.counters().ops(), wallNanos, List.of(), dir, minimal, command);
        return new SeedDone(rec, Coverage.items(r));
    }

    /** The collector's state over one session. */
    private final class Session {
        final SummaryAccumulator acc = new SummaryAccumulator();
        final Set<Long> done = new HashSet<>();
        final List<Ledger.Chunk> chunks;
        final Ledger ledger = new Ledger(Ledger.dirOf(options.dir()));
        final int session;
        final long elapsedBefore;
        final long startNanos = System.nanoTime();
        final long seedsBefore;
        List<SeedRecord> pending = new ArrayList<>();
        Histogram intervalWall = Histograms.create();
        Histogram intervalSimulated = Histograms.create();
        long intervalStartMillis = System.currentTimeMillis();
        long nextChunk;
        long lastFlush = startNanos;
        long lastProgress = startNanos;
        long lastSummary = startNanos;
        boolean durationReached;

        Session(List<Ledger.Chunk> before) {
            chunks = new ArrayList<>();
            for (Ledger.Chunk c : before) {
                chunks.add(withoutRecords(c));
            }
            for (SeedRecord r : Ledger.records(before)) {
                acc.add(r);
                done.add(r.index());
            }
            int maxSession = -1;
            long elapsed = 0;
            long number = 0;
            for (Ledger.Chunk c : before) {
                maxSession = Math.max(maxSession, c.session());
                elapsed = Math.max(elapsed, c.elapsedMillis());
                number = Math.max(number, c.number());
            }
            session = maxSession + 1;
            elapsedBefore = elapsed;
            nextChunk = number + 1;
            seedsBefore = acc.seeds();
        }

        long elapsedMillis() {
            return elapsedBefore + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        }

        Throwable collect(int alive) throws IOException {
            Throwable error = null;
            while (alive > 0) {
                Message m = queue.poll();
                if (m == null) {
                    housekeeping();
                    LockSupport.parkNanos(IDLE_PARK_NANOS);
                } else if (m instanceof SeedDone d) {
                    take(d);
                } else {
                    WorkerEnded e = (WorkerEnded) m;
                    alive--;
                    if (e.error() != null && error == null) {
                        error = e.error();
                    }
                }
            }
            flush();
            return error;
        }

        void take(SeedDone d) throws IOException {
            SeedRecord r = acc.take(d.record(), d.coverage());
            pending.add(r);
            Histograms.record(intervalWall, r.wallNanos());
            Histograms.record(intervalSimulated, r.simulatedNanos());
            if (r.failed()) {
                listener.failure(r);
                if (options.failFast()) {
                    source.stop();
                }
            }
            if (pending.size() >= 4 * QUEUE_CAPACITY) {
                flush();
            }
            if ((acc.seeds() & 63) == 0) {
                housekeeping();
            }
        }

        void housekeeping() throws IOException {
            long now = System.nanoTime();
            if (options.durationMillis() > 0 && !durationReached && elapsedMillis() >= options.durationMillis()) {
                durationReached = true;
                source.stop();
            }
            if (now - lastFlush >= TimeUnit.MILLISECONDS.toNanos(FLUSH_MILLIS)) {
                flush();
            }
            if (now - lastProgress >= TimeUnit.MILLISECONDS.toNanos(PROGRESS_MILLIS)) {
                lastProgress = now;
                listener.progress(progress());
            }
            if (now - lastSummary >= TimeUnit.MILLISECONDS.toNanos(SUMMARY_MILLIS)) {
                lastSummary = now;
                writeSummary();
            }
        }

        void flush() throws IOException {
            lastFlush = System.nanoTime();
            if (pending.isEmpty()) {
                return;
            }
            long end = System.currentTimeMillis();
            Ledger.Chunk c = new Ledger.Chunk(nextChunk++, session, elapsedMillis(), intervalStartMillis, end, pending,
                Histograms.encode(intervalWall), Histograms.encode(intervalSimulated));
            ledger.append(c);
            chunks.add(withoutRecords(c)); // kept for the interval log only: memory does not grow with the seeds
            pending = new ArrayList<>();
            intervalWall = Histograms.create();
            intervalSimulated = Histograms.create();
            intervalStartMillis = end;
        }

        Progress progress() {
            long elapsed = elapsedMillis();
            double sessionSeconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
            double rate = (acc.seeds() - seedsBefore) / sessionSeconds;
            long total = options.plan().total();
            long eta = -1;
            if (total >= 0 && rate > 0) {
                eta = (long) ((total - acc.seeds()) / rate * 1000);
            }
            if (options.durationMillis() > 0) {
                long left = Math.max(0, options.durationMillis() - elapsed);
                eta = eta < 0 ? left : Math.min(eta, left);
            }
            return new Progress(acc.seeds(), total, acc.failures(), acc.signatures(), elapsed, rate, eta);
        }

        SoakSummary summary() {
            long total = options.plan().total();
            boolean complete = total >= 0 && acc.seeds() == total;
            long elapsed = elapsedMillis();
            double rate = acc.seeds() / Math.max(1e-3, elapsed / 1000.0);
            boolean interrupted = stopRequested;
            SoakSummary.Run run = new SoakSummary.Run(BuildInfo.describe(), List.of(options.plan().shard().toString()),
                options.jobs(), session + 1, elapsed, rate, interrupted, complete, SoakSummary.Percentiles.of(acc.wall()),
                Histograms.encode(acc.wall()), List.of());
            SoakSummary.Spec spec = new SoakSummary.Spec(options.runOptions(), options.plan().firstSeed(), options.plan().seeds());
            return new SoakSummary(SoakSummary.FORMAT, spec, acc.result(options.plan().firstSeed()), run);
        }

        void writeSummary() throws IOException {
            SoakSummary s = summary();
            SummaryFiles.write(options.dir(), s, chunks);
        }

        SoakSummary finish() throws IOException {
            SoakSummary s = summary();
            SummaryFiles.write(options.dir(), s, chunks);
            listener.progress(progress());
            return s;
        }
    }

    private static Ledger.Chunk withoutRecords(Ledger.Chunk c) {
        return new Ledger.Chunk(c.number(), c.session(), c.elapsedMillis(), c.startEpochMillis(), c.endEpochMillis(), List.of(),
            c.wallHistogram(), c.simulatedHistogram());
    }

    /** @return the options */
    public SoakOptions options() {
        return options;
    }
}
