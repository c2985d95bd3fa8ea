package dev.whopper.workloads.echo;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.CompletionKind;
import dev.whopper.core.io.File;
import dev.whopper.core.io.IO;
import dev.whopper.core.io.IOResult;
import dev.whopper.workloads.spi.FiberContext;
import dev.whopper.workloads.spi.FiberProgram;
import dev.whopper.workloads.spi.Operation;
import dev.whopper.workloads.property.PropertyViolation;
import dev.whopper.workloads.spi.Workload;
import dev.whopper.workloads.spi.WorldContext;
import java.util.List;
import java.util.Arrays;

/**
 * {@code disk-echo}: a workload on the simulated disk. Each fiber owns a 16-byte slot of one file and, per
 * operation, writes random bytes there, sometimes syncs, reads the slot back and checks it got its bytes
 * ("read-your-writes"), then thinks for a while (an explicit sleep, or an I/O timer). Without checksums
 * it cannot tell a flipped bit from a wrong answer: with bit-flip faults on it fails, which is what the
 * simulator's fault handling and shrinking are tested with. I/O errors fail single operations (they are
 * expected); crashes abandon operations in flight and the file is reopened.
 */
public final class DiskEcho implements Workload<DiskEcho.Disk> {
    /** The workload name. */
    public static final String NAME = "disk-echo";
    /** The violated property. */
    public static final String PROPERTY = "read-your-writes";
    /** Bytes per fiber slot. */
    public static final int SLOT_BYTES = 16;
    /** Operations per fiber. */
    public static final int OPS_PER_FIBER = 8;

    /** The workload (stateless; every run gets a fresh {@link Disk}). */
    public static final DiskEcho WORKLOAD = new DiskEcho();

    private DiskEcho() { }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "each connection writes its own slot of one file, sometimes syncs, and reads it back (read-your-writes; "
            + "fails on bit flips, having no checksums)";
    }

    @Override
    public boolean usesDisk() {
        return true;
    }

    @Override
    public Disk createWorld(WorldContext ctx) {
        return new Disk(ctx.io());
    }

    @Override
    public FiberProgram program(Disk disk, FiberContext ctx) {
        return FiberProgram.repeat(OPS_PER_FIBER, () -> echo(disk, ctx));
    }

    @Override
    public List<String> propertyNames() {
        return List.of(PROPERTY); // checked inline, by each operation's read-back
    }

    @Override
    public CrashRecovery<Disk> crashRecovery() {
        return Disk::reopen;
    }

    /** Shared state: the simulated disk and the open file. */
    public static final class Disk {
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
