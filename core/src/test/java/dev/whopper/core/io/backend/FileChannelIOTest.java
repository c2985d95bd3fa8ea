package dev.whopper.core.io.backend;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.CompletionGroup;
import dev.whopper.core.io.ErrorCode;
import dev.whopper.core.io.File;
import dev.whopper.core.io.IO;
import dev.whopper.core.io.IOFailureException;
import dev.whopper.core.io.IOResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileChannelIO} against real files in a temporary directory. */
class FileChannelIOTest {
    private static final long MAX_STEPS = 10_000_000L;

    @TempDir
    Path dir;

    private FileChannelIO io;

    @BeforeEach
    void open() {
        io = new FileChannelIO(dir, 2);
    }

    @AfterEach
    void close() {
        io.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(US_ASCII);
    }

    /** Waits for one completion by stepping the IO (through Blocking). */
    private Completion await(Completion c) {
        Blocking.run(io, () -> c.finished() ? IOResult.done() : IOResult.io(c), MAX_STEPS);
        return c;
    }

    @Test
    void writeSyncReadBack() throws Exception {
        File f = io.open("data.db", true);
        Completion w = await(f.pwrite(0, bytes("hello, disk"), Completion.write(null)));
        assertTrue(w.succeeded(), w.toString());
        assertEquals(11, w.result());
        assertTrue(await(f.sync(Completion.sync(null))).succeeded());
        Completion r = await(f.pread(7, Completion.read(new byte[4], null)));
        assertTrue(r.succeeded(), r.toString());
        assertEquals(4, r.result());
        assertArrayEquals(bytes("disk"), r.buffer());
        assertArrayEquals(bytes("hello, disk"), Files.readAllBytes(dir.resolve("data.db")), "really on disk");
        assertEquals(11, f.size());
        f.close();
    }

    @Test
    void pwritevWritesBuffersBackToBack() throws Exception {
        File f = io.open("v.db", true);
        Completion w = await(f.pwritev(3, List.of(bytes("ab"), bytes("cde")), Completion.write(null)));
        assertEquals(5, w.result());
        assertArrayEquals(new byte[] {0, 0, 0, 'a', 'b', 'c', 'd', 'e'}, Files.readAllBytes(dir.resolve("v.db")));
        f.close();
    }

    @Test
    void readPastTheEndIsShortRead() {
        File f = io.open("short.db", true);
        await(f.pwrite(0, bytes("abc"), Completion.write(null)));
        Completion r = await(f.pread(1, Completion.read(new byte[8], null)));
        assertTrue(r.failed());
        assertEquals(ErrorCode.SHORT_READ, r.error().code());
        assertTrue(r.error().message().contains("short.db"), r.error().message());
        Completion beyond = await(f.pread(100, Completion.read(new byte[1], null)));
        assertEquals(ErrorCode.SHORT_READ, beyond.error().code());
        f.close();
    }

    @Test
    void operationsOnAClosedFileFailWithIoError() {
        File f = io.open("closed.db", true);
        f.close();
        for (Completion c : List.of(
            f.pwrite(0, bytes("x"), Completion.write(null)),
            f.pread(0, Completion.read(new byte[1], null)),
            f.sync(Completion.sync(null)),
            f.truncate(0, Completion.truncate(null)))) {
            await(c);
            assertTrue(c.failed(), c.toString());
            assertEquals(ErrorCode.IO_ERROR, c.error().code());
            assertTrue(c.error().message().endsWith("file closed"), c.error().message());
        }
    }

    @Test
    void truncateShrinksAndExtendsAndSizeFollows() throws Exception {
        File f = io.open("t.db", true);
        assertEquals(0, f.size());
        await(f.pwrite(0, bytes("0123456789"), Completion.write(null)));
        assertEquals(10, f.size());
        assertTrue(await(f.truncate(4, Completion.truncate(null))).succeeded());
        assertEquals(4, f.size());
        assertArrayEquals(bytes("0123"), Files.readAllBytes(dir.resolve("t.db")));
        assertTrue(await(f.truncate(6, Completion.truncate(null))).succeeded());
        assertEquals(6, f.size());
        assertArrayEquals(new byte[] {'0', '1', '2', '3', 0, 0}, Files.readAllBytes(dir.resolve("t.db")));
        f.close();
    }

    @Test
    void completionsRunOnlyInsideStepOnTheCallingThread() throws Exception {
        File f = io.open("thread.db", true);
        Thread me = Thread.currentThread();
        List<Thread> callbackThreads = new ArrayList<>();
        List<Thread> waiterThreads = new ArrayList<>();
        boolean[] insideStep = new boolean[1];
        List<Boolean> ranInsideStep = new ArrayList<>();
        List<Completion> cs = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Completion c = f.pwrite(i * 4L, bytes("abcd"), Completion.write(x -> {
                callbackThreads.add(Thread.currentThread());
                ranInsideStep.add(insideStep[0]);
            }));
            c.onFinish(x -> waiterThreads.add(Thread.currentThread()));
            cs.add(c);
        }
        // Give the workers time to finish the writes: their completions must still wait for step().
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (!io.idle() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            assertTrue(callbackThreads.isEmpty(), "no callback outside step()");
            for (Completion c : cs) {
                assertFalse(c.finished(), "no result outside step()");
            }
            if (dirHasAllBytes()) {
                break;
            }
        }
        assertTrue(callbackThreads.isEmpty());
        long stepDeadline = System.nanoTime() + 10_000_000_000L;
        while (callbackThreads.size() < cs.size() && System.nanoTime() < stepDeadline) {
            insideStep[0] = true;
            io.poll();
            insideStep[0] = false;
            io.awaitWork(1_000_000L);
        }
        assertEquals(cs.size(), callbackThreads.size());
        for (Thread t : callbackThreads) {
            assertSame(me, t, "callbacks run on the thread that calls step()");
        }
        for (Thread t : waiterThreads) {
            assertSame(me, t, "waiters run on the thread that calls step()");
        }
        assertTrue(ranInsideStep.stream().allMatch(b -> b), "every callback ran inside step()");
        assertTrue(io.idle());
        f.close();
    }

    private boolean dirHasAllBytes() throws Exception {
        return Files.size(dir.resolve("thread.db")) >= 64;
    }

    @Test
    void blockingRunDrivesAMultiStepOperation() {
        File f = io.open("op.db", true);
        Completion[] group = new Completion[1];
        Completion[] read = new Completion[1];
        String v = Blocking.run(io, () -> {
            if (group[0] == null) {
                CompletionGroup g = new CompletionGroup();
                for (int i = 0; i < 8; i++) {
                    g.add(f.pwrite(i, new byte[] {(byte) ('a' + i)}, Completion.write(null)));
                }
                group[0] = g.build();
                return IOResult.io(group[0]);
            }
            if (read[0] == null) {
                if (group[0].failed()) {
                    throw group[0].error().toException();
                }
                read[0] = f.pread(0, Completion.read(new byte[8], null));
                return IOResult.io(read[0]);
            }
            return IOResult.done(new String(read[0].buffer(), US_ASCII));
        }, MAX_STEPS);
        assertEquals("abcdefgh", v);
        f.close();
    }

    @Test
    void timersFireAfterTheirDelay() {
        long start = System.nanoTime(); // before the call: the deadline is counted from inside it
        Completion t = io.sleep(2_000_000L, Completion.timer(null));
        await(t);
        assertTrue(t.succeeded());
        assertTrue(System.nanoTime() - start >= 2_000_000L, "not before the delay");
        assertTrue(io.idle());
        assertThrows(IllegalArgumentException.class, () -> io.sleep(-1, Completion.timer(null)));
        assertThrows(IllegalArgumentException.class, () -> io.sleep(1, Completion.write(null)));
    }

    @Test
    void openingAMissingFileWithoutCreateThrows() {
        IOFailureException e = assertThrows(IOFailureException.class, () -> io.open("missing.db", false));
        assertEquals(ErrorCode.IO_ERROR, e.error().code());
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
        assertFalse(io.exists("missing.db"));
    }

    @Test
    void existsAndDelete() {
        io.open("e.db", true).close();
        assertTrue(io.exists("e.db"));
        io.delete("e.db");
        assertFalse(io.exists("e.db"));
        io.delete("e.db");
    }

    @Test
    void misuseIsRejectedAtTheCall() {
        File f = io.open("m.db", true);
        assertThrows(IllegalArgumentException.class, () -> f.pread(0, Completion.write(null)));
        assertThrows(IllegalArgumentException.class, () -> f.pwrite(0, bytes("x"), Completion.read(new byte[1], null)));
        assertThrows(IllegalArgumentException.class, () -> f.sync(Completion.write(null)));
        assertThrows(IllegalArgumentException.class, () -> f.truncate(0, Completion.write(null)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> f.pread(-1, Completion.read(new byte[1], null)));
        assertEquals("offset: -1 (expected: >= 0)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.pwrite(-1, bytes("x"), Completion.write(null)));
        assertThrows(IllegalArgumentException.class, () -> f.truncate(-1, Completion.truncate(null)));
        assertTrue(io.idle(), "rejected requests were not submitted");
        f.close();
    }

    @Test
    void constructorChecksArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FileChannelIO(dir, 0));
        assertEquals("workerThreads: 0 (expected: > 0)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FileChannelIO(dir.resolve("nope")));
    }

    @Test
    void requestsAfterCloseFailInsteadOfHanging() {
        File f = io.open("late.db", true);
        io.close();
        Completion w = await(f.pwrite(0, bytes("x"), Completion.write(null)));
        assertTrue(w.failed());
        assertTrue(w.error().message().contains("backend closed"), w.error().message());
    }
}
