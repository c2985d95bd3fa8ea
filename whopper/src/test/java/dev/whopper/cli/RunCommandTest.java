package dev.whopper.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {
    private static final Pattern HASH = Pattern.compile("(?m)^trace hash: ([0-9a-f]{16})$");

    record Run(int exit, String out, String err) {
        String hash() {
            Matcher m = HASH.matcher(out);
            assertTrue(m.find(), "no trace hash line in:\n" + out);
            return m.group(1);
        }
    }

    static Run whopper(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void passingRunPrintsTraceHashAndExitsZero() {
        Run r = whopper("run", "--seed", "7", "--connections", "4", "--steps", "5000", "--strategy", "random");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals(16, r.hash().length());
        assertTrue(r.out().contains("outcome: PASSED"), r.out());
        assertTrue(r.out().contains("repro: whopper run --seed 7 --workload bank --connections 4"), r.out());
        assertTrue(Pattern.compile("(?m)^wall time: \\d+\\.\\d{3} s \\([\\d,]+ steps/s, simulated/wall \\d+\\.\\d\\)$")
            .matcher(r.out()).find(), r.out());
    }

    @Test
    void optionsWithoutASubcommandAreRuns() {
        assertArrayEquals(new String[] {"run", "--seed", "7"}, Main.arguments("--seed", "7"));
        assertArrayEquals(new String[] {"--help"}, Main.arguments("--help"));
        assertArrayEquals(new String[] {"-V"}, Main.arguments("-V"));
        assertArrayEquals(new String[] {"demo"}, Main.arguments("demo"));
        assertArrayEquals(new String[0], Main.arguments());
        Run top = whopper(Main.arguments("--seed", "7", "--connections", "4", "--steps", "5000"));
        Run run = whopper("run", "--seed", "7", "--connections", "4", "--steps", "5000");
        assertEquals(0, top.exit(), top.out() + top.err());
        assertEquals(run.hash(), top.hash());
        Run bad = whopper(Main.arguments("--connections", "0"));
        assertEquals(2, bad.exit());
        assertEquals("whopper: --connections: 0 (expected: > 0)", bad.err().strip());
    }

    @Test
    void sameSeedSameHashOtherSeedOtherHash() {
        String a = whopper("run", "--seed", "11", "--workload", "check-then-act-fixed").hash();
        String b = whopper("run", "--seed", "11", "--workload", "check-then-act-fixed").hash();
        String c = whopper("run", "--seed", "12", "--workload", "check-then-act-fixed").hash();
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void violationExitsOneWithReproThatReproduces() {
        Run r = whopper("run", "--seed", "1", "--workload", "lost-update", "--connections", "4");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("outcome: VIOLATION of no lost update"), r.out());
        assertTrue(r.out().contains("last events:"), r.out());
        Matcher m = Pattern.compile("(?m)^repro: whopper (.*)$").matcher(r.out());
        assertTrue(m.find());
        Run again = whopper(m.group(1).split(" "));
        assertEquals(1, again.exit());
        assertEquals(r.hash(), again.hash());
    }

    @Test
    void deadlockExitsOne() {
        Run r = whopper("run", "--seed", "1", "--workload", "lock-order", "--connections", "4");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("outcome: DEADLOCK"), r.out());
    }

    @Test
    void doublecheckPasses() {
        Run r = whopper("run", "--seed", "3", "--strategy", "pct:2", "--doublecheck");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("doublecheck: identical (" + r.hash() + ")"), r.out());
    }

    @Test
    void replayOfTheLogReproducesTheHash(@TempDir Path dir) throws IOException {
        Run shrunk = whopper("run", "--seed", "1", "--workload", "lost-update", "--connections", "4", "--shrink",
            "--shrink-runs", "40", "--replay-dir", dir.toString());
        Matcher m = Pattern.compile("(?m)^minimal repro: whopper (.*)$").matcher(shrunk.out());
        assertTrue(m.find(), shrunk.out());
        String[] args = m.group(1).split(" ");
        Path log = Path.of(args[args.length - 1]);
        assertTrue(Files.isRegularFile(log), "the shrink wrote " + log);
        Run replayed = whopper(args);
        assertEquals(1, replayed.exit(), replayed.out() + replayed.err());
        assertTrue(replayed.out().contains("--replay " + log), replayed.out());

        Path misfit = Files.writeString(dir.resolve("misfit.replay"), "0,1,0*3\n");
        Run bad = whopper("run", "--seed", "5", "--workload", "missed-wakeup-fixed", "--strategy", "pos",
            "--replay", misfit.toString());
        assertEquals(2, bad.exit(), bad.out() + bad.err());
        assertTrue(bad.err().startsWith("whopper: --replay: " + misfit + " does not fit this run: "), bad.err());
        assertTrue(bad.err().strip().endsWith("(expected: the decision log of a run with these options)"), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());

        assertBad("whopper: --replay: no such file: " + dir.resolve("none.replay") + " (expected: a file holding a "
            + "decision log, as --shrink writes it)", "run", "--replay", dir.resolve("none.replay").toString());
        Path broken = Files.writeString(dir.resolve("bad.replay"), "1,x");
        assertBad("whopper: --replay: " + broken + ": decision log: bad element 'x' (expected: value or value*count, "
            + "value >= 0, count > 0)", "run", "--replay", broken.toString());
    }

    @Test
    void anUnknownCommandListsTheCommands() {
        assertBad("whopper: unknown command 'frobnicate' (expected: one of run, soak, replay, shrink, report, check-history, list, demo)", "frobnicate");
    }

    @Test
    void aSeedFromAnEmptySeedVariableNamesTheVariable() {
        dev.whopper.sim.config.RunConfig.Options o = new dev.whopper.sim.config.RunConfig.Options();
        o.environment = name -> name.equals("SEED") ? "" : null;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, o::seed);
        assertEquals("SEED: '' (expected: an integer seed, from the SEED environment variable; unset it to draw a seed)",
            e.getMessage());
        o.environment = name -> name.equals("SEED") ? " 42 " : null;
        assertEquals(42L, o.seed());
        o.environment = name -> null;
        assertEquals(null, o.seed());
    }

    @Test
    void aRunTooBigForTheHeapIsOneLineAndExitThreeNotABugFound() {
        Run r = whopper("run", "--seed", "1", "--connections", "2147483647");
        assertEquals(3, r.exit(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("whopper: out of memory ("), r.err());
        assertTrue(r.err().contains("hint: fewer --connections"), r.err());
    }

    @Test
    void badArgumentsExitTwoWithOneLine() {
        assertBad("whopper: --connections: 0 (expected: > 0)", "run", "--connections", "0");
        assertBad("whopper: --steps: -1 (expected: > 0)", "run", "--steps", "-1");
        assertBad("whopper: --strategy: nope (expected: random, rr, pct, pct:D with D in 1..64, pos, swarm or replay)",
            "run", "--strategy", "nope");
        assertBad("whopper: --connections: 1 (expected: >= 2 for workload lock-order)",
            "run", "--workload", "lock-order", "--connections", "1");
        assertBad("whopper: --yield-rate: 1.5 (expected: in [0, 1])", "run", "--yield-rate", "1.5");
        assertBad("whopper: --mode: fastest (expected: one of fast, chaos, ragnarok, recovery-heavy, btree, campaign)",
            "run", "--mode", "fastest");
        Run r = whopper("run", "--workload", "nope");
        assertEquals(2, r.exit());
        assertEquals("whopper: --workload: nope (expected: one of "
            + String.join(", ", dev.whopper.workloads.registry.WorkloadRegistry.names()) + ")", r.err().strip());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    private static void assertBad(String line, String... args) {
        Run r = whopper(args);
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals(line, r.err().strip());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void faultyDiskRunShrinksToAMinimalReproThatReplays(@TempDir Path dir) {
        Run r = whopper("run", "--seed", "4", "--workload", "disk-echo", "--connections", "8", "--faults", "ragnarok",
            "--crashes", "1", "--yield-rate", "0", "--shrink", "--replay-dir", dir.toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("outcome: VIOLATION of read-your-writes"), r.out());
        assertTrue(r.out().contains("faults: {"), r.out());
        Matcher m = Pattern.compile("(?m)^minimal repro: whopper (.*)$").matcher(r.out());
        assertTrue(m.find(), r.out());
        Matcher h = Pattern.compile("(?m)^minimal trace hash: ([0-9a-f]{16})$").matcher(r.out());
        assertTrue(h.find(), r.out());
        assertTrue(m.group(1).contains(" --replay " + dir.resolve("seed-")), m.group(1));
        Run min = whopper(m.group(1).split(" "));
        assertEquals(1, min.exit(), min.out());
        assertTrue(min.out().contains("outcome: VIOLATION of read-your-writes"), min.out());
        assertEquals(h.group(1), min.hash());
    }

    @Test
    void faultFlagsAreChecked() {
        assertBad("whopper: --faults: nope (expected: one of none, fast, chaos, ragnarok, recovery-heavy)",
            "run", "--workload", "disk-echo", "--faults", "nope");
        assertBad("whopper: --faults-off: nope (expected: one of io-error-read, io-error-write, io-error-sync, "
            + "io-error-truncate, short-read, torn-write, bit-flip, latency-spike, sync-failure)",
            "run", "--workload", "disk-echo", "--faults-off", "bit-flip,nope");
        assertBad("whopper: --crashes: 2 (expected: 0 for workload lost-update: it has no crash recovery)",
            "run", "--workload", "lost-update", "--crashes", "2");
        Run ok = whopper("run", "--seed", "4", "--workload", "disk-echo", "--faults", "chaos", "--faults-off", "bit-flip",
            "--crashes", "2", "--crash-window-steps", "100", "--doublecheck");
        assertEquals(0, ok.exit(), ok.out());
        assertTrue(ok.out().contains("crashes: 2"), ok.out());
    }

    @Test
    void aRunCutByTheStepBudgetExitsOneUnlessAllowed() {
        Run cut = whopper("run", "--seed", "3", "--steps", "2000");
        assertEquals(1, cut.exit(), cut.out());
        assertTrue(cut.out().contains("outcome: INCOMPLETE: the step budget ran out with fibers not done, at step 2000"),
            cut.out());
        assertTrue(cut.out().contains("skipped end-of-run checks: bank-final-verification"), cut.out());
        Run allowed = whopper("run", "--seed", "3", "--steps", "2000", "--allow-incomplete");
        assertEquals(0, allowed.exit(), allowed.out());
        assertTrue(allowed.out().contains("outcome: PASSED (step budget reached, allowed; skipped, not held: "
            + "bank-final-verification)"), allowed.out());
        assertTrue(allowed.out().contains("--allow-incomplete"), "the repro keeps it: " + allowed.out());
        assertEquals(cut.hash(), allowed.hash());
    }

    @Test
    void withoutSeedOneIsDrawnAndPrinted() {
        Run r = whopper("run", "--steps", "2000", "--allow-incomplete"); // the budget cuts the bank: allowed
        if (System.getenv("SEED") == null) {
            assertTrue(r.out().startsWith("seed: "), r.out());
        }
        assertEquals(0, r.exit(), r.out());
    }

    @Test
    void noSubcommandRunsRunWithDefaultsAndWritesItsReport() throws java.io.IOException {
        java.nio.file.Path report = java.nio.file.Path.of(WhopperCommand.MAIN_JOB_REPORT);
        java.nio.file.Files.deleteIfExists(report);
        try {
            Run r = whopper();
            assertEquals(0, r.exit(), r.out() + r.err());
            assertEquals(16, r.hash().length());
            assertTrue(r.out().contains("--workload bank --connections 8"), r.out());
            assertTrue(r.out().contains("outcome: PASSED"), r.out());
            assertTrue(r.out().contains("report: " + WhopperCommand.MAIN_JOB_REPORT), r.out());
            assertFalse(r.out().lines().filter(l -> l.startsWith("repro: ")).anyMatch(l -> l.contains("--report")), r.out());
            String html = java.nio.file.Files.readString(report);
            assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("PASSED"), "the report is a page naming the verdict");
        } finally {
            java.nio.file.Files.deleteIfExists(report);
        }
    }
}
