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
import dev.whopper.core.random.SplitMix64;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MpscUnboundedArrayQueue;

/**
 * Real-disk {@link IO} over {@link FileChannel}. Requests run on a small pool of worker threads; each
 * finished request travels back through a JCTools MPSC queue, and its completion (result and callback)
 * runs inside {@link #poll()} on the event loop's thread, so engine code stays single-threaded.
 *
 * <p>Paths are resolved against a root directory. Must be {@link #close() closed} to stop the workers.
 */
public final class FileChannelIO implements IO, AutoCloseable {

    /** A request finished by a worker, waiting to be completed on the event loop. */
    private record Finished(Completion completion, int result, CompletionError error) { }

    private record Timer(long deadlineNanos, long seq, Completion completion) { }

    private final Path root;
    private final ExecutorService workers;
    private final MpscUnboundedArrayQueue<Finished> finished = new MpscUnboundedArrayQueue<>(256);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
        (a, b) -> a.deadlineNanos != b.deadlineNanos ? Long.compare(a.deadlineNanos, b.deadlineNanos) : Long.compare(a.seq, b.seq));
    private long timerSeq;
    private final RandomSource random;
    private volatile Thread eventLoop;

    /**
     * @param root         directory that relative paths resolve against; must exist
     * @param workerThreads number of I/O worker threads, &gt; 0
     */
    public FileChannelIO(Path root, int workerThreads) {
        this.root = Objects.requireNonNull(root, "root");
        if (workerThreads <= 0) {
            throw new IllegalArgumentException("workerThreads: " + workerThreads + " (expected: > 0)");
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("root: " + root + " (expected: an existing directory)");
        }
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "whopper-disk-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.workers = Executors.newFixedThreadPool(workerThreads, tf);
        this.random = new SplitMix64(System.nanoTime() ^ root.hashCode());
    }

    /** @param root directory that relative paths resolve against; two worker threads */
    public FileChannelIO(Path root) {
        this(root, 2);
    }

    @Override
    public File open(String path, boolean create) {
        Path p = root.resolve(path);
        try {
            FileChannel ch = create
                ? FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE)
                : FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE);
            return new DiskFile(path, ch);
        } catch (NoSuchFileException e) {
            throw new IOFailureException(new CompletionError(ErrorCode.IO_ERROR, "no such file: " + p));
        } catch (IOException e) {
            throw new IOFailureException(new CompletionError(ErrorCode.IO_ERROR, "cannot open " + p + ": " + e.getMessage()));
        }
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(root.resolve(path));
    }

    @Override
    public void delete(String path) {
        try {
            Files.deleteIfExists(root.resolve(path));
        } catch (IOException e) {
            throw new IOFailureException(new CompletionError(ErrorCode.IO_ERROR, "cannot delete " + path + ": " + e.getMessage()));
        }
    }

    @Override
    public int poll() {
        eventLoop = Thread.currentThread();
        int ran = 0;
        Finished f;
        while ((f = finished.relaxedPoll()) != null) {
            inFlight.decrementAndGet();
            if (f.error != null) {
                f.completion.fail(f.error);
            } else {
                f.completion.complete(f.result);
            }
            ran++;
        }
        long now = System.nanoTime();
        while (!timers.isEmpty() && timers.peek().deadlineNanos - now <= 0) {
            timers.poll().completion.succeed();
            ran++;
        }
        return ran;
    }

    /**
     * Parks the event loop until a request finishes, a timer is due, or {@code maxNanos} passed.
     *
     * @param maxNanos longest wait
     */
    public void awaitWork(long maxNanos) {
        long wait = maxNanos;
        if (!timers.isEmpty()) {
            wait = Math.min(wait, Math.max(0, timers.peek().deadlineNanos - System.nanoTime()));
        }
        if (finished.isEmpty() && wait > 0) {
            LockSupport.parkNanos(this, wait);
        }
    }

    @Override
    public boolean idle() {
        return inFlight.get() == 0 && timers.isEmpty();
    }

    @Override
    public Completion sleep(long delayNanos, Completion c) {
        CompletionKind.TIMER.require(c);
        if (delayNanos < 0) {
            throw new IllegalArgumentException("delayNanos: " + delayNanos + " (expected: >= 0)");
        }
        c.labelIfAbsent(new IoLabel(CompletionKind.TIMER, null, 0, delayNanos));
        timers.add(new Timer(System.nanoTime() + delayNanos, timerSeq++, c));
        return c;
    }

    @Override
    public Clock clock() {
        return Clock.SYSTEM;
    }

    @Override
    public RandomSource random() {
        return random;
    }

    /** Stops the worker threads after the requests already submitted. */
    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @FunctionalInterface
    private interface DiskOp {
        int run() throws IOException;
    }

    private void submit(Completion c, String what, DiskOp op) {
        c.labelIfAbsent(what); // on the event loop's thread, before a worker can finish c
        inFlight.incrementAndGet();
        try {
            workers.execute(() -> {
                Finished f;
                try {
                    f = new Finished(c, op.run(), null);
                } catch (ShortRead e) {
                    f = new Finished(c, 0, new CompletionError(ErrorCode.SHORT_READ, what + ": " + e.getMessage()));
                } catch (ClosedChannelException e) {
                    f = new Finished(c, 0, new CompletionError(ErrorCode.IO_ERROR, what + ": file closed"));
                } catch (IOException | RuntimeException e) {
                    f = new Finished(c, 0, new CompletionError(ErrorCode.IO_ERROR, what + ": " + e));
                }
                finished.offer(f);
                Thread loop = eventLoop;
                if (loop != null) {
                    LockSupport.unpark(loop);
                }
            });
        } catch (RejectedExecutionException e) {
            finished.offer(new Finished(c, 0, new CompletionError(ErrorCode.IO_ERROR, what + ": backend closed")));
        }
    }

    private static void requireNonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0)");
        }
    }

    private static final class ShortRead extends IOException {
        private static final long serialVersionUID = 1L;

        ShortRead(String message) {
            super(message);
        }
    }

    private final class DiskFile implements File {
        private final String path;
        private final FileChannel ch;

        DiskFile(String path, FileChannel ch) {
            this.path = path;
            this.ch = ch;
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public Completion pread(long offset, Completion c) {
            CompletionKind.READ.require(c);
            requireNonNegative("offset", offset);
            byte[] buf = c.buffer();
            submit(c, "read of " + buf.length + " bytes at offset " + offset + " of " + path, () -> {
                ByteBuffer bb = ByteBuffer.wrap(buf);
                long pos = offset;
                while (bb.hasRemaining()) {
                    int n = ch.read(bb, pos);
                    if (n < 0) {
                        throw new ShortRead("returned " + bb.position());
                    }
                    pos += n;
                }
                return buf.length;
            });
            return c;
        }

        @Override
        public Completion pwritev(long offset, List<byte[]> buffers, Completion c) {
            CompletionKind.WRITE.require(c);
            requireNonNegative("offset", offset);
            List<byte[]> bufs = new ArrayList<>(buffers);
            submit(c, "write at offset " + offset + " of " + path, () -> {
                long pos = offset;
                int total = 0;
                for (byte[] b : bufs) {
                    ByteBuffer bb = ByteBuffer.wrap(b);
                    while (bb.hasRemaining()) {
                        pos += ch.write(bb, pos);
                    }
                    total += b.length;
                }
                return total;
            });
            return c;
        }

        @Override
        public Completion sync(Completion c) {
            CompletionKind.SYNC.require(c);
            submit(c, "sync of " + path, () -> {
                ch.force(true);
                return 0;
            });
            return c;
        }

        @Override
        public Completion truncate(long length, Completion c) {
            CompletionKind.TRUNCATE.require(c);
            requireNonNegative("length", length);
            submit(c, "truncate of " + path + " to " + length, () -> {
                long size = ch.size();
                if (length < size) {
                    ch.truncate(length);
                } else if (length > size) {
                    ch.write(ByteBuffer.wrap(new byte[1]), length - 1);
                }
                return 0;
            });
            return c;
        }

        @Override
        public long size() {
            try {
                return ch.size();
            } catch (IOException e) {
                throw new IOFailureException(new CompletionError(ErrorCode.IO_ERROR, "size of " + path + ": " + e.getMessage()));
            }
        }

        @Override
        public void close() {
            try {
                ch.close();
            } catch (IOException e) {
                throw new IOFailureException(new CompletionError(ErrorCode.IO_ERROR, "close of " + path + ": " + e.getMessage()));
            }
        }
    }
}
