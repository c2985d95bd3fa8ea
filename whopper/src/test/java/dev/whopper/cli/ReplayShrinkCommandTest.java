package dev.whopper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.sim.soak.Json;
import dev.whopper.sim.soak.Repro;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** replay and shrink of failures a soak found (a race kernel that fails fast: reentrant-counter). */
class ReplayShrinkCommandTest {
    @TempDir
    static Path tmp;
    static Path soak;

    @BeforeAll
    static void soakFindsFailures() {
        soak = tmp.resolve("soak");
        RunCommandTest.Run r = RunCommandTest.whopper("soak", "--seeds", "12", "--workload", "reentrant-counter", "--jobs", "2",
            "--out", soak.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
    }

    static Path failure() throws IOException {
        try (var s = Files.list(soak.resolve("failures"))) {
            return s.sorted().findFirst().orElseThrow();
        }
    }

    @Test
    void replayOfASoakFailureReproducesItsViolationAndTraceHash() throws IOException {
        Path dir = failure();
        Repro recorded = Json.read(dir.resolve("repro.json"), Repro.class);
        RunCommandTest.Run r = RunCommandTest.whopper("replay", dir.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertEquals(recorded.outcome().traceHash(), r.hash());
        assertTrue(r.out().startsWith(recorded.outcome().detail() + "\n"), r.out());
        assertTrue(r.out().contains("replay: reproduced: same trace hash " + recorded.outcome().traceHash()
            + " and outcome VIOLATION as recorded"), r.out());
        // with the report files: the same run, and its HTML and JSON reports and trace written
        Path html = tmp.resolve("replay.html");
        Path trace = tmp.resolve("replay.jsonl");
        RunCommandTest.Run withFiles = RunCommandTest.whopper("replay", dir.toString(), "--report", html.toString(), "--trace",
            trace.toString(), "--json", tmp.resolve("replay.json").toString());
        assertEquals(recorded.outcome().traceHash(), withFiles.hash());
        assertTrue(withFiles.out().contains("report: " + html), withFiles.out());
        assertTrue(Files.readString(html).contains("<html"), "an HTML report");
        assertTrue(Files.size(trace) > 0 && Files.size(tmp.resolve("replay.json")) > 0);
        assertTrue(Files.readString(dir.resolve("report.html")).contains(recorded.outcome().traceHash()),
            "the failure directory's report.html is the run's report");
        // the same run from its seed and options
        RunCommandTest.Run bySeed = RunCommandTest.whopper(("replay " + String.join(" ", recorded.runOptions())).split(" "));
        assertEquals(recorded.outcome().traceHash(), bySeed.hash());
        assertEquals(1, bySeed.exit());
    }

    @Test
    void aReplayThatDivergesIsExitThree() throws IOException {
        Path f = failure().resolve("repro.json");
        Path tampered = tmp.resolve("tampered.json");
        String hash = Json.read(f, Repro.class).outcome().traceHash();
        Files.writeString(tampered, Files.readString(f).replace(hash, "0123456789abcdef"));
        RunCommandTest.Run r = RunCommandTest.whopper("replay", tampered.toString());
        assertEquals(3, r.exit(), r.out());
        assertTrue(r.out().contains("replay: DIFFERENT trace hash: recorded 0123456789abcdef"), r.out());
    }

    @Test
    void badReplaysAreOneLine() throws IOException {
        assertEquals("replay: no FILE and no seed (expected: whopper replay FILE, or --seed N (or SEED) with the run's options)",
            SoakCommandTest.usageError(RunCommandTest.whopper("replay")));
        Path missing = tmp.resolve("missing.json");
        assertEquals("replay: no such file: " + missing + " (expected: a repro.json, as a soak writes into failures/seed-N/, "
            + "or its directory)", SoakCommandTest.usageError(RunCommandTest.whopper("replay", missing.toString())));
        Path garbage = Files.writeString(tmp.resolve("garbage.json"), "[1, 2");
        assertTrue(SoakCommandTest.usageError(RunCommandTest.whopper("replay", garbage.toString()))
            .startsWith("replay: " + garbage + ": not a valid Repro file: "));
        assertEquals("replay: FILE holds the run's options (expected: FILE alone, or --seed N with run options, not both)",
            SoakCommandTest.usageError(RunCommandTest.whopper("replay", failure().toString(), "--seed", "3")));
        Path badOptions = tmp.resolve("bad-options.json");
        Files.writeString(badOptions, Files.readString(failure().resolve("repro.json")).replace("\"reentrant-counter\"", "\"nope\""));
        assertTrue(SoakCommandTest.usageError(RunCommandTest.whopper("replay", badOptions.toString()))
            .startsWith("replay: " + badOptions + ": --workload: nope (expected: one of bank"));
    }

    @Test
    void shrinkWritesAMinimalReproThatReplays() throws IOException {
        Path dir = failure();
        Path out = tmp.resolve("minimal");
        RunCommandTest.Run r = RunCommandTest.whopper("shrink", dir.toString(), "--out", out.toString(), "--shrink-runs", "200");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("shrunk in "), r.out());
        Repro minimal = Json.read(out.resolve("repro.json"), Repro.class);
        assertTrue(minimal.decisions() != null);
        assertTrue(Files.isRegularFile(out.resolve("decisions.replay")));
        assertTrue(Files.readString(out.resolve("report.html")).contains(minimal.outcome().traceHash()), "the minimal run's report");
        assertTrue(r.out().contains("minimal trace hash: " + minimal.outcome().traceHash()), r.out());
        RunCommandTest.Run again = RunCommandTest.whopper("replay", out.toString());
        assertEquals(1, again.exit(), again.out());
        assertEquals(minimal.outcome().traceHash(), again.hash());
        // the printed command line replays it too (whopper run ... --replay decisions.replay)
        String command = Files.readString(out.resolve("command.txt")).strip();
        RunCommandTest.Run run = RunCommandTest.whopper(command.substring("whopper ".length()).split(" "));
        assertEquals(minimal.outcome().traceHash(), run.hash());
        assertEquals("--out: " + out + " is not empty (expected: a new or empty directory)",
            SoakCommandTest.usageError(RunCommandTest.whopper("shrink", dir.toString(), "--out", out.toString())));
    }

    @Test
    void badShrinksAreOneLine() throws IOException {
        assertEquals("--shrink-runs: 0 (expected: > 0)",
            SoakCommandTest.usageError(RunCommandTest.whopper("shrink", failure().toString(), "--shrink-runs", "0")));
        Path passing = tmp.resolve("passing");
        assertEquals(0, RunCommandTest.whopper("soak", "--seeds", "1", "--workload", "lock-order-fixed", "--out",
            passing.toString()).exit());
        // a passing run's repro, made from a failure's by swapping in the fixed twin
        Path repro = tmp.resolve("fixed.json");
        Files.writeString(repro, Files.readString(failure().resolve("repro.json"))
            .replace("\"reentrant-counter\"", "\"reentrant-counter-fixed\""));
        assertTrue(SoakCommandTest.usageError(RunCommandTest.whopper("shrink", repro.toString(), "--out",
            tmp.resolve("x").toString())).startsWith("shrink: the run of " + repro + " passes (trace hash "));
        assertTrue(SoakCommandTest.usageError(RunCommandTest.whopper("shrink")).startsWith("Missing required parameter: 'FILE'"));
    }
}
