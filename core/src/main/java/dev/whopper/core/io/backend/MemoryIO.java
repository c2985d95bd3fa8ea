package dev.whopper.core.io.backend;

import dev.whopper.core.io.Clock;
import dev.whopper.core.io.Completion;
import dev.whopper.core.io.CompletionError;
import dev.whopper.core.io.CompletionKind;
import dev.whopper.core.io.IoLabel;
import dev.whopper.core.io.ErrorCode;
import dev.whopper.core.io.File;
import dev.whopper.core.io.IO;
import dev.whopper.core.io.IOFailureException;
import dev.whopper.core.io.RandomSource;
import dev.whopper.core.io.model.DurableFile;
import dev.whopper.core.io.model.VolumeIO;
import dev.whopper.core.random.SplitMix64;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * In-memory {@link IO} for tests and examples. Single-threaded; deterministic for a given
 * {@link Delivery} and random source.
 *
 * <ul>
 *   <li>{@link Delivery#IMMEDIATE}: every request completes inside the call that submitted it.</li>
 *   <li>{@link Delivery#FIFO}: requests complete in {@link #poll()}, in submission order.</li>
 *   <li>{@link Delivery#RANDOM}: requests complete in {@link #poll()}, in an order drawn from the
 *       delivery random source.</li>
 * </ul>
 * A request's data effect happens when it completes; a request whose completion was aborted while in
 * flight has no data effect. Files are the shared durable-file model ({@link DurableFile} in a
 * {@link Volume}): a volatile image (what reads see) and a durable image (what survives {@link #crash()});
 * a SYNC makes every write and truncation completed before it durable when it completes. Timers use a virtual clock: when a poll finds nothing else to do,
 * it jumps the clock to the next timer. A {@link FaultHook} can fail chosen requests.
 */
public final class MemoryIO extends VolumeIO {

    /** When requests complete. */
    public enum Delivery {
        /** Every request completes inside the call that submitted it. */
        IMMEDIATE,
        /** Requests complete in {@link MemoryIO#poll()}, in submission order. */
        FIFO,
        /** Requests complete in {@link MemoryIO#poll()}, in a seeded random order. */
        RANDOM
    }

    /** Decides, at completion time, whether a request fails. */
    @FunctionalInterface
    public interface FaultHook {
        /**
         * @param path   the file
         * @param kind   READ, WRITE, SYNC or TRUNCATE
         * @param offset byte offset (0 for SYNC)
         * @param length bytes involved (0 for SYNC)
         * @return the error to fail with, or {@code null} to let the request succeed
         */
        CompletionError check(String path, CompletionKind kind, long offset, int length);
    }

    private record Timer(long deadlineNanos, long seq, Completion completion) { }

    private final Delivery delivery;
    private final RandomSource deliveryRandom;
    private final RandomSource engineRandom;
    private ArrayList<Runnable> pending = new ArrayList<>();
    private ArrayList<Runnable> spare = new ArrayList<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
        (a, b) -> a.deadlineNanos != b.deadlineNanos ? Long.compare(a.deadlineNanos, b.deadlineNanos) : Long.compare(a.seq, b.seq));
    private long timerSeq;
    private long nowNanos;
    private FaultHook faultHook;
    private boolean polling;
    private long crashes;
    private final Clock clock = () -> nowNanos;

    /**
     * @param delivery       when requests complete
     * @param deliveryRandom order of {@link Delivery#RANDOM} delivery (ignored otherwise, may be null then)
     * @param engineRandom   the random source handed to the engine through {@link #random()}
     */
    public MemoryIO(Delivery delivery, RandomSource deliveryRandom, RandomSource engineRandom) {
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        if (delivery == Delivery.RANDOM && deliveryRandom == null) {
            throw new IllegalArgumentException("deliveryRandom: null (expected: a random source for RANDOM delivery)");
        }
        this.deliveryRandom = deliveryRandom;
        this.engineRandom = Objects.requireNonNull(engineRandom, "engineRandom");
    }

    /** @return a MemoryIO whose requests complete at once */
    public static MemoryIO immediate() {
        return new MemoryIO(Delivery.IMMEDIATE, null, new SplitMix64(0));
    }

    /** @return a MemoryIO whose requests complete in {@link #poll()} in submission order */
    public static MemoryIO fifo() {
        return new MemoryIO(Delivery.FIFO, null, new SplitMix64(0));
    }

    /**
     * @param seed seed of the delivery order and of the engine's random source
     * @return a MemoryIO whose requests complete in {@link #poll()} in a seeded random order
     */
    public static MemoryIO randomOrder(long seed) {
        SplitMix64 root = new SplitMix64(seed);
        return new MemoryIO(Delivery.RANDOM, new SplitMix64(root.nextLong()), new SplitMix64(root.nextLong()));
    }

    /** @param hook decides which requests fail; {@code null} for none */
    public void setFaultHook(FaultHook hook) {
        this.faultHook = hook;
    }

    /** @return the delivery mode */
    public Delivery delivery() {
        return delivery;
    }

    @Override
    public File open(String path, boolean create) {
        return new MemFile(path, volume().open(path, create));
    }

    @Override
    public int poll() {
        if (polling) {
            throw new IllegalStateException("poll() called from inside a completion callback of the same MemoryIO");
        }
        polling = true;
        try {
            return pollOnce();
        } finally {
            polling = false;
        }
    }

    private int pollOnce() {
        int ran = 0;
        if (!pending.isEmpty()) {
            ArrayList<Runnable> batch = pending;
            pending = spare;
            spare = batch;
            if (delivery == Delivery.RANDOM) {
                for (int i = batch.size() - 1; i > 0; i--) {
                    int j = deliveryRandom.nextInt(i + 1);
                    Runnable t = batch.get(i);
                    batch.set(i, batch.get(j));
                    batch.set(j, t);
                }
            }
            long crashesBefore = crashes;
            int next = 0;
            try {
                while (next < batch.size()) {
                    batch.get(next++).run();
                    if (crashes != crashesBefore) {
                        break; // a callback crashed the machine: the rest of the batch was in flight, lost
                    }
                }
            } finally {
                if (crashes == crashesBefore && next < batch.size()) {
                    // A callback threw: keep the requests that did not run, in order, for the next poll.
                    pending.addAll(0, batch.subList(next, batch.size()));
                }
                batch.clear();
            }
            ran = next;
        }
        if (ran == 0 && !timers.isEmpty() && timers.peek().deadlineNanos > nowNanos) {
            nowNanos = timers.peek().deadlineNanos;
        }
        while (!timers.isEmpty() && timers.peek().deadlineNanos <= nowNanos) {
            timers.poll().completion.succeed();
            ran++;
        }
        return ran;
    }

    @Override
    public boolean idle() {
        return pending.isEmpty() && timers.isEmpty();
    }

    /** @return requests submitted and not completed yet (timers excluded) */
    public int pendingRequests() {
        return pending.size();
    }

    @Override
    public Completion sleep(long delayNanos, Completion c) {
        CompletionKind.TIMER.require(c);
        if (delayNanos < 0) {
            throw new IllegalArgumentException("delayNanos: " + delayNanos + " (expected: >= 0)");
        }
        c.labelIfAbsent(new IoLabel(CompletionKind.TIMER, null, 0, delayNanos));
        timers.add(new Timer(nowNanos + delayNanos, timerSeq++, c));
        return c;
    }

    /**
     * Advances the virtual clock (timers then fire in the next {@link #poll()}).
     *
     * @param nanos how far, &gt;= 0
     */
    public void advanceTime(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("nanos: " + nanos + " (expected: >= 0)");
        }
        nowNanos += nanos;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public RandomSource random() {
        return engineRandom;
    }

    /**
     * Power loss: every request in flight and every timer is dropped without completing, and each
     * file's volatile image is replaced by its durable image. May be called from a completion callback:
     * the requests of the running {@link #poll()} that have not completed yet are dropped too.
     */
    public void crash() {
        crash(null, 0.0, 512);
    }

    /**
     * Power loss that keeps a random subset of the unsynced data at sector granularity, which tears
     * pages that straddle kept and lost sectors. Requests in flight and timers are dropped without
     * completing.
     *
     * @param rng                  decides which sectors survive ({@code null}: none)
     * @param keepSectorProbability chance that one unsynced sector survives
     * @param sectorSize           sector size in bytes, &gt; 0
     */
    public void crash(RandomSource rng, double keepSectorProbability, int sectorSize) {
        volume().crashKeepingSectors(rng, keepSectorProbability, sectorSize);
        crashes++;
        pending.clear();
        timers.clear();
    }

    /**
     * Flips one bit of a file in both its volatile and durable images (bit rot).
     *
     * @param path   the file
     * @param offset byte offset inside the file
     * @param bit    bit index 0..7
     */
    public void flipBit(String path, long offset, int bit) {
        DurableFile f = volume().file(path);
        if (f == null || offset < 0 || offset >= f.size()) {
            throw new IllegalArgumentException("flipBit: no byte " + offset + " in " + path);
        }
        f.flipBit(offset, bit & 7);
    }

    /**
     * @param path the file
     * @return a copy of the file's volatile image
     */
    public byte[] contents(String path) {
        DurableFile f = volume().file(path);
        if (f == null) {
            throw new IllegalArgumentException("no such file: " + path);
        }
        return f.contents();
    }

    private void submit(Runnable op) {
        if (delivery == Delivery.IMMEDIATE) {
            op.run();
        } else {
            pending.add(op);
        }
    }

    private CompletionError fault(String path, CompletionKind kind, long offset, int length) {
        FaultHook h = faultHook;
        return h == null ? null : h.check(path, kind, offset, length);
    }

    private static void requireOffset(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset: " + offset + " (expected: >= 0)");
        }
    }

    private final class MemFile implements File {
        private final String path;
        private final DurableFile file;
        private boolean closed;

        MemFile(String path, DurableFile file) {
            this.path = path;
            this.file = file;
        }

        @Override
        public String path() {
            return path;
        }

        private boolean failIfClosed(Completion c) {
            if (closed) {
                submit(() -> c.fail(new CompletionError(ErrorCode.IO_ERROR, "file closed: " + path)));
                return true;
            }
            return false;
        }

        /**
         * At completion time: true when the request goes ahead with its data effect; false when its completion
         * was aborted while in flight (no data effect: a read must not fill a buffer given up) or the fault
         * hook failed it.
         */
        private boolean proceeds(Completion c, CompletionKind kind, long offset, int length) {
            if (c.finished()) {
                return false;
            }
            CompletionError e = fault(path, kind, offset, length);
            if (e != null) {
                c.fail(e);
                return false;
            }
            return true;
        }

        private void requireFits(long end) {
            if (end > DurableFile.MAX_BYTES) {
                throw new IllegalArgumentException("MemoryIO file too large: " + end + " bytes");
            }
        }

        @Override
        public Completion pread(long offset, Completion c) {
            CompletionKind.READ.require(c);
            requireOffset(offset);
            c.labelIfAbsent(new IoLabel(CompletionKind.READ, path, offset, c.buffer().length));
            if (failIfClosed(c)) {
                return c;
            }
            submit(() -> {
                if (!proceeds(c, CompletionKind.READ, offset, c.buffer().length)) {
                    return;
                }
                byte[] buf = c.buffer();
                int n = file.read(offset, buf, buf.length);
                if (n < buf.length) {
                    c.fail(new CompletionError(ErrorCode.SHORT_READ, "read of " + buf.length + " bytes at offset "
                        + offset + " of " + path + " returned " + n));
                } else {
                    c.complete(n);
                }
            });
            return c;
        }

        @Override
        public Completion pwritev(long offset, List<byte[]> buffers, Completion c) {
            CompletionKind.WRITE.require(c);
            requireOffset(offset);
            long sum = 0;
            for (int i = 0; i < buffers.size(); i++) {
                sum += buffers.get(i).length;
            }
            long total = sum;
            c.labelIfAbsent(new IoLabel(CompletionKind.WRITE, path, offset, total));
            if (failIfClosed(c)) {
                return c;
            }
            submit(() -> {
                if (!proceeds(c, CompletionKind.WRITE, offset, (int) total)) {
                    return;
                }
                requireFits(offset + total);
                if (total > 0) {
                    file.write(offset, gather(buffers, (int) total));
                } else if (offset > file.size()) {
                    file.truncate(offset); // an empty write past the end extends the file, as it always did here
                }
                c.complete((int) total);
            });
            return c;
        }

        @Override
        public Completion sync(Completion c) {
            CompletionKind.SYNC.require(c);
            c.labelIfAbsent(new IoLabel(CompletionKind.SYNC, path, 0, 0));
            if (failIfClosed(c)) {
                return c;
            }
            submit(() -> {
                if (!proceeds(c, CompletionKind.SYNC, 0, 0)) {
                    return;
                }
                file.sync();
                c.succeed();
            });
            return c;
        }

        @Override
        public Completion truncate(long length, Completion c) {
            CompletionKind.TRUNCATE.require(c);
            if (length < 0) {
                throw new IllegalArgumentException("length: " + length + " (expected: >= 0)");
            }
            c.labelIfAbsent(new IoLabel(CompletionKind.TRUNCATE, path, length, 0));
            if (failIfClosed(c)) {
                return c;
            }
            submit(() -> {
                if (!proceeds(c, CompletionKind.TRUNCATE, length, 0)) {
                    return;
                }
                requireFits(length);
                file.truncate(length);
                c.succeed();
            });
            return c;
        }

        @Override
        public long size() {
            return file.size();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static byte[] gather(List<byte[]> buffers, int total) {
        byte[] out = new byte[total];
        int pos = 0;
        for (int i = 0; i < buffers.size(); i++) {
            byte[] b = buffers.get(i);
            System.arraycopy(b, 0, out, pos, b.length);
            pos += b.length;
        }
        return out;
    }
}
