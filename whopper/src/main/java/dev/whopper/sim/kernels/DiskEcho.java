package dev.whopper.sim.kernels;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.CompletionKind;
import dev.whopper.core.io.File;
import dev.whopper.core.io.IO;
import dev.whopper.core.io.IOResult;
import dev.whopper.workloads.spi.FiberContext;
import dev.whopper.workloads.spi.Operation;
import dev.whopper.sim.Simulation;
import dev.whopper.sim.io.CrashOptions;
import dev.whopper.workloads.property.PropertyViolation;
import java.util.Arrays;

/**
 * {@code disk-echo}: a workload on the simulated disk. Each fiber owns a 16-byte slot of one file and, per
 * operation, writes random bytes there, sometimes syncs, reads the slot back and checks it got its bytes
 * ("read-your-writes"), then thinks for a while (an explicit sleep, or an I/O timer). Without checksums
 * it cannot tell a flipped bit from a wrong answer: with bit-flip faults on it fails, which is what the
 * simulator's fault handling and shrinking are tested with. I/O errors fail single operations (they are
 * expected); crashes abandon operations in flight and the file is reopened.
 */
public final class DiskEcho {
    /** The workload name. */
    public static final String NAME = "disk-echo";
    /** The violated property. */
    public static final String PROPERTY = "read-your-writes";
    /** Bytes per fiber slot. */
    public static final int SLOT_BYTES = 16;
    /** Operations per fiber. */
    public static final int OPS_PER_FIBER = 8;

    private DiskEcho() { }

    /** Shared state: the simulated disk and the open file. */
    static final class Disk {
        final IO io;
        File file;

        Disk(IO io) {
            this.io = io;
            this.file = io.open("echo.dat", true);
        }

        void reopen() {
            file = io.open("echo.dat", true);
        }
    }

    /**
     * @param connections number of fibers, &gt; 0
     * @return a builder with the simulated disk (no faults until set; crash recovery configured with no
     *         crashes planned: see {@link Simulation#withCrashes}), the fibers and the property
     */
    public static Simulation.Builder<?> builder(int connections) {
        return builderWithCrashes(connections, 0);
    }

    /**
     * {@link #builder} with {@code crashes} crashes that keep some unsynced writes and tear one.
     *
     * @param connections number of fibers
     * @param crashes     crashes per run
     * @return the builder
     */
    public static Simulation.Builder<?> builderWithCrashes(int connections, int crashes) {
        if (connections <= 0) {
            throw new IllegalArgumentException("connections: " + connections + " (expected: > 0)");
        }
        return Simulation.builderWithIO(Disk::new)
            .workload(NAME)
            .fibers(connections, OPS_PER_FIBER, DiskEcho::echo)
            .crashes(crashes, CrashOptions.keepSomeAndTear(), Disk::reopen);
    }

    private static Operation<Void> echo(Disk disk, FiberContext ctx) {
        return new Operation<>() {
            private int state;
            private byte[] data;
            private Completion pending;

            @Override
            public IOResult<Void> step() {
                long offset = (long) ctx.id() * SLOT_BYTES;
                switch (state) {
                    case 0 -> {
                        byte[] d = new byte[SLOT_BYTES];
                        long r = ctx.random().nextLong();
                        for (int i = 0; i < SLOT_BYTES; i++) {
                            d[i] = (byte) (r >>> (8 * (i % 8)) ^ i);
                        }
                        data = d;
                        state = 1;
                        pending = disk.file.pwrite(offset, d, Completion.write(null));
                        return IOResult.io(pending);
                    }
                    case 1 -> {
                        check(pending);
                        if (ctx.random().nextInt(4) == 0) {
                            state = 2;
                            pending = disk.file.sync(Completion.sync(null));
                            return IOResult.io(pending);
                        }
                        state = 3;
                        return IOResult.io(Completion.yielded());
                    }
                    case 2 -> {
                        check(pending);
                        state = 3;
                        return IOResult.io(Completion.yielded());
                    }
                    case 3 -> {
                        state = 4;
                        pending = disk.file.pread(offset, Completion.read(new byte[SLOT_BYTES], null));
                        return IOResult.io(pending);
                    }
                    case 4 -> {
                        check(pending);
                        if (!Arrays.equals(pending.buffer(), data)) {
                            throw new PropertyViolation(PROPERTY, "fiber " + ctx.id() + " wrote "
                                + hex(data) + " at " + offset + " and read back " + hex(pending.buffer()));
                        }
                        state = 5;
                        long thinkNanos = 1_000 + ctx.random().nextInt(50_000);
                        pending = ctx.id() % 2 == 0 ? ctx.sleep(thinkNanos)
                            : disk.io.sleep(thinkNanos, Completion.timer(null));
                        return IOResult.io(pending);
                    }
                    default -> {
                        if (pending.kind() != CompletionKind.TIMER || !pending.finished()) {
                            throw new IllegalStateException("think time resumed before its timer fired");
                        }
                        return IOResult.done();
                    }
                }
            }

            @Override
            public String kind() {
                return "echo";
            }
        };
    }

    private static void check(Completion c) {
        if (c.failed()) {
            throw c.error().toException();
        }
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return sb.toString();
    }
}
