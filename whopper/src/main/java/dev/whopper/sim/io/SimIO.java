package dev.whopper.sim.io;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.CompletionError;
import dev.whopper.core.io.CompletionKind;
import dev.whopper.core.io.CompletionLabel;
import dev.whopper.core.io.ErrorCode;
import dev.whopper.core.io.File;
import dev.whopper.core.io.IO;
import dev.whopper.core.io.IOFailureException;
import dev.whopper.core.io.IoLabel;
import dev.whopper.core.io.RandomSource;
import dev.whopper.core.io.model.DurableFile;
import dev.whopper.core.io.model.FileCrash;
import dev.whopper.core.io.model.VolumeIO;
import dev.whopper.sim.EventSource;
import dev.whopper.sim.VirtualClock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * The simulated disk: a deterministic {@link IO} driven by a {@link VirtualClock}.
 *
 * <ul>
 *   <li>Every request (read, write, sync, truncate) gets a latency drawn from the {@link LatencyProfile}
 *       with the I/O stream and is due at {@code now + latency}; a timer is due at {@code now + delay}.
 *       Nothing happens at submit: the data effect, the fault decisions and the completion happen in
 *       {@link #fireDue()} once the clock has reached the due time.</li>
 *   <li>Requests due at the same instant fire in an order drawn from the I/O stream: each request draws a
 *       tie-breaker at submit; the queue is ordered by (due time, tie-breaker, submit sequence).</li>
 *   <li>Files are core's durable-file model ({@link DurableFile}s of a {@code Volume}, shared with
 *       {@code MemoryIO}); SimIO adds latency, faults, completion order and the listener on top. Each file
 *       has a volatile image (what reads and {@link File#size()} see) and a durable image. A
 *       completed write or truncation changes the volatile image and joins the file's list of unsynced
 *       operations; a successful sync applies every unsynced operation (all completed before the sync
 *       completes) to the durable image.</li>
 *   <li>{@link #crash(CrashOptions)} is a power loss: pending requests and timers are abandoned (their
 *       callbacks never run), open handles die, and each file reverts to its durable image plus whatever
 *       subset of its unsynced operations the options let survive.</li>
 *   <li>Faults ({@link FaultConfig}) are drawn from the fault stream; {@link #random()} hands the engine a
 *       third, separate stream.</li>
 * </ul>
 * Single-threaded, no wall clock, no hash-ordered iteration: the same streams and the same calls give
 * the same completions in the same order with the same bytes.
 */
public final class SimIO extends VolumeIO implements EventSource {
    /** The largest file size in bytes; a write or truncation beyond it fails with NO_SPACE. */
    public static final long MAX_FILE_BYTES = DurableFile.MAX_BYTES;

    /**
     * One queued request or timer. It is also its completion's label unless the caller labelled it
     * ({@link Completion#labelIfAbsent}): the parts are here already, formatted only when printed.
     */
    private static final class Request implements CompletionLabel {
        long dueNanos;
        long tie;
        long seq;
        RequestKind kind;
        SimFile file;
        long offset;
        long length;
        byte[] data;
        List<byte[]> buffers;
        Completion completion;

        /** @return e.g. {@code "read 4096 bytes at offset 8192 of bank.db"} (see {@link IoLabel}) */
        @Override
        public String text() {
            return IoLabel.format(kind.completionKind(), file == null ? null : file.path(), offset, length);
        }
    }

    private final VirtualClock clock;
    private final RandomSource ioRandom;
    private final RandomSource faultRandom;
    private final RandomSource engineRandom;
    private final LatencyProfile latency;
    private FaultConfig faults;
    private boolean faultsEnabled = true;
    private SimIOListener listener;

    private final PriorityQueue<Request> queue = new PriorityQueue<>(SimIO::compareRequests);
    private final ArrayList<Request> batch = new ArrayList<>();
    private int batchPos;
    private boolean firing;
    private long nextSeq;
    /** Incremented by every crash; a handle opened in an earlier epoch is dead. */
    private long epoch;

    private final SimIOCounters counters = new SimIOCounters();

    /**
     * @param clock        the virtual clock; the simulator moves it, SimIO only reads it
     * @param ioRandom     draws latencies and same-instant tie-breakers
     * @param faultRandom  draws fault decisions and crash outcomes
     * @param engineRandom handed to the engine by {@link #random()}
     * @param latency      latency of requests
     * @param faults       fault rates and sector size
     */
    public SimIO(VirtualClock clock, RandomSource ioRandom, RandomSource faultRandom, RandomSource engineRandom,
                 LatencyProfile latency, FaultConfig faults) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ioRandom = Objects.requireNonNull(ioRandom, "ioRandom");
        this.faultRandom = Objects.requireNonNull(faultRandom, "faultRandom");
        this.engineRandom = Objects.requireNonNull(engineRandom, "engineRandom");
        this.latency = Objects.requireNonNull(latency, "latency");
        this.faults = Objects.requireNonNull(faults, "faults");
        if (ioRandom == faultRandom || ioRandom == engineRandom || faultRandom == engineRandom) {
            throw new IllegalArgumentException("random sources: the same object passed twice "
                + "(expected: three independent streams)");
        }
    }

    // ---------------------------------------------------------------- configuration

    /** @param listener told about completions, faults and crashes; {@code null} for none */
    public void setListener(SimIOListener listener) {
        this.listener = listener;
    }

    /** @return the fault rates in force */
    public FaultConfig faultConfig() {
        return faults;
    }

    /**
     * Replaces the fault rates (for example when a swarm run draws new ones). Affects decisions made from
     * now on, including requests already queued.
     *
     * @param faults the new rates
     */
    public void setFaultConfig(FaultConfig faults) {
        this.faults = Objects.requireNonNull(faults, "faults");
    }

    /**
     * Switches fault injection on or off. Off, no fault of any kind is injected (and nothing is drawn from the
     * fault stream for faults), so the simulator can check liveness after faults stop. Crashes still work.
     *
     * @param enabled true to inject faults at the configured rates
     */
    public void setFaultsEnabled(boolean enabled) {
        this.faultsEnabled = enabled;
    }

    /** @return true when faults are injected */
    public boolean faultsEnabled() {
        return faultsEnabled;
    }

    /** @return the latency profile */
    public LatencyProfile latencyProfile() {
        return latency;
    }

    // ---------------------------------------------------------------- IO

    @Override
    public File open(String path, boolean create) {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("path: \"\" (expected: a non-empty name)");
        }
        return new SimFile(volume().open(path, create), epoch);
    }

    /** Deletes a file at once (and durably); open handles keep their (now unlinked) file. */
    /** Same as {@link #fireDue()}: fires what is due at the clock's current time; never moves the clock. */
    @Override
    public int poll() {
        return fireDue();
    }

    @Override
    public boolean idle() {
        return pendingEvents() == 0;
    }

    @Override
    public Completion sleep(long delayNanos, Completion c) {
        CompletionKind.TIMER.require(c);
        if (delayNanos < 0) {
            throw new IllegalArgumentException("delayNanos: " + delayNanos + " (expected: >= 0)");
        }
        Request r = new Request();
        r.kind = RequestKind.TIMER;
        r.length = delayNanos;
        r.completion = c;
        c.labelIfAbsent(r);
        enqueue(r, delayNanos);
        return c;
    }

    /** @return the virtual clock (the one this SimIO was built with) */
    @Override
    public VirtualClock clock() {
        return clock;
    }

    /** @return the engine's random stream */
    @Override
    public RandomSource random() {
        return engineRandom;
    }

    // ---------------------------------------------------------------- EventSource

    @Override
    public long nextDueNanos() {
        if (batchPos < batch.size()) {
            return clock.nowNanos();
        }
        Request r = queue.peek();
        return r == null ? Long.MAX_VALUE : r.dueNanos;
    }

    /**
     * Fires every request and timer that was pending when this call began and is due at or before the
     * clock's current time, in (due time, drawn tie-breaker, submit order) order. Requests submitted by
     * callbacks during this call fire in a later call, even when already due, so one call is bounded.
     *
     * @return how many fired
     * @throws IllegalStateException when called from inside a completion callback
     */
    @Override
    public int fireDue() {
        if (firing) {
            throw new IllegalStateException("fireDue() called re-entrantly (from a completion callback or listener)");
        }
        long now = clock.nowNanos();
        Request head = queue.peek();
        if (head == null || head.dueNanos > now) {
            return 0;
        }
        firing = true;
        int fired = 0;
        try {
            while (!queue.isEmpty() && queue.peek().dueNanos <= now) {
                batch.add(queue.poll());
            }
            while (batchPos < batch.size()) {
                Request r = batch.get(batchPos);
                batch.set(batchPos, null);
                batchPos++;
                fired++;
                fire(r, now);
            }
            return fired;
        } finally {
            // Normally empty; after an exception thrown by a callback, keep what did not fire.
            for (int i = batchPos; i < batch.size(); i++) {
                queue.add(batch.get(i));
            }
            batch.clear();
            batchPos = 0;
            firing = false;
        }
    }

    @Override
    public int pendingEvents() {
        return queue.size() + (batch.size() - batchPos);
    }

    /**
     * For drivers without a scheduler (tests, examples): when nothing is due now, moves the clock to the
     * next due time; then fires what is due.
     *
     * @return how many fired (0 only when nothing is pending)
     */
    public int advanceAndFire() {
        long next = nextDueNanos();
        if (next == Long.MAX_VALUE) {
            return 0;
        }
        clock.advanceTo(next);
        return fireDue();
    }

    // ---------------------------------------------------------------- crash

    /**
     * Power loss. Every pending request and timer is abandoned without running its callback (its outcome
     * is unknown to the caller); every open handle dies (later operations fail with IO_ERROR: reopen the
     * files); each file reverts to its durable image plus the unsynced operations that {@code options} let
     * survive, and the result becomes the new durable image. SimIO stays usable.
     *
     * @param options what survives
     * @return what the crash did
     */
    public CrashReport crash(CrashOptions options) {
        Objects.requireNonNull(options, "options");
        EnumMap<RequestKind, Integer> abandoned = new EnumMap<>(RequestKind.class);
        for (RequestKind k : RequestKind.values()) {
            abandoned.put(k, 0);
        }
        for (int i = batchPos; i < batch.size(); i++) {
            abandoned.merge(batch.get(i).kind, 1, Integer::sum);
        }
        batch.clear();
        batchPos = 0;
        for (Request r : queue) {
            abandoned.merge(r.kind, 1, Integer::sum);
        }
        queue.clear();
        abandoned.forEach(counters::abandoned);
        epoch++;
        counters.crashed();

        List<FileCrash> reports = volume().crashKeepingOperations(faultRandom, options.keepProbability(),
            options.tearOne(), faults.sectorSize());
        CrashReport report = new CrashReport(clock.nowNanos(), abandoned.get(RequestKind.READ),
            abandoned.get(RequestKind.WRITE), abandoned.get(RequestKind.SYNC), abandoned.get(RequestKind.TRUNCATE),
            abandoned.get(RequestKind.TIMER), reports);
        SimIOListener l = listener;
        if (l != null) {
            l.onCrash(report);
        }
        return report;
    }

    // ---------------------------------------------------------------- inspection

    /** @return the paths of every file, in order */
    public List<String> paths() {
        return volume().paths();
    }

    /**
     * @param path a file
     * @return a copy of what reads see now (the volatile image)
     * @throws IllegalArgumentException when there is no such file
     */
    public byte[] contents(String path) {
        return state(path).contents();
    }

    /**
     * @param path a file
     * @return a copy of the durable image (what a crash that keeps nothing unsynced leaves)
     * @throws IllegalArgumentException when there is no such file
     */
    public byte[] durableContents(String path) {
        return state(path).durableContents();
    }

    /**
     * @param path a file
     * @return how many completed writes and truncations of the file a sync has not made durable yet
     * @throws IllegalArgumentException when there is no such file
     */
    public int unsyncedOperations(String path) {
        return state(path).unsyncedOperations();
    }

    /** @return a snapshot of the counters */
    public SimIOStats stats() {
        return counters.snapshot();
    }

    private DurableFile state(String path) {
        DurableFile s = volume().file(path);
        if (s == null) {
            throw new IllegalArgumentException("path: " + path + " (expected: an existing file)");
        }
        return s;
    }

    // ---------------------------------------------------------------- submit and fire

    private static int compareRequests(Request a, Request b) {
        if (a.dueNanos != b.dueNanos) {
            return Long.compare(a.dueNanos, b.dueNanos);
        }
        if (a.tie != b.tie) {
            return Long.compare(a.tie, b.tie);
        }
        return Long.compare(a.seq, b.seq);
    }

    private void enqueue(Request r, long latencyNanos) {
        long now = clock.nowNanos();
        long delay = latencyNanos;
        if (r.kind != RequestKind.TIMER && injects(FaultKind.LATENCY_SPIKE, faults.latencySpike())) {
            delay += faults.latencySpikeNanos();
            fault(FaultKind.LATENCY_SPIKE, r.file.state.path(), r.offset, now);
        }
        long due = now + delay;
        r.dueNanos = due < now ? Long.MAX_VALUE - 1 : due;
        r.tie = ioRandom.nextLong();
        r.seq = nextSeq++;
        counters.submitted(r.kind);
        queue.add(r);
        SimIOListener l = listener;
        if (l != null) {
            l.onSubmit(now, r.file == null ? null : r.file.state.path(), r.kind.completionKind(),
                r.kind == RequestKind.TIMER ? 0 : r.offset, r.dueNanos);
        }
    }

    private Request request(RequestKind kind, SimFile file, long offset, Completion c) {
        Request r = new Request();
        r.kind = kind;
        r.file = file;
        r.offset = offset;
        r.completion = c;
        c.labelIfAbsent(r);
        return r;
    }

    private boolean injects(FaultKind kind, double rate) {
        return faultsEnabled && rate > 0 && faultRandom.chance(rate);
    }

    private void fault(FaultKind kind, String path, long offset, long now) {
        counters.fault(kind);
        SimIOListener l = listener;
        if (l != null) {
            l.onFault(now, path, kind, offset);
        }
    }

    private void fire(Request r, long now) {
        switch (r.kind) {
            case TIMER -> succeed(r, null, 0, now);
            case READ -> fireRead(r, now);
            case WRITE -> fireWrite(r, now);
            case SYNC -> fireSync(r, now);
            case TRUNCATE -> fireTruncate(r, now);
        }
    }

    private void fireRead(Request r, long now) {
        DurableFile f = r.file.state;
        Completion c = r.completion;
        byte[] buf = c.buffer();
        int len = buf.length;
        if (r.file.dead()) {
            fail(r, f.path(), ErrorCode.IO_ERROR, "file closed: " + f.path(), now);
            return;
        }
        if (injects(FaultKind.IO_ERROR_READ, faults.ioErrorRead())) {
            fault(FaultKind.IO_ERROR_READ, f.path(), r.offset, now);
            fail(r, f.path(), ErrorCode.IO_ERROR, "injected I/O error: read of " + len + " bytes at offset " + r.offset
                + " of " + f.path(), now);
            return;
        }
        if (c.finished()) {
            // Aborted by its owner: the buffer may be in use elsewhere, so it is left alone.
            fail(r, f.path(), ErrorCode.ABORTED, "aborted", now);
            return;
        }
        long available = Math.max(0, f.size() - r.offset);
        int n = (int) Math.min(available, len);
        boolean injected = false;
        if (n == len && len > 0 && injects(FaultKind.SHORT_READ, faults.shortRead())) {
            fault(FaultKind.SHORT_READ, f.path(), r.offset, now);
            n = faultRandom.nextInt(len);
            injected = true;
        }
        if (n > 0) {
            f.read(r.offset, buf, n);
        }
        counters.read(n);
        if (n < len) {
            fail(r, f.path(), ErrorCode.SHORT_READ, "read of " + len + " bytes at offset " + r.offset + " of " + f.path()
                + " returned " + n + (injected ? " (injected)" : ""), now);
        } else {
            succeed(r, f.path(), n, now);
        }
    }

    private void fireWrite(Request r, long now) {
        DurableFile f = r.file.state;
        long total = r.length;
        if (r.file.dead()) {
            fail(r, f.path(), ErrorCode.IO_ERROR, "file closed: " + f.path(), now);
            return;
        }
        if (r.offset > MAX_FILE_BYTES - total) {
            fail(r, f.path(), ErrorCode.NO_SPACE, "write of " + total + " bytes at offset " + r.offset + " of " + f.path()
                + " exceeds the maximum file size " + MAX_FILE_BYTES, now);
            return;
        }
        if (injects(FaultKind.IO_ERROR_WRITE, faults.ioErrorWrite())) {
            fault(FaultKind.IO_ERROR_WRITE, f.path(), r.offset, now);
            fail(r, f.path(), ErrorCode.IO_ERROR, "injected I/O error: write of " + total + " bytes at offset " + r.offset
                + " of " + f.path(), now);
            return;
        }
        byte[] data = gather(r);
        if (total > 0 && injects(FaultKind.TORN_WRITE, faults.tornWrite())) {
            tearWrite(r, f, data, now);
            return;
        }
        if (total > 0 && injects(FaultKind.BIT_FLIP, faults.bitFlip())) {
            flipBit(r, f, data, now);
        }
        if (total > 0) {
            store(f, r.offset, data);
        }
        succeed(r, f.path(), (int) total, now);
    }

    /** An injected torn write: a sector-aligned proper prefix reaches the file, the request fails. */
    private void tearWrite(Request r, DurableFile f, byte[] data, long now) {
        fault(FaultKind.TORN_WRITE, f.path(), r.offset, now);
        int prefix = tornPrefix(r.offset, data.length, faults.sectorSize());
        if (prefix > 0) {
            store(f, r.offset, Arrays.copyOf(data, prefix));
        }
        fail(r, f.path(), ErrorCode.IO_ERROR, "torn write: " + prefix + " of " + r.length + " bytes at offset " + r.offset
            + " of " + f.path() + " reached the file", now);
    }

    /** An injected bit flip: one bit of what the write stores is flipped (position, then bit, drawn). */
    private void flipBit(Request r, DurableFile f, byte[] data, long now) {
        int pos = faultRandom.nextInt(data.length);
        int bit = faultRandom.nextInt(8);
        data[pos] ^= (byte) (1 << bit);
        fault(FaultKind.BIT_FLIP, f.path(), r.offset + pos, now);
    }

    /** The end of a torn prefix: the request's start or a sector boundary strictly inside the request. */
    private int tornPrefix(long offset, int length, int sectorSize) {
        long firstBoundary = (offset / sectorSize + 1) * sectorSize;
        long end = offset + length;
        long inside = firstBoundary >= end ? 0 : (end - 1 - firstBoundary) / sectorSize + 1;
        int pick = faultRandom.nextInt((int) (inside + 1));
        return pick == 0 ? 0 : (int) (firstBoundary + (long) (pick - 1) * sectorSize - offset);
    }

    private void store(DurableFile f, long offset, byte[] data) {
        f.write(offset, data);
        counters.written(data.length);
    }

    private static byte[] gather(Request r) {
        if (r.data != null) {
            return r.data.clone();
        }
        byte[] out = new byte[(int) r.length];
        int pos = 0;
        for (int i = 0; i < r.buffers.size(); i++) {
            byte[] b = r.buffers.get(i);
            if (pos + b.length > out.length) {
                throw new IllegalStateException("pwritev buffers grew after submit: " + r.file.state.path());
            }
            System.arraycopy(b, 0, out, pos, b.length);
            pos += b.length;
        }
        if (pos != out.length) {
            throw new IllegalStateException("pwritev buffers shrank after submit: " + r.file.state.path());
        }
        return out;
    }

    private void fireSync(Request r, long now) {
        DurableFile f = r.file.state;
        if (r.file.dead()) {
            fail(r, f.path(), ErrorCode.IO_ERROR, "file closed: " + f.path(), now);
            return;
        }
        if (injects(FaultKind.IO_ERROR_SYNC, faults.ioErrorSync())) {
            fault(FaultKind.IO_ERROR_SYNC, f.path(), 0, now);
            fail(r, f.path(), ErrorCode.IO_ERROR, "injected I/O error: sync of " + f.path(), now);
            return;
        }
        if (injects(FaultKind.SYNC_FAILURE, faults.syncFailure())) {
            fault(FaultKind.SYNC_FAILURE, f.path(), 0, now);
            int lost = f.forgetUnsynced();
            fail(r, f.path(), ErrorCode.SYNC_FAILED, "injected sync failure: " + lost
                + " unsynced operations of " + f.path() + " will never become durable", now);
            return;
        }
        f.sync();
        succeed(r, f.path(), 0, now);
    }

    private void fireTruncate(Request r, long now) {
        DurableFile f = r.file.state;
        if (r.file.dead()) {
            fail(r, f.path(), ErrorCode.IO_ERROR, "file closed: " + f.path(), now);
            return;
        }
        if (r.offset > MAX_FILE_BYTES) {
            fail(r, f.path(), ErrorCode.NO_SPACE, "truncate of " + f.path() + " to " + r.offset
                + " bytes exceeds the maximum file size " + MAX_FILE_BYTES, now);
            return;
        }
        if (injects(FaultKind.IO_ERROR_TRUNCATE, faults.ioErrorTruncate())) {
            fault(FaultKind.IO_ERROR_TRUNCATE, f.path(), r.offset, now);
            fail(r, f.path(), ErrorCode.IO_ERROR, "injected I/O error: truncate of " + f.path() + " to " + r.offset
                + " bytes", now);
            return;
        }
        f.truncate(r.offset);
        succeed(r, f.path(), 0, now);
    }

    private void succeed(Request r, String path, int result, long now) {
        counters.completed(r.kind);
        SimIOListener l = listener;
        if (l != null) {
            l.onCompletion(now, path, r.kind.completionKind(), r.kind == RequestKind.TIMER ? 0 : r.offset, r.length, result, null);
        }
        r.completion.complete(result);
    }

    private void fail(Request r, String path, ErrorCode code, String message, long now) {
        counters.failed(r.kind);
        SimIOListener l = listener;
        if (l != null) {
            l.onCompletion(now, path, r.kind.completionKind(), r.offset, r.length, 0, code);
        }
        r.completion.fail(new CompletionError(code, message));
    }

    private static void requireOffset(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset: " + offset + " (expected: >= 0)");
        }
    }

    /** A handle on a simulated file; dies when closed or when the SimIO crashes. */
    private final class SimFile implements File {
        final DurableFile state;
        private final long openedInEpoch;
        private boolean closed;

        SimFile(DurableFile state, long openedInEpoch) {
            this.state = state;
            this.openedInEpoch = openedInEpoch;
        }

        boolean dead() {
            return closed || openedInEpoch != epoch;
        }

        @Override
        public String path() {
            return state.path();
        }

        @Override
        public Completion pread(long offset, Completion c) {
            CompletionKind.READ.require(c);
            requireOffset(offset);
            Request r = request(RequestKind.READ, this, offset, c);
            r.length = c.buffer().length;
            enqueue(r, latency.sampleNanos(CompletionKind.READ, ioRandom));
            return c;
        }

        @Override
        public Completion pwrite(long offset, byte[] data, Completion c) {
            CompletionKind.WRITE.require(c);
            requireOffset(offset);
            Objects.requireNonNull(data, "data");
            Request r = request(RequestKind.WRITE, this, offset, c);
            r.data = data;
            r.length = data.length;
            enqueue(r, latency.sampleNanos(CompletionKind.WRITE, ioRandom));
            return c;
        }

        @Override
        public Completion pwritev(long offset, List<byte[]> buffers, Completion c) {
            CompletionKind.WRITE.require(c);
            requireOffset(offset);
            Objects.requireNonNull(buffers, "buffers");
            long total = 0;
            for (int i = 0; i < buffers.size(); i++) {
                byte[] b = buffers.get(i);
                if (b == null) {
                    throw new NullPointerException("buffers[" + i + "]");
                }
                total += b.length;
            }
            if (total > MAX_FILE_BYTES) {
                throw new IllegalArgumentException("buffers: " + total + " bytes (expected: <= " + MAX_FILE_BYTES + ")");
            }
            Request r = request(RequestKind.WRITE, this, offset, c);
            r.buffers = buffers;
            r.length = total;
            enqueue(r, latency.sampleNanos(CompletionKind.WRITE, ioRandom));
            return c;
        }

        @Override
        public Completion sync(Completion c) {
            CompletionKind.SYNC.require(c);
            enqueue(request(RequestKind.SYNC, this, 0, c), latency.sampleNanos(CompletionKind.SYNC, ioRandom));
            return c;
        }

        @Override
        public Completion truncate(long length, Completion c) {
            CompletionKind.TRUNCATE.require(c);
            if (length < 0) {
                throw new IllegalArgumentException("length: " + length + " (expected: >= 0)");
            }
            enqueue(request(RequestKind.TRUNCATE, this, length, c), latency.sampleNanos(CompletionKind.TRUNCATE, ioRandom));
            return c;
        }

        @Override
        public long size() {
            return state.size();
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public String toString() {
            return "SimFile[" + state.path() + (dead() ? ", closed" : "") + "]";
        }
    }
}
