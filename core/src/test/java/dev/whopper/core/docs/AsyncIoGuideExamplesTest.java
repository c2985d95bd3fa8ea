package dev.whopper.core.docs;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.CompletionError;
import dev.whopper.core.io.CompletionGroup;
import dev.whopper.core.io.CompletionKind;
import dev.whopper.core.io.ErrorCode;
import dev.whopper.core.io.File;
import dev.whopper.core.io.IOFailureException;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.YieldInjector;
import dev.whopper.core.io.YieldPoint;
import dev.whopper.core.io.backend.Blocking;
import dev.whopper.core.io.backend.FileChannelIO;
import dev.whopper.core.io.backend.MemoryIO;
import dev.whopper.core.random.SplitMix64;
import dev.whopper.core.sm.StateMachine;
import dev.whopper.core.sm.StateTransition;
import dev.whopper.core.sm.Transition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every code example of {@code docs/async-io.md}, compiled and run. Each example sits between
 * {@code // region: name} and {@code // endregion}; {@link DocSnippetsTest} checks that every java block
 * of the guide is one of these regions, so the guide cannot drift from code that compiles and passes.
 */
class AsyncIoGuideExamplesTest {

    // ------------------------------------------------------------------ IOResult, propagation, yield one

    /** Reads little-endian ints from a file; its operations are resumable. */
    static final class IntReader {
        private final File file;
        private Completion pending;

        IntReader(File file) {
            this.file = file;
        }

        // region: yield-one
        /** Resumable read: the first call submits and waits; the call after completion returns the bytes. */
        IOResult<byte[]> readBytes(long offset, int length) {
            if (pending == null) {
                pending = file.pread(offset, Completion.read(new byte[length], null));
                return IOResult.io(pending);                 // io_yield_one!
            }
            Completion c = pending;
            if (!c.finished()) return IOResult.io(c);       // woken early: keep waiting
            pending = null;
            if (c.failed()) throw c.error().toException();
            return IOResult.done(c.buffer());
        }
        // endregion

        // region: propagate
        /** Reads a little-endian int: a caller of a resumable operation. */
        IOResult<Integer> readInt(long offset) {
            IOResult<byte[]> r = readBytes(offset, 4);
            if (r.isIo()) return r.cast();                  // return_if_io!
            byte[] b = r.value();
            return IOResult.done((b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24);
        }
        // endregion
    }

    @Test
    void ioResultBasics() {
        // region: io-result
        IOResult<String> done = IOResult.done("value");
        IOResult<String> waiting = IOResult.io(Completion.write(null));
        assertEquals("value", done.value());
        assertTrue(waiting.isIo());
        assertThrows(IllegalStateException.class, waiting::value);  // forgot to propagate: fails loudly
        assertThrows(IllegalStateException.class, done::cast);      // "propagating" a Done: fails loudly
        IOResult<Integer> propagated = waiting.cast();              // same instance, the caller's type
        assertSame(waiting, propagated);
        // endregion
    }

    @Test
    void propagationAndBlocking() {
        MemoryIO io = MemoryIO.fifo();
        File file = io.open("ints", true);
        file.pwrite(0, new byte[] {0x2A, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, Completion.write(null));
        io.poll();
        // region: blocking
        IntReader reader = new IntReader(file);
        int value = Blocking.run(io, () -> reader.readInt(0), 10_000);   // polls io until Done
        assertEquals(42, value);
        assertThrows(IllegalStateException.class,                         // waits on what nobody will finish
            () -> Blocking.run(io, () -> IOResult.io(Completion.write(null))));
        // endregion
        assertEquals(-1, Blocking.run(io, () -> reader.readInt(4), 10_000));
        IntReader pastEnd = new IntReader(file);
        assertThrows(IOFailureException.class, () -> Blocking.run(io, () -> pastEnd.readInt(6)));
    }

    // ------------------------------------------------------------------ Completion, CompletionGroup

    @Test
    void completionSemantics() {
        // region: completion
        List<String> log = new ArrayList<>();
        Completion w = Completion.write(c -> log.add("callback " + c));
        w.onFinish(c -> log.add("waiter"));
        assertTrue(w.complete(4096));                                          // the first result wins...
        assertFalse(w.fail(new CompletionError(ErrorCode.IO_ERROR, "late")));  // ...later ones change nothing
        assertFalse(w.abort());
        assertEquals(List.of("callback WRITE[ok(4096)]", "waiter"), log);       // each told exactly once
        w.onFinish(c -> log.add("late waiter"));                               // finished already: told at once
        assertEquals("late waiter", log.get(2));

        Completion y = Completion.yielded();                  // "let the others run, then call me again"
        assertTrue(y.finished() && y.succeeded());
        byte[] page = new byte[512];
        assertSame(page, Completion.read(page, null).buffer()); // a READ carries its buffer
        // endregion
    }

    @Test
    void completionLabels() {
        // region: labels
        MemoryIO io = MemoryIO.fifo();
        File db = io.open("bank.db", true);
        Completion r = db.pread(24_576, Completion.read(new byte[4096], null));
        assertEquals("read 4096 bytes at offset 24576 of bank.db (pending)", r.toString()); // labelled by the backend
        Completion mine = db.pread(24_576, Completion.read(new byte[4096], null).label("read page 7 of bank.db"));
        assertEquals("read page 7 of bank.db (pending)", mine.toString());                   // the caller's label wins
        int frames = 3;
        Completion lazy = Completion.write(null).label(() -> "WAL write of " + frames + " frame(s)"); // formatted when printed
        assertEquals("WAL write of 3 frame(s)", lazy.label());

        Completion opened = Completion.waiting("signal \"opened\"");   // finished by hand, not by an IO
        assertEquals(CompletionKind.WAIT, opened.kind());
        opened.succeed();
        assertEquals("signal \"opened\" (ok(0))", opened.toString());
        assertEquals("WRITE[pending]", Completion.write(null).toString()); // no label: kind and state
        // endregion
    }

    @Test
    void groupOfWrites() {
        // region: group
        MemoryIO io = MemoryIO.randomOrder(42);
        File wal = io.open("wal", true);
        CompletionGroup frames = new CompletionGroup();
        for (int i = 0; i < 4; i++) {
            frames.add(wal.pwrite(i * 512L, new byte[512], Completion.write(null)));
        }
        int[] told = new int[1];
        Completion all = frames.build(c -> told[0]++);
        assertFalse(all.finished());
        io.poll();                          // the four writes complete, in a seeded random order
        assertTrue(all.succeeded());        // the group finished when the last of them did
        assertEquals(1, told[0]);
        // endregion
        assertEquals(2048, wal.size());
    }

    @Test
    void groupEdges() {
        // region: group-edges
        Completion failedEarly = Completion.write(null);
        failedEarly.fail(new CompletionError(ErrorCode.IO_ERROR, "bad sector"));
        Completion slow = Completion.write(null);
        Completion g = new CompletionGroup().add(failedEarly).add(slow).build();
        assertFalse(g.finished());                              // a failure does not finish the group early
        slow.complete(512);
        assertEquals(ErrorCode.IO_ERROR, g.error().code());     // the first error by completion order
        assertTrue(new CompletionGroup().build().succeeded());  // an empty group is born succeeded
        assertThrows(IllegalStateException.class,               // a completion joins one group only
            () -> new CompletionGroup().add(slow));

        Completion a = Completion.read(new byte[8], null);
        Completion b = Completion.read(new byte[8], null);
        Completion inner = new CompletionGroup().add(b).build();
        Completion both = new CompletionGroup().add(a).add(inner).build();   // groups nest
        both.abort();                                           // aborting a GROUP cancels its group
        assertEquals(ErrorCode.ABORTED, a.error().code());
        assertEquals(ErrorCode.ABORTED, b.error().code());
        assertTrue(both.failed());
        // endregion
    }

    // ------------------------------------------------------------------ StateTransition / StateMachine

    // region: state-machine
    /** Copies the start of a file: READ -> WRITE -> SYNC -> Done(bytes copied). */
    static final class Copy implements StateTransition<Integer> {
        private enum State { START, READING, WRITING, SYNCING }

        private final File from;
        private final File to;
        private final int length;
        private State state = State.START;
        private Completion waiting;
        int finalized;

        Copy(File from, File to, int length) {
            this.from = from;
            this.to = to;
            this.length = length;
        }

        @Override
        public Transition<Integer> transition() {
            switch (state) {
                case START -> {
                    state = State.READING;
                    waiting = from.pread(0, Completion.read(new byte[length], null));
                    return Transition.io(waiting);
                }
                case READING -> {
                    if (waiting.failed()) throw waiting.error().toException();
                    state = State.WRITING;
                    waiting = to.pwrite(0, waiting.buffer(), Completion.write(null));
                    return Transition.io(waiting);
                }
                case WRITING -> {
                    if (waiting.failed()) throw waiting.error().toException();
                    state = State.SYNCING;
                    waiting = to.sync(Completion.sync(null));
                    return Transition.io(waiting);
                }
                case SYNCING -> {
                    if (waiting.failed()) throw waiting.error().toException();
                    return Transition.done(length);
                }
                default -> throw new AssertionError(state);
            }
        }

        @Override
        public void finalizeOnce(Integer copied) {
            finalized++;                    // release what the machine held; called exactly once
        }
    }
    // endregion

    @Test
    void stateMachineLoop() {
        MemoryIO io = MemoryIO.fifo();
        File src = io.open("src", true);
        File dst = io.open("dst", true);
        src.pwrite(0, "hello, copy".getBytes(US_ASCII), Completion.write(null));
        io.poll();
        // region: drive
        Copy copy = new Copy(src, dst, 11);
        StateMachine<Integer> machine = new StateMachine<>(copy);
        IOResult<Integer> r = machine.step();
        while (r.isIo()) {                                   // what a scheduler does, by hand
            Completion c = r.completion();
            for (int polls = 0; !c.finished(); polls++) {
                if (polls == 1_000) throw new IllegalStateException("stuck on " + c);
                io.poll();
            }
            r = machine.step();
        }
        assertEquals(11, r.value());
        assertEquals(1, copy.finalized);
        assertThrows(IllegalStateException.class, machine::step);   // a finished machine cannot be stepped
        // endregion
        assertArrayEquals("hello, copy".getBytes(US_ASCII), io.contents("dst"));
    }

    // ------------------------------------------------------------------ re-entrancy and yield injection

    // region: yield-point
    enum LogPoint implements YieldPoint { BEFORE_APPEND }

    /** An append-only log; append() is resumable and has a named yield point. */
    static final class EventLog {
        private final File file;
        private final YieldInjector yields;
        private long end;
        private Completion inflight;

        EventLog(File file, YieldInjector yields) {
            this.file = file;
            this.yields = yields;
        }

        IOResult<Void> append(String event) {
            if (inflight == null) {
                if (yields.shouldYield(LogPoint.BEFORE_APPEND)) {
                    return IOResult.io(Completion.yielded());      // nothing mutated yet: safe to yield
                }
                inflight = file.pwrite(end, (event + "\n").getBytes(US_ASCII), Completion.write(null));
            }
            if (!inflight.finished()) return IOResult.io(inflight);
            Completion c = inflight;
            inflight = null;
            if (c.failed()) throw c.error().toException();
            end += c.result();
            return IOResult.done();
        }
    }
    // endregion

    /** Records events in a log and keeps a list of the events it recorded. */
    static final class Recorder {
        private enum Phase { IDLE, APPENDING }

        final MemoryIO io;
        final EventLog log;
        final List<String> seen = new ArrayList<>();
        private Phase phase = Phase.IDLE;

        Recorder(MemoryIO io, YieldInjector yields) {
            this.io = io;
            this.log = new EventLog(io.open("events", true), yields);
        }

        // region: reentrancy-wrong
        /** WRONG: mutates before a call that may yield. */
        IOResult<Void> recordWrong(String event) {
            seen.add(event);                     // vec.push before the yield point: runs again on re-entry
            IOResult<Void> r = log.append(event);
            if (r.isIo()) return r.cast();
            return IOResult.done();
        }
        // endregion

        // region: reentrancy-fix-after-done
        /** Fix 1: mutate only after the call returned Done. */
        IOResult<Void> recordAfterDone(String event) {
            IOResult<Void> r = log.append(event);
            if (r.isIo()) return r.cast();
            seen.add(event);                     // reached once per event
            return IOResult.done();
        }
        // endregion

        // region: reentrancy-fix-new-state
        /** Fix 2: move to a new state first, then mutate; a re-entry resumes in the new state. */
        IOResult<Void> recordNewState(String event) {
            if (phase == Phase.IDLE) {
                phase = Phase.APPENDING;         // the state moves together with the mutation
                seen.add(event);
            }
            IOResult<Void> r = log.append(event);
            if (r.isIo()) return r.cast();
            phase = Phase.IDLE;
            return IOResult.done();
        }
        // endregion
    }

    @Test
    void reentrancyBugAndFixes() {
        // region: reentrancy-demo
        SplitMix64 rng = new SplitMix64(7);
        YieldInjector chaos = point -> rng.chance(0.5);        // seeded, like the simulator's injector
        Recorder wrong = new Recorder(MemoryIO.immediate(), chaos);
        Recorder fix1 = new Recorder(MemoryIO.immediate(), chaos);
        Recorder fix2 = new Recorder(MemoryIO.fifo(), chaos);
        List<String> events = List.of("open", "write", "commit", "close");
        for (String e : events) {
            Blocking.run(wrong.io, () -> wrong.recordWrong(e), 1_000);
            Blocking.run(fix1.io, () -> fix1.recordAfterDone(e), 1_000);
            Blocking.run(fix2.io, () -> fix2.recordNewState(e), 1_000);
        }
        assertTrue(wrong.seen.size() > events.size());       // re-entered, counted twice
        assertEquals(events, fix1.seen);
        assertEquals(events, fix2.seen);
        // endregion
        assertEquals("open\nwrite\ncommit\nclose\n", new String(wrong.io.contents("events"), US_ASCII),
            "the data is right; only the bookkeeping double-counted");
        Recorder quiet = new Recorder(MemoryIO.immediate(), YieldInjector.NONE);
        for (String e : events) {
            Blocking.run(quiet.io, () -> quiet.recordWrong(e), 1_000);
        }
        assertEquals(events, quiet.seen, "without waits or yields the bug stays hidden");
    }

    // ------------------------------------------------------------------ backends

    @Test
    void memoryIo() {
        // region: memory-io
        MemoryIO io = MemoryIO.fifo();                        // or immediate(), randomOrder(seed)
        File f = io.open("db", true);
        Completion w = f.pwrite(0, "hello".getBytes(US_ASCII), Completion.write(null));
        assertEquals(0, io.contents("db").length);            // the data effect happens at completion...
        io.poll();                                            // ...inside poll()
        assertTrue(w.succeeded());
        f.sync(Completion.sync(null));
        io.poll();
        f.pwrite(0, "HELLO".getBytes(US_ASCII), Completion.write(null));
        io.poll();
        io.crash();                                           // power loss: only synced data survives
        assertArrayEquals("hello".getBytes(US_ASCII), io.contents("db"));
        // endregion
    }

    @Test
    void memoryIoFaultsAndTimers() {
        MemoryIO io = MemoryIO.fifo();
        File f = io.open("db", true);
        // region: memory-io-faults
        io.setFaultHook((path, kind, offset, length) ->
            kind == CompletionKind.SYNC ? new CompletionError(ErrorCode.SYNC_FAILED, "fsync lost") : null);
        Completion s = f.sync(Completion.sync(null));
        io.poll();
        assertEquals(ErrorCode.SYNC_FAILED, s.error().code());
        io.setFaultHook(null);

        long before = io.clock().nowNanos();
        Completion backoff = io.sleep(1_000_000, Completion.timer(null));   // 1 ms of virtual time
        io.poll();                                            // nothing else to do: the clock jumps
        assertTrue(backoff.succeeded());
        assertEquals(1_000_000, io.clock().nowNanos() - before);
        // endregion
    }

    @Test
    void fileChannelIo(@TempDir Path dir) throws Exception {
        // region: file-channel-io
        try (FileChannelIO disk = new FileChannelIO(dir, 2)) {
            File f = disk.open("real.db", true);
            Completion w = f.pwrite(0, "on disk".getBytes(US_ASCII), Completion.write(null));
            Blocking.run(disk, () -> w.finished() ? IOResult.done() : IOResult.io(w));
            Completion s = f.sync(Completion.sync(null));   // sync after the write completed, not alongside
            Blocking.run(disk, () -> s.finished() ? IOResult.done() : IOResult.io(s));
            assertTrue(w.succeeded() && s.succeeded());     // completions ran inside disk.poll(), on this thread
            f.close();
        }
        // endregion
        assertArrayEquals("on disk".getBytes(US_ASCII), Files.readAllBytes(dir.resolve("real.db")));
    }
}
