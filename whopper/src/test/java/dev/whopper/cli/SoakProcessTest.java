package dev.whopper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.sim.soak.AtomicFiles;
import dev.whopper.sim.soak.Json;
import dev.whopper.sim.soak.Ledger;
import dev.whopper.sim.soak.SeedRecord;
import dev.whopper.sim.soak.SoakSummary;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Soaks as real processes (a child JVM on this test's classpath): killed with SIGKILL at random moments and
 * resumed, every seed ends up in the ledger exactly once with the trace hash an uninterrupted soak gives; and N
 * shards run as N processes cover exactly the seeds of one soak, their merge equal to its summary.
 */
class SoakProcessTest {
    /** Seeds slow enough (tens of ms each) that kills land while seeds run. */
    private static final List<String> BANK = List.of("--workload", "bank", "--connections", "4", "--faults", "chaos");

    @TempDir
    Path tmp;

    static Process whopper(Path log, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static List<String> args(List<String> run, String... more) {
        List<String> a = new ArrayList<>(List.of("soak"));
        a.addAll(run);
        a.addAll(List.of(more));
        return a;
    }

    /** @return index -> trace hash of the ledger, failing on a seed recorded twice */
    static TreeMap<Long, String> ledger(Path dir) throws IOException {
        TreeMap<Long, String> m = new TreeMap<>();
        for (Ledger.Chunk c : Ledger.load(Ledger.dirOf(dir))) {
            for (SeedRecord r : c.records()) {
                assertEquals(null, m.put(r.index(), r.traceHash()), "seed index " + r.index() + " twice in " + dir);
            }
        }
        return m;
    }

    @Test
    void aSoakKilledAtRandomMomentsResumesToTheSameSeedsExactlyOnce() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path dir = tmp.resolve("killed");
        int seeds = 300;
        int kills = 0;
        for (int session = 0; session < 4; session++) {
            List<String> a = session == 0 ? args(BANK, "--seeds", "" + seeds, "--jobs", "2", "--out", dir.toString())
                : List.of("soak", "--resume", dir.toString(), "--jobs", "2");
            Process p = whopper(tmp.resolve("session-" + session + ".log"), a);
            for (int i = 0; i < 600 && !Files.isRegularFile(dir.resolve("soak.json")); i++) {
                Thread.sleep(50); // the first kill lands once the soak exists (before, there is nothing to resume)
            }
            long killAtMillis = random.nextInt(session == 0 ? 1000 : 1500);
            if (p.waitFor(killAtMillis, TimeUnit.MILLISECONDS)) {
                break; // it finished first
            }
            p.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            kills++;
            assertTrue(Files.isRegularFile(dir.resolve("soak.json")), "the soak directory exists after the first kill");
        }
        assertTrue(kills >= 1, "no kill landed (random seed " + seed + ")");
        RunCommandTest.Run last = RunCommandTest.whopper("soak", "--resume", dir.toString());
        assertTrue(last.exit() == 0 || last.exit() == 1, last.out() + last.err());
        RunCommandTest.Run whole = RunCommandTest.whopper(args(BANK, "--seeds", "" + seeds, "--jobs", "2", "--out",
            tmp.resolve("whole").toString()).toArray(new String[0]));
        TreeMap<Long, String> resumed = ledger(dir);
        assertEquals(seeds, resumed.size(), "random seed " + seed);
        assertEquals(ledger(tmp.resolve("whole")), resumed, "random seed " + seed);
        SoakSummary a = Json.read(dir.resolve("summary.json"), SoakSummary.class);
        SoakSummary b = Json.read(tmp.resolve("whole/summary.json"), SoakSummary.class);
        assertEquals(b.result(), a.result());
        assertTrue(a.run().complete(), a.run().toString());
        assertEquals(whole.exit(), last.exit());
        try (Stream<Path> all = Files.walk(dir)) {
            assertEquals(List.of(), all.filter(f -> f.getFileName().toString().startsWith(AtomicFiles.TEMP_PREFIX)).toList());
        }
    }

    @Test
    void shardsRunAsProcessesCoverTheSoakAndMergeToItsSummary() throws Exception {
        List<String> pct = List.of("--workload", "pct-order", "--seed", "1000");
        int n = 3;
        List<Process> procs = new ArrayList<>();
        List<String> merge = new ArrayList<>(List.of("report", "--merge"));
        for (int i = 0; i < n; i++) {
            Path d = tmp.resolve("shard-" + i);
            procs.add(whopper(tmp.resolve("shard-" + i + ".log"), args(pct, "--seeds", "60", "--jobs", "1", "--shard",
                i + "/" + n, "--out", d.toString())));
            merge.add(d.toString());
        }
        RunCommandTest.Run whole = RunCommandTest.whopper(args(pct, "--seeds", "60", "--jobs", "2", "--out",
            tmp.resolve("whole").toString()).toArray(new String[0]));
        for (Process p : procs) {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(whole.exit(), p.exitValue(), "a shard's exit code");
        }
        TreeMap<Long, String> union = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            ledger(tmp.resolve("shard-" + i)).forEach((g, h) -> assertEquals(null, union.put(g, h), "seed index " + g + " twice"));
        }
        assertEquals(ledger(tmp.resolve("whole")), union);
        merge.addAll(List.of("--out", tmp.resolve("merged").toString()));
        RunCommandTest.Run merged = RunCommandTest.whopper(merge.toArray(new String[0]));
        assertEquals(whole.exit(), merged.exit(), merged.out() + merged.err());
        assertTrue(merged.out().contains("merged 3 summaries (shards 0/3, 1/3, 2/3), every seed of the soak"), merged.out());
        SoakSummary m = Json.read(tmp.resolve("merged/summary.json"), SoakSummary.class);
        SoakSummary w = Json.read(tmp.resolve("whole/summary.json"), SoakSummary.class);
        assertEquals(w.soak(), m.soak());
        assertEquals(w.result(), m.result());
        assertTrue(Files.isRegularFile(tmp.resolve("merged/summary.html")));
        badMerges(merge);
    }

    @Test
    void aStopSignalFinishesTheSummaryForTheSeedsDone() throws Exception {
        Path dir = tmp.resolve("stopped");
        Process p = whopper(tmp.resolve("stopped.log"), args(BANK, "--duration", "1h", "--jobs", "2", "--out", dir.toString()));
        Path ledger = Ledger.dirOf(dir);
        for (int i = 0; i < 600 && (!Files.isDirectory(ledger) || Ledger.load(ledger).isEmpty()); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.isDirectory(ledger) && !Ledger.load(ledger).isEmpty(), "no ledger chunk within 30 s");
        p.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the shutdown hook stops the soak and waits for its summary
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        SoakSummary s = Json.read(dir.resolve("summary.json"), SoakSummary.class);
        assertTrue(s.run().interrupted(), Files.readString(tmp.resolve("stopped.log")));
        assertEquals(ledger(dir).size(), s.result().seeds());
        assertTrue(Files.readString(tmp.resolve("stopped.log")).contains("(interrupted: whopper soak --resume " + dir + " continues it)"),
            Files.readString(tmp.resolve("stopped.log")));
    }

    @Test
    void runReportsMergeThroughTheReportModel() throws IOException {
        Path a = tmp.resolve("a.json");
        Path b = tmp.resolve("b.json");
        assertEquals(1, RunCommandTest.whopper("run", "--seed", "1", "--workload", "lost-update", "--json", a.toString()).exit());
        assertEquals(0, RunCommandTest.whopper("run", "--seed", "2", "--workload", "lost-update-fixed", "--json", b.toString()).exit());
        RunCommandTest.Run r = RunCommandTest.whopper("report", "--merge", a.toString(), b.toString(), "--out",
            tmp.resolve("both").toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("merged 2 run reports: 2 runs, outcomes "), r.out());
        assertTrue(Files.isRegularFile(tmp.resolve("both/report.html")) && Files.isRegularFile(tmp.resolve("both/report.json")));
        assertEquals("--merge: " + tmp + " is not a run report (expected: every FILE a run's --json report, or every DIR a soak "
            + "directory)", SoakCommandTest.usageError(RunCommandTest.whopper("report", "--merge", a.toString(), tmp.toString(),
            "--out", tmp.resolve("mixed").toString())));
    }

    private void badMerges(List<String> merge) throws IOException {
        String shard0 = merge.get(2);
        assertEquals("--merge: shard 0/3 appears twice (in " + shard0 + "; expected: each shard once)", SoakCommandTest.usageError(
            RunCommandTest.whopper("report", "--merge", shard0, shard0, "--out", tmp.resolve("m2").toString())));
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals("--merge: no summary.json in " + empty + " (expected: a soak directory, as whopper soak --out writes)",
            SoakCommandTest.usageError(RunCommandTest.whopper("report", "--merge", empty.toString(), "--out",
                tmp.resolve("m3").toString())));
        Path bad = Files.writeString(tmp.resolve("bad-summary.json"), "{\"format\": 1}");
        assertTrue(SoakCommandTest.usageError(RunCommandTest.whopper("report", "--merge", bad.toString(), "--out",
            tmp.resolve("m4").toString())).startsWith("--merge: " + bad + ": not a valid SoakSummary file: "));
        assertEquals("--out: " + tmp.resolve("merged") + " is not empty (expected: a new or empty directory)",
            SoakCommandTest.usageError(RunCommandTest.whopper("report", "--merge", shard0, "--out", tmp.resolve("merged").toString())));
        assertEquals("--out: " + Path.of(shard0) + " holds a soak already (expected: a new or empty directory; whopper soak --resume "
            + shard0 + " continues it)", SoakCommandTest.usageError(RunCommandTest.whopper("report", "--merge", shard0, "--out", shard0)));
        assertTrue(SoakCommandTest.usageError(RunCommandTest.whopper("report", "--out", "x"))
            .startsWith("Missing required option: '--merge=DIR'"));
        assertTrue(!new File(tmp.resolve("m2").toString()).exists());
    }
}
