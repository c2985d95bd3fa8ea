package dev.whopper.core.sm;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.CompletionError;
import dev.whopper.core.io.CompletionGroup;
import dev.whopper.core.io.CompletionKind;
import dev.whopper.core.io.ErrorCode;
import dev.whopper.core.io.File;
import dev.whopper.core.io.IOFailureException;
import dev.whopper.core.io.YieldInjector;
import dev.whopper.core.io.YieldPoint;
import dev.whopper.core.io.backend.Blocking;
import dev.whopper.core.io.backend.MemoryIO;
import dev.whopper.core.random.SplitMix64;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A sample state machine (a group of writes, a sync, several reads, a summary write and its read-back,
 * a probe past the end) gives the same result and the same file whether its completions arrive at once
 * ({@link MemoryIO#immediate()}), in order, or in a seeded random order, with or without injected yields.
 */
class SampleMachineEquivalenceTest {

    /** The machine's yield points. */
    enum Point implements YieldPoint { BETWEEN_READS, BEFORE_SUMMARY }

    /** What the machine returns. */
    record Summary(List<String> records, long crc, long fileSize, boolean probeWasShort, int ioWaits) {
        /** The result without the number of waits, which differs between delivery modes. */
        Summary withoutWaits() {
            return new Summary(records, crc, fileSize, probeWasShort, 0);
        }
    }

    /** Writes records as a group, syncs, reads them back one by one, writes and re-reads a CRC trailer. */
    static final class Journal implements StateTransition<Summary> {
        private enum State { START, WRITING, SYNCING, READING, SUMMARY_WRITTEN, SUMMARY_READ, PROBING }

        private final File file;
        private final List<byte[]> records;
        private final YieldInjector yields;
        private State state = State.START;
        private Completion waiting;
        private int readIndex;
        private long readOffset;
        private final List<String> readBack = new ArrayList<>();
        private final CRC32 crc = new CRC32();
        private long storedCrc;
        private int ioWaits;

        Journal(File file, List<String> records, YieldInjector yields) {
            this.file = file;
            this.records = new ArrayList<>();
            for (String r : records) {
                this.records.add(r.getBytes(US_ASCII));
            }
            this.yields = yields;
        }

        private Transition<Summary> await(Completion c) {
            waiting = c;
            ioWaits++;
            return Transition.io(c);
        }

        private void requireOk() {
            if (waiting.failed()) {
                throw waiting.error().toException();
            }
        }

        private long totalBytes() {
            long n = 0;
            for (byte[] r : records) {
                n += 1 + r.length;
            }
            return n;
        }

        @Override
        public Transition<Summary> transition() {
            switch (state) {
                case START -> {
                    // Length-prefixed records, all written at once: they may complete in any order.
                    CompletionGroup group = new CompletionGroup(records.size() * 2);
                    long offset = 0;
                    for (byte[] r : records) {
                        group.add(file.pwrite(offset, new byte[] {(byte) r.length}, Completion.write(null)));
                        group.add(file.pwrite(offset + 1, r, Completion.write(null)));
                        offset += 1 + r.length;
                    }
                    state = State.WRITING;
                    return await(group.build());
                }
                case WRITING -> {
                    requireOk();
                    state = State.SYNCING;
                    return await(file.sync(Completion.sync(null)));
                }
                case SYNCING -> {
                    requireOk();
                    state = State.READING;
                    return Transition.proceed();
                }
                case READING -> {
                    if (waiting.kind() == CompletionKind.READ) {
                        requireOk();
                        byte[] buf = waiting.buffer();
                        readBack.add(new String(buf, 1, buf.length - 1, US_ASCII));
                        crc.update(buf);
                        readOffset += buf.length;
                        readIndex++;
                        waiting = Completion.yielded();
                    }
                    if (readIndex == records.size()) {
                        state = State.SUMMARY_WRITTEN;
                        if (yields.shouldYield(Point.BEFORE_SUMMARY)) {
                            return await(Completion.yielded());
                        }
                        return Transition.proceed();
                    }
                    if (yields.shouldYield(Point.BETWEEN_READS)) {
                        return await(Completion.yielded());
                    }
                    // The reader knows each record's length from what it wrote; it reads prefix + body.
                    int len = 1 + records.get(readIndex).length;
                    return await(file.pread(readOffset, Completion.read(new byte[len], null)));
                }
                case SUMMARY_WRITTEN -> {
                    if (waiting.kind() != CompletionKind.WRITE) {
                        byte[] trailer = longBytes(crc.getValue());
                        return await(file.pwrite(totalBytes(), trailer, Completion.write(null)));
                    }
                    requireOk();
                    state = State.SUMMARY_READ;
                    return await(file.pread(totalBytes(), Completion.read(new byte[8], null)));
                }
                case SUMMARY_READ -> {
                    requireOk();
                    storedCrc = bytesLong(waiting.buffer());
                    state = State.PROBING;
                    return await(file.pread(totalBytes() + 4, Completion.read(new byte[8], null)));
                }
                case PROBING -> {
                    boolean shortRead = waiting.failed() && waiting.error().code() == ErrorCode.SHORT_READ;
                    if (waiting.failed() && !shortRead) {
                        throw waiting.error().toException();
                    }
                    return Transition.done(new Summary(List.copyOf(readBack), storedCrc, file.size(), shortRead, ioWaits));
                }
                default -> throw new AssertionError(state);
            }
        }
    }

    static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    static long bytesLong(byte[] b) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (b[i] & 0xFFL) << (8 * i);
        }
        return v;
    }

    /** A seeded injector that yields at about a third of the points it is asked about. */
    static YieldInjector seededYields(long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        return point -> rng.chance(0.35);
    }

    record Outcome(Summary summary, byte[] file) { }

    static Outcome run(MemoryIO io, List<String> records, YieldInjector yields) {
        File f = io.open("journal", true);
        StateMachine<Summary> sm = new StateMachine<>(new Journal(f, records, yields));
        Summary s = Blocking.run(io, sm::step, 100_000);
        return new Outcome(s, io.contents("journal"));
    }

    @Provide
    Arbitrary<List<String>> records() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(0).ofMaxLength(24).list().ofMinSize(1).ofMaxSize(10);
    }

    @Property(tries = 200)
    void randomCompletionOrderGivesTheImmediateResult(@ForAll("records") List<String> records, @ForAll long seed) {
        Outcome expected = run(MemoryIO.immediate(), records, YieldInjector.NONE);
        Outcome random = run(MemoryIO.randomOrder(seed), records, YieldInjector.NONE);
        Outcome randomWithYields = run(MemoryIO.randomOrder(seed), records, seededYields(seed));
        Outcome fifo = run(MemoryIO.fifo(), records, seededYields(~seed));

        assertEquals(records, expected.summary().records(), "the machine reads back what it wrote");
        assertTrue(expected.summary().probeWasShort());
        for (Outcome o : List.of(random, randomWithYields, fifo)) {
            assertEquals(expected.summary().withoutWaits(), o.summary().withoutWaits());
            assertArrayEquals(expected.file(), o.file());
        }
    }

    @Test
    void randomOrderReallyReordersTheGroupsWrites() {
        // Guard against a vacuous property: the group's writes do complete out of submission order.
        boolean reordered = false;
        for (long seed = 0; seed < 10 && !reordered; seed++) {
            MemoryIO io = MemoryIO.randomOrder(seed);
            File f = io.open("x", true);
            List<Integer> order = new ArrayList<>();
            CompletionGroup g = new CompletionGroup();
            for (int i = 0; i < 6; i++) {
                int idx = i;
                g.add(f.pwrite(i, new byte[] {1}, Completion.write(c -> order.add(idx))));
            }
            Completion built = g.build();
            io.poll();
            assertTrue(built.succeeded());
            reordered = !order.equals(List.of(0, 1, 2, 3, 4, 5));
        }
        assertTrue(reordered);
    }

    @Test
    void failedWriteInTheGroupFailsTheMachine() {
        MemoryIO io = MemoryIO.randomOrder(1);
        io.setFaultHook((path, kind, offset, length) -> kind == CompletionKind.WRITE && offset == 0
            ? new CompletionError(ErrorCode.IO_ERROR, "bad sector 0") : null);
        File f = io.open("journal", true);
        StateMachine<Summary> sm = new StateMachine<>(new Journal(f, List.of("abc", "de"), YieldInjector.NONE));
        IOFailureException e = assertThrows(
            IOFailureException.class, () -> Blocking.run(io, sm::step, 1000));
        assertEquals("bad sector 0", e.error().message());
        assertTrue(sm.finished());
        assertTrue(io.idle(), "the group only failed once every write had finished");
    }

    @Test
    void immediateDeliveryStillReturnsIoForEachWait() {
        Outcome o = run(MemoryIO.immediate(), List.of("a", "bb", "ccc"), YieldInjector.NONE);
        // group, sync, 3 reads, trailer write, trailer read, probe
        assertEquals(8, o.summary().ioWaits());
        assertEquals(1 + 1 + 1 + 2 + 1 + 3 + 8, o.summary().fileSize());
    }
}
