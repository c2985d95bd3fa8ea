package dev.whopper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code whopper check-history} through the real command line: verdicts, witnesses and exit codes. */
class CheckHistoryCommandTest {
    @TempDir
    Path dir;

    private static final String STALE_READ =
        "{:type :invoke, :f :txn, :value [[:append 1 1]], :process 0, :index 0}\n"
        + "{:type :ok, :f :txn, :value [[:append 1 1]], :process 0, :index 1}\n"
        + "{:type :invoke, :f :txn, :value [[:r 1 nil]], :process 1, :index 2}\n"
        + "{:type :ok, :f :txn, :value [[:r 1 []]], :process 1, :index 3}\n"
        + "{:type :invoke, :f :txn, :value [[:r 1 nil]], :process 2, :index 4}\n"
        + "{:type :ok, :f :txn, :value [[:r 1 [1]]], :process 2, :index 5}\n";

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void aValidHistoryExitsZero() throws IOException {
        Path f = write("stale.edn", STALE_READ);
        DemoCommandTest.Result r = DemoCommandTest.run("check-history", "--model", "list-append", "--consistency",
            "serializable", f.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        assertEquals("list-append history of 3 transactions (3 ok, 0 info, 0 fail), checked against serializable: valid\n",
            r.out());
    }

    @Test
    void anAnomalyExitsOneWithItsWitness() throws IOException {
        Path f = write("stale.edn", STALE_READ);
        DemoCommandTest.Result r = DemoCommandTest.run("check-history", "--model", "list-append", "--consistency",
            "strict-serializable", f.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.out().contains("INVALID: G-single-realtime (1)"), r.out());
        assertTrue(r.out().contains("  T1 -realtime-> T3: T1 completed (index 1) before T3 was invoked (index 2)"), r.out());
        assertTrue(r.out().contains("  T3 -rw(k=1)-> T1: T3 read the list empty, and T1 appended 1, its first element"),
            r.out());
    }

    @Test
    void rwRegisterAndSnapshotIsolation() throws IOException {
        Path f = write("skew.edn", "{:type :invoke, :f :txn, :value [[:r 1 nil] [:w 2 1]], :process 0, :index 0}\n"
            + "{:type :invoke, :f :txn, :value [[:r 2 nil] [:w 1 1]], :process 1, :index 1}\n"
            + "{:type :ok, :f :txn, :value [[:r 1 nil] [:w 2 1]], :process 0, :index 2}\n"
            + "{:type :ok, :f :txn, :value [[:r 2 nil] [:w 1 1]], :process 1, :index 3}\n");
        DemoCommandTest.Result si = DemoCommandTest.run("check-history", "--model", "rw-register", "--consistency",
            "snapshot-isolation", f.toString());
        assertEquals(0, si.exitCode(), si.out());
        assertTrue(si.out().contains("also found, allowed by snapshot-isolation: G2-item (1)"), si.out());
        DemoCommandTest.Result ser = DemoCommandTest.run("check-history", "--model", "rw-register", f.toString());
        assertEquals(1, ser.exitCode(), ser.out());
        assertTrue(ser.out().contains("G2-item: a cycle of 2 transactions"), ser.out());
    }

    @Test
    void malformedInputIsOneLineNamingTheLine() throws IOException {
        Path f = write("bad.edn", STALE_READ + "{:type :ok, :f :txn, :value [[:r 1 [1 2}, :process 0}\n");
        DemoCommandTest.Result r = DemoCommandTest.run("check-history", f.toString());
        assertEquals(2, r.exitCode());
        assertEquals("whopper: check-history: " + f + ": line 7: unexpected '}'\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void aMissingFileExitsTwo() {
        Path missing = dir.resolve("nope.edn");
        DemoCommandTest.Result r = DemoCommandTest.run("check-history", missing.toString());
        assertEquals(2, r.exitCode());
        assertEquals("whopper: check-history: " + missing + ": no such file\n", r.err());
    }

    @Test
    void badOptionsExitTwoWithOneLine() throws IOException {
        Path f = write("h.edn", STALE_READ);
        DemoCommandTest.Result m = DemoCommandTest.run("check-history", "--model", "bank", f.toString());
        assertEquals(2, m.exitCode());
        assertEquals("whopper: --model: bank (expected: list-append or rw-register)\n", m.err());
        DemoCommandTest.Result c = DemoCommandTest.run("check-history", "--consistency", "linearizable", f.toString());
        assertEquals(2, c.exitCode());
        assertEquals("whopper: --consistency: linearizable (expected: serializable, snapshot-isolation or strict-serializable)\n",
            c.err());
        DemoCommandTest.Result none = DemoCommandTest.run("check-history");
        assertEquals(2, none.exitCode());
        assertFalse(none.err().contains("Exception"), none.err());
    }

    @Test
    void theRealElleHugeSccHistoryUnderStrictSerializability() {
        Path huge = Path.of("/work/shared/testdata/elle/huge-scc.edn");
        assumeTrue(Files.isReadable(huge), "skipped: " + huge + " is absent (shared Elle test data)");
        DemoCommandTest.Result r = DemoCommandTest.run("check-history", "--consistency", "strict-serializable", huge.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.out().contains("G2-item-realtime: a cycle of "), r.out());
    }
}
