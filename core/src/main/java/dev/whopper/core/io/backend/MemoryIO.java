package dev.whopper.core.io.backend;

import dev.whopper.core.io.Clock;
import dev.whopper.core.io.Completion;
import dev.whopper.core.io.CompletionError;
import dev.whopper.core.io.CompletionKind;
import dev.whopper.core.io.ErrorCode;
import dev.whopper.core.io.File;
import dev.whopper.core.io.IO;
import dev.whopper.core.io.IOFailureException;
import dev.whopper.core.io.RandomSource;
import dev.whopper.core.random.SplitMix64;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.TreeMap;

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
 * flight has no data effect. Each file has a volatile image (what reads see)
 * and a durable image (what survives {@link #crash()}); a SYNC copies the volatile image into the
 * durable one when it completes. Timers use a virtual clock: when a poll finds nothing else to do,
 * it jumps the clock to the next timer. A {@link FaultHook} can fail chosen requests.
 */
public final class MemoryIO implements IO {

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

    private static final class Storage {
        byte[] data = new byte[0];
        int length;
        byte[] durable = new byte[0];
        int durableLength;
        /** Bytes [dirtyFrom, dirtyTo) may differ from the durable image; outside it they are equal. */
        int dirtyFrom = Integer.MAX_VALUE;
        int dirtyTo;

        void touched(long from, long to) {
            dirtyFrom = (int) Math.min(dirtyFrom, from);
            dirtyTo = (int) Math.max(dirtyTo, to);
        }

        /** Makes the durable image equal the volatile one, copying only what changed since the last sync. */
        void syncDurable() {
            if (durable.length < length) {
                durable = Arrays.copyOf(durable, (int) Math.max(length, Math.min(Integer.MAX_VALUE - 8, durable.length * 2L)));
            }
            int from = Math.min(dirtyFrom, length);
            int to = Math.min(dirtyTo, length);
            if (from < to) {
                System.arraycopy(data, from, durable, from, to - from);
            }
            durableLength = length;
            dirtyFrom = Integer.MAX_VALUE;
            dirtyTo = 0;
        }

        void ensure(long end) {
            if (end > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("MemoryIO file too large: " + end + " bytes");
            }
            if (end > data.length) {
                data = Arrays.copyOf(data, (int) Math.max(end, Math.min(Integer.MAX_VALUE - 8, data.length * 2L)));
            }
        }
    }

    private record Timer(long deadlineNanos, long seq, Completion completion) { }

    private final Delivery delivery;
    private final RandomSource deliveryRandom;
    private final RandomSource engineRandom;
    private final TreeMap<String, Storage> files = new TreeMap<>();
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
        Objects.requireNonNull(path, "path");
        Storage s = files.get(path);
        if (s == null) {
            if (!create) {
                throw new IOFailureException(new CompletionError(ErrorCode.IO_ERROR, "no such file: " + path));
            }
            s = new Storage();
            files.put(path, s);
        }
        return new MemFile(path, s);
    }

    @Override
    public boolean exists(String path) {
        return files.containsKey(path);
    }

    @Override
    public void delete(String path) {
        files.remove(path);
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
        requireKind(c, CompletionKind.TIMER);
        if (delayNanos < 0) {
            throw new IllegalArgumentException("delayNanos: " + delayNanos + " (expected: >= 0)");
        }
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
        if (sectorSize <= 0) {
            throw new IllegalArgumentException("sectorSize: " + sectorSize + " (expected: > 0)");
        }
        crashes++;
        pending.clear();
        timers.clear();
        for (Storage s : files.values()) {
            byte[] image = Arrays.copyOf(s.durable, Math.max(s.durable.length, s.length));
            int newLength = s.durableLength;
            if (rng != null) {
                for (int start = 0; start < s.length; start += sectorSize) {
                    int end = Math.min(s.length, start + sectorSize);
                    boolean differs = end > s.durableLength
                        || !Arrays.equals(s.data, start, end, s.durable, start, end);
                    if (differs && rng.chance(keepSectorProbability)) {
                        System.arraycopy(s.data, start, image, start, end - start);
                        newLength = Math.max(newLength, end);
                    }
                }
            }
            s.data = image;
            s.length = newLength;
            s.durable = Arrays.copyOf(image, image.length);
            s.durableLength = newLength;
            s.dirtyFrom = Integer.MAX_VALUE;
            s.dirtyTo = 0;
        }
    }

    /**
     * Flips one bit of a file in both its volatile and durable images (bit rot).
     *
     * @param path   the file
     * @param offset byte offset inside the file
     * @param bit    bit index 0..7
     */
    public void flipBit(String path, long offset, int bit) {
        Storage s = files.get(path);
        if (s == null || offset < 0 || offset >= s.length) {
            throw new IllegalArgumentException("flipBit: no byte " + offset + " in " + path);
        }
        s.data[(int) offset] ^= (byte) (1 << (bit & 7));
        if (offset < s.durableLength) {
            s.durable[(int) offset] ^= (byte) (1 << (bit & 7));
        }
    }

    /**
     * @param path the file
     * @return a copy of the file's volatile image
     */
    public byte[] contents(String path) {
        Storage s = files.get(path);
        if (s == null) {
            throw new IllegalArgumentException("no such file: " + path);
        }
        return Arrays.copyOf(s.data, s.length);
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

    private static void requireKind(Completion c, CompletionKind kind) {
        if (c.kind() != kind) {
            throw new IllegalArgumentException("completion kind: " + c.kind() + " (expected: " + kind + ")");
        }
    }

    private static void requireOffset(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset: " + offset + " (expected: >= 0)");
        }
    }

    private final class MemFile implements File {
        private final String path;
        private final Storage s;
        private boolean closed;

        MemFile(String path, Storage s) {
            this.path = path;
            this.s = s;
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

        @Override
        public Completion pread(long offset, Completion c) {
            requireKind(c, CompletionKind.READ);
            requireOffset(offset);
            if (failIfClosed(c)) {
                return c;
            }
            submit(() -> {
                if (c.finished()) {
                    return; // aborted while in flight: no data effect (a read must not fill a buffer given up)
                }
                byte[] buf = c.buffer();
                CompletionError e = fault(path, CompletionKind.READ, offset, buf.length);
                if (e != null) {
                    c.fail(e);
                    return;
                }
                long available = Math.max(0, s.length - offset);
                int n = (int) Math.min(available, buf.length);
                if (n > 0) {
                    System.arraycopy(s.data, (int) offset, buf, 0, n);
                }
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
        public Completion pwrite(long offset, byte[] data, Completion c) {
            return pwritev(offset, List.of(data), c);
        }

        @Override
        public Completion pwritev(long offset, List<byte[]> buffers, Completion c) {
            requireKind(c, CompletionKind.WRITE);
            requireOffset(offset);
            if (failIfClosed(c)) {
                return c;
            }
            submit(() -> {
                if (c.finished()) {
                    return; // aborted while in flight: no data effect (a read must not fill a buffer given up)
                }
                long total = 0;
                for (int i = 0; i < buffers.size(); i++) {
                    total += buffers.get(i).length;
                }
                CompletionError e = fault(path, CompletionKind.WRITE, offset, (int) total);
                if (e != null) {
                    c.fail(e);
                    return;
                }
                s.ensure(offset + total);
                s.touched(Math.min(offset, s.length), offset + total);
                if (offset > s.length) {
                    Arrays.fill(s.data, s.length, (int) offset, (byte) 0);
                }
                long pos = offset;
                for (int i = 0; i < buffers.size(); i++) {
                    byte[] b = buffers.get(i);
                    System.arraycopy(b, 0, s.data, (int) pos, b.length);
                    pos += b.length;
                }
                s.length = (int) Math.max(s.length, pos);
                c.complete((int) total);
            });
            return c;
        }

        @Override
        public Completion sync(Completion c) {
            requireKind(c, CompletionKind.SYNC);
            if (failIfClosed(c)) {
                return c;
            }
            submit(() -> {
                if (c.finished()) {
                    return; // aborted while in flight: no data effect (a read must not fill a buffer given up)
                }
                CompletionError e = fault(path, CompletionKind.SYNC, 0, 0);
                if (e != null) {
                    c.fail(e);
                    return;
                }
                s.syncDurable();
                c.succeed();
            });
            return c;
        }

        @Override
        public Completion truncate(long length, Completion c) {
            requireKind(c, CompletionKind.TRUNCATE);
            if (length < 0) {
                throw new IllegalArgumentException("length: " + length + " (expected: >= 0)");
            }
            if (failIfClosed(c)) {
                return c;
            }
            submit(() -> {
                if (c.finished()) {
                    return; // aborted while in flight: no data effect (a read must not fill a buffer given up)
                }
                CompletionError e = fault(path, CompletionKind.TRUNCATE, length, 0);
                if (e != null) {
                    c.fail(e);
                    return;
                }
                s.ensure(length);
                s.touched(Math.min(length, s.length), Math.max(length, s.length));
                if (length > s.length) {
                    Arrays.fill(s.data, s.length, (int) length, (byte) 0);
                }
                s.length = (int) length;
                c.succeed();
            });
            return c;
        }

        @Override
        public long size() {
            return s.length;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
