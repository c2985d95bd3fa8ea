package dev.whopper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.sim.config.RunConfig;
import dev.whopper.sim.soak.Json;
import dev.whopper.sim.soak.SoakFile;
import dev.whopper.sim.soak.SoakSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoakCommandTest {
    @TempDir
    Path tmp;

    /** @return the one error line of a usage error, checking there is exactly one and no stack trace */
    static String usageError(RunCommandTest.Run r) {
        assertEquals(2, r.exit(), r.out() + r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), err);
        assertTrue(err.startsWith("whopper: "), err);
        return err.substring("whopper: ".length());
    }

    /** @return every file under dir with its content, to show a bad command changed nothing */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                m.put(dir.relativize(p).toString(), Files.isRegularFile(p) ? Files.readString(p) : "/");
            }
        }
        return m;
    }

    @Test
    void aFailingSoakExitsOneAndWritesItsSummary() throws IOException {
        Path dir = tmp.resolve("pct");
        RunCommandTest.Run r = RunCommandTest.whopper("soak", "--seeds", "40", "--workload", "pct-order", "--jobs", "2",
            "--out", dir.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("soak: FAILED: 40 seeds, "), r.out());
        assertTrue(r.out().contains("x VIOLATION ordered completion: "), r.out());
        assertTrue(r.out().contains("soak: new failure at seed "), r.out());
        assertTrue(r.out().contains("    repro: whopper run --seed "), r.out());
        SoakSummary s = Json.read(dir.resolve("summary.json"), SoakSummary.class);
        assertEquals(40, s.result().seeds());
        assertEquals(s.result().failures(), s.result().byKind().get("VIOLATION"));
        assertTrue(Files.isRegularFile(dir.resolve("summary.html")));
        // Resuming a complete soak runs nothing and says the same.
        RunCommandTest.Run again = RunCommandTest.whopper("soak", "--resume", dir.toString());
        assertEquals(1, again.exit());
        assertTrue(again.out().contains("(resumed)"), again.out());
        assertEquals(s.result(), Json.read(dir.resolve("summary.json"), SoakSummary.class).result());
    }

    @Test
    void withoutWorkloadOrModeASoakRunsTheCampaignEachSeedItsOwnDraw() throws IOException {
        Path dir = tmp.resolve("campaign");
        RunCommandTest.Run r = RunCommandTest.whopper("soak", "--seed", "1", "--seeds", "4", "--jobs", "1", "--out", dir.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        SoakFile f = Json.read(SoakFile.in(dir), SoakFile.class);
        assertEquals(List.of("--mode", "campaign", "--connections", "8", "--steps", "100000"), f.runOptions(),
            "the strategy is drawn per seed too");
        TreeMap<Long, String> hashes = SoakProcessTest.ledger(dir);
        assertEquals(4, hashes.size());
        java.util.Set<String> workloads = new java.util.TreeSet<>();
        for (long g = 0; g < 4; g++) {
            RunConfig c = RunConfig.parse("--seed", Long.toString(1 + g), "--mode", "campaign");
            workloads.add(c.workload());
            assertEquals(c.simulation().run().traceHashHex(), hashes.get(g), "seed " + (1 + g) + ": " + c.commandLine());
        }
        assertTrue(workloads.size() > 1, "seeds 1-4 draw more than one workload: " + workloads);
        Path bank = tmp.resolve("bank");
        assertEquals(0, RunCommandTest.whopper("soak", "--seeds", "2", "--workload", "bank", "--jobs", "1", "--out",
            bank.toString()).exit());
        assertEquals(List.of("--workload", "bank", "--connections", "8", "--steps", "100000", "--strategy", "random"),
            Json.read(SoakFile.in(bank), SoakFile.class).runOptions(), "with --workload the soak is fast mode's");
    }

    @Test
    void aPassingSoakExitsZero() {
        RunCommandTest.Run r = RunCommandTest.whopper("soak", "--seeds", "12", "--workload", "lost-update-fixed", "--jobs", "1",
            "--out", tmp.resolve("ok").toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("soak: PASSED: 12 seeds, 0 failures in 0 signatures"), r.out());
    }

    @Test
    void aDurationEndsTheSoak() {
        RunCommandTest.Run r = RunCommandTest.whopper("soak", "--duration", "1500ms", "--workload", "lost-update-fixed",
            "--jobs", "1", "--out", tmp.resolve("timed").toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("soak: PASSED: "), r.out());
        assertFalse(r.out().contains("interrupted"), r.out());
    }

    @Test
    void everyBadInputIsOneLineAndExitTwo() throws IOException {
        String out = tmp.resolve("new").toString();
        assertTrue(usageError(RunCommandTest.whopper("soak", "--bogus")).startsWith("Unknown option: '--bogus'"));
        assertEquals("--seeds: -5 (expected: > 0)", usageError(RunCommandTest.whopper("soak", "--seeds", "-5", "--out", out)));
        assertEquals("--seeds: 0 (expected: > 0)", usageError(RunCommandTest.whopper("soak", "--seeds", "0", "--out", out)));
        assertEquals("--jobs: 0 (expected: > 0)", usageError(RunCommandTest.whopper("soak", "--seeds", "5", "--jobs", "0")));
        assertTrue(usageError(RunCommandTest.whopper("soak", "--seeds", "5", "--workload", "nope"))
            .startsWith("--workload: nope (expected: one of bank, "));
        assertEquals("--shard: 5/4 (expected: i/N with 0 <= i < N, e.g. 0/4 .. 3/4)",
            usageError(RunCommandTest.whopper("soak", "--seeds", "5", "--shard", "5/4")));
        assertEquals("--duration: 'soon' (expected: a duration like 90s, 10m, 1h30m, 2d or seconds)",
            usageError(RunCommandTest.whopper("soak", "--duration", "soon")));
        assertEquals("soak: neither --seeds nor --duration (expected: at least one, e.g. --seeds 1000 or --duration 10m)",
            usageError(RunCommandTest.whopper("soak", "--out", out)));
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertTrue(usageError(RunCommandTest.whopper("soak", "--seeds", "5", "--out", file.resolve("sub").toString()))
            .startsWith("--out: cannot write " + file.resolve("sub") + " ("), "unwritable");
        assertFalse(Files.exists(tmp.resolve("new")), "no bad command created its directory");
    }

    @Test
    void aBadCommandNeverDamagesAnExistingSoak() throws IOException {
        Path dir = tmp.resolve("soak");
        assertEquals(0, RunCommandTest.whopper("soak", "--seeds", "6", "--workload", "lost-update-fixed", "--out", dir.toString()).exit());
        Map<String, String> before = snapshot(dir);
        assertEquals("--out: " + dir + " holds a soak already (expected: a new or empty directory; whopper soak --resume " + dir
            + " continues it)", usageError(RunCommandTest.whopper("soak", "--seeds", "6", "--out", dir.toString())));
        assertEquals("--resume: takes the soak's options from " + dir.resolve("soak.json") + " (expected: only --jobs or "
            + "--duration with it; drop --workload, --seeds)",
            usageError(RunCommandTest.whopper("soak", "--resume", dir.toString(), "--workload", "bank", "--seeds", "9")));
        assertEquals("--jobs: -1 (expected: > 0)", usageError(RunCommandTest.whopper("soak", "--resume", dir.toString(), "--jobs", "-1")));
        assertEquals(before, snapshot(dir));
        Files.writeString(dir.resolve("junk"), "x");
        Map<String, String> withJunk = snapshot(dir);
        Path other = tmp.resolve("other");
        Files.createDirectories(other);
        Files.writeString(other.resolve("notes.txt"), "mine");
        assertEquals("--out: " + other + " is not empty (expected: a new or empty directory)",
            usageError(RunCommandTest.whopper("soak", "--seeds", "6", "--out", other.toString())));
        assertEquals("--resume: " + other + " is not a soak directory (expected: a directory with soak.json, as whopper soak "
            + "--out writes)", usageError(RunCommandTest.whopper("soak", "--resume", other.toString())));
        Path broken = tmp.resolve("broken");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("soak.json"), "{\"format\": 1, \"runOptions\": ");
        Map<String, String> brokenBefore = snapshot(broken);
        assertTrue(usageError(RunCommandTest.whopper("soak", "--resume", broken.toString()))
            .startsWith("--resume: " + broken.resolve("soak.json") + ": not a valid SoakFile file: "));
        assertEquals(brokenBefore, snapshot(broken));
        assertEquals(withJunk, snapshot(dir));
    }

    @Test
    void helpHasExamples() {
        RunCommandTest.Run r = RunCommandTest.whopper("soak", "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("Examples:") && r.out().contains("--resume") && r.out().contains("--shard"), r.out());
    }
}
