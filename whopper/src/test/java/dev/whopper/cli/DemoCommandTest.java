package dev.whopper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code whopper demo} through the real command line: output, determinism and exit codes. */
class DemoCommandTest {

    record Result(int exitCode, String out, String err) {
        List<String> completionLines() {
            return out.lines().filter(l -> l.contains("completed ")).collect(Collectors.toList());
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void demoWithDefaultsExitsZero() {
        Result r = run("demo");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("async demo: 3 state machines over MemoryIO, completion order seeded with 42"),
            r.out());
        for (int m = 0; m < 3; m++) {
            assertTrue(r.out().contains("  machine " + m + " done: \"m" + m + ":alpha;m" + m + ":beta;m" + m + ":gamma;\""),
                "machine " + m + " read back its records:\n" + r.out());
            assertTrue(r.out().contains("  completed machine " + m + " group of 3 writes -> GROUP[ok(0)]"), r.out());
            assertTrue(r.out().contains("  completed machine " + m + " sync -> sync of demo.db (ok(0))"), r.out());
        }
        assertTrue(r.out().strip().endsWith("all 3 machines read back what they wrote"), r.out());
        // 3 machines x (3 writes + group + sync + read-back)
        assertEquals(18, r.completionLines().size(), r.out());
    }

    @Test
    void demoWithDefaultsIsTheSameAsSeed42() {
        Result plain = run("demo");
        Result demo = run("demo", "--seed", "42");
        assertEquals(0, demo.exitCode());
        assertEquals(plain.out(), demo.out());
    }

    @Test
    void zeroMachinesIsAUsageErrorWithOneClearLine() {
        Result r = run("demo", "--machines", "0");
        assertEquals(2, r.exitCode());
        assertEquals("", r.out(), "nothing ran");
        List<String> lines = r.err().lines().collect(Collectors.toList());
        assertEquals(List.of("whopper: --machines: 0 (expected: > 0)"), lines);
    }

    @Test
    void otherBadArgumentsAreUsageErrorsWithoutStackTraces() {
        for (String[] args : List.of(
            new String[] {"demo", "--machines", "-3"},
            new String[] {"demo", "--seed", "not-a-number"},
            new String[] {"demo", "--no-such-option"})) {
            Result r = run(args);
            assertEquals(2, r.exitCode(), String.join(" ", args));
            assertTrue(r.err().startsWith("whopper: "), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
            assertFalse(r.err().contains("\tat "), r.err());
        }
        assertEquals(List.of("whopper: --machines: -3 (expected: > 0)"),
            run("demo", "--machines", "-3").err().lines().collect(Collectors.toList()));
    }

    @Test
    void sameSeedGivesIdenticalOutput() {
        Result a = run("demo", "--seed", "7", "--machines", "4");
        Result b = run("demo", "--seed", "7", "--machines", "4");
        assertEquals(0, a.exitCode());
        assertEquals(a.out(), b.out());
    }

    @Test
    void differentSeedsGiveDifferentCompletionOrders() {
        Result a = run("demo", "--seed", "1");
        Result b = run("demo", "--seed", "2");
        assertEquals(0, a.exitCode());
        assertEquals(0, b.exitCode());
        List<String> orderA = a.completionLines();
        List<String> orderB = b.completionLines();
        assertNotEquals(orderA, orderB, "the seed decides the completion order");
        List<String> sortedA = new ArrayList<>(orderA);
        List<String> sortedB = new ArrayList<>(orderB);
        sortedA.sort(null);
        sortedB.sort(null);
        assertEquals(sortedA, sortedB, "the same completions, in another order");
        assertTrue(a.out().contains("all 3 machines read back what they wrote"));
        assertTrue(b.out().contains("all 3 machines read back what they wrote"));
    }

    @Test
    void machinesOptionSetsTheNumberOfMachines() {
        Result r = run("demo", "--machines", "5", "--seed", "3");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("async demo: 5 state machines"), r.out());
        assertTrue(r.out().contains("  machine 4 done: \"m4:alpha;m4:beta;m4:gamma;\""), r.out());
        assertTrue(r.out().contains("all 5 machines read back what they wrote"), r.out());
        assertEquals(30, r.completionLines().size());
    }
}
