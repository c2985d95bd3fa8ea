package dev.whopper.sim.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.sim.RunResult;
import dev.whopper.sim.config.RunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoakRunnerTest {
    /** Bank with faults and a crash: every seed touches the engine, the disk model, faults and recovery. */
    private static final RunConfig BANK = Soaks.config("--workload", "bank", "--connections", "4", "--faults", "chaos",
        "--crashes", "1");

    @TempDir
    Path tmp;

    @Test
    void parallelSeedsGiveTheSameRunsAsSequentialOnes() throws IOException {
        SoakSummary one = Soaks.soak(tmp.resolve("one"), BANK, 24, 1, Shard.WHOLE);
        SoakSummary three = Soaks.soak(tmp.resolve("three"), BANK, 24, 3, Shard.WHOLE);
        TreeMap<Long, String> sequential = Soaks.hashes(tmp.resolve("one"));
        assertEquals(24, sequential.size());
        assertEquals(sequential, Soaks.hashes(tmp.resolve("three")));
        assertEquals(one.result(), three.result());
        assertEquals(one.soak(), three.soak());
        for (long g : List.of(0L, 7L, 23L)) { // and each equals the seed run alone
            RunResult alone = BANK.simulation().withSeed(g).run();
            assertEquals(alone.traceHashHex(), sequential.get(g), "seed " + g);
        }
        assertTrue(one.run().complete());
        assertFalse(one.run().interrupted());
    }

    @Test
    void failuresAreGroupedBySignatureEachWithItsDirectory() throws IOException {
        RunConfig lost = Soaks.config("--workload", "lost-update");
        Path dir = tmp.resolve("lost");
        SoakSummary s = Soaks.soak(dir, lost, 30, 2, Shard.WHOLE);
        assertEquals(30, s.result().failures());
        assertEquals(1, s.result().groups().size(), s.result().groups().toString());
        FailureGroup g = s.result().groups().get(0);
        assertEquals(30, g.count());
        assertEquals(0, g.firstSeed());
        assertEquals("VIOLATION no lost update: does not hold at the end of the run", g.signature());
        try (Stream<Path> failures = Files.list(dir.resolve("failures"))) {
            assertEquals(30, failures.count());
        }
        Path seed5 = dir.resolve("failures/seed-5");
        for (String f : List.of("repro.json", "command.txt", "report.html", "report.txt", "trace-tail.txt")) {
            assertTrue(Files.isRegularFile(seed5.resolve(f)), f);
        }
        Repro r = Json.read(seed5.resolve("repro.json"), Repro.class);
        assertEquals(5, r.seed());
        assertEquals("whopper run --seed 5 --workload lost-update --connections 8 --steps 100000 --strategy random\n",
            Files.readString(seed5.resolve("command.txt")));
        RunResult again = r.rerun();
        assertEquals(r.outcome().traceHash(), again.traceHashHex());
        assertEquals(r.outcome().signature(), Signature.of(again.outcome()));
    }

    @Test
    void failFastStopsSoonAfterTheFirstFailure() throws IOException {
        RunConfig lost = Soaks.config("--workload", "lost-update");
        SoakOptions o = new SoakOptions(lost, new SeedPlan(0, 100_000, Shard.WHOLE), 2, 0, true, false, 50, tmp.resolve("ff"));
        SoakSummary s = new SoakRunner(o, Progress.Listener.NONE).start();
        assertTrue(s.result().failures() >= 1);
        assertTrue(s.result().seeds() <= 2, "two jobs: the failing seed and at most the other's in flight: " + s.result().seeds());
        assertFalse(s.run().complete());
    }

    @Test
    void shrinkingWritesTheMinimalReproNextToTheFailure() throws IOException {
        RunConfig lost = Soaks.config("--workload", "lost-update", "--connections", "6");
        SoakOptions o = new SoakOptions(lost, new SeedPlan(3, 2, Shard.WHOLE), 1, 0, false, true, 100, tmp.resolve("sh"));
        SoakSummary s = new SoakRunner(o, Progress.Listener.NONE).start();
        FailureGroup g = s.result().groups().get(0);
        Path shrunk = tmp.resolve("sh/failures/seed-3/shrunk");
        Repro minimal = Json.read(shrunk.resolve("repro.json"), Repro.class);
        assertTrue(Files.readString(shrunk.resolve("report.html")).contains(minimal.outcome().traceHash()), "its HTML report");
        assertTrue(minimal.config().connections() < 6, minimal.command());
        assertTrue(minimal.decisions() != null);
        assertTrue(minimal.command().endsWith("--replay " + shrunk.toAbsolutePath().normalize().resolve("decisions.replay")));
        assertEquals(minimal.outcome().traceHash(), minimal.rerun().traceHashHex());
        assertEquals(minimal.outcome().steps(), g.smallestSteps());
        assertTrue(g.smallestCommand().contains("--replay"), g.smallestCommand());
    }

    @Test
    void resumeRunsExactlyTheSeedsTheLedgerLacks() throws IOException {
        RunConfig pct = Soaks.config("--workload", "pct-order"); // about half of its seeds fail
        Path whole = tmp.resolve("whole");
        SoakSummary uninterrupted = Soaks.soak(whole, pct, 400, 2, Shard.WHOLE);
        // A session that stops early (as Ctrl-C stops it): no new seeds after the stop, the summary for those done.
        Path dir = tmp.resolve("stopped");
        AtomicInteger seen = new AtomicInteger();
        SoakRunner[] runner = new SoakRunner[1];
        runner[0] = new SoakRunner(Soaks.options(dir, pct, 400, 2, Shard.WHOLE), new Progress.Listener() {
            @Override
            public void progress(Progress p) { }

            @Override
            public void failure(SeedRecord r) {
                if (seen.incrementAndGet() == 20) {
                    runner[0].requestStop();
                }
            }
        });
        SoakSummary first = runner[0].start();
        assertTrue(first.run().interrupted());
        assertTrue(first.result().seeds() < 400, "stopped early: " + first.result().seeds());
        // Lose a chunk in the middle as well: its seeds become holes the resume reruns.
        List<Path> chunks = chunkFiles(dir);
        if (chunks.size() >= 2) {
            Files.delete(chunks.get(0));
        }
        SoakOptions again = Json.read(SoakFile.in(dir), SoakFile.class).options(dir, 3, null);
        SoakSummary resumed = new SoakRunner(again, Progress.Listener.NONE).resume();
        assertEquals(Soaks.hashes(whole), Soaks.hashes(dir));
        assertEquals(uninterrupted.result(), resumed.result());
        assertTrue(resumed.run().complete());
        assertEquals(2, resumed.run().sessions());
        // Resuming a complete soak runs nothing and keeps its result.
        SoakSummary idle = new SoakRunner(again, Progress.Listener.NONE).resume();
        assertEquals(uninterrupted.result(), idle.result());
    }

    @Test
    void shardsAreDisjointAndTheirMergeEqualsTheWholeSoak() throws IOException {
        SoakSummary whole = Soaks.soak(tmp.resolve("whole"), BANK, 31, 2, Shard.WHOLE);
        List<SoakSummary> parts = new ArrayList<>();
        TreeMap<Long, String> union = new TreeMap<>();
        for (int i = 0; i < 3; i++) {
            Path d = tmp.resolve("shard-" + i);
            parts.add(Soaks.soak(d, BANK, 31, 1, new Shard(i, 3)));
            TreeMap<Long, String> h = Soaks.hashes(d);
            for (long g : h.keySet()) {
                assertEquals(i, g % 3, "shard " + i + " ran seed index " + g);
                assertEquals(null, union.put(g, h.get(g)), "seed index " + g + " in two shards");
            }
        }
        assertEquals(Soaks.hashes(tmp.resolve("whole")), union);
        SoakSummary merged = SoakSummary.merge(parts, List.of("a", "b", "c"));
        assertEquals(whole.soak(), merged.soak());
        assertEquals(whole.result(), merged.result());
        assertEquals(List.of("0/3", "1/3", "2/3"), merged.run().shards());
        assertTrue(merged.run().complete());
        IllegalArgumentException twice = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> SoakSummary.merge(List.of(parts.get(0), parts.get(0)), List.of("a", "a")));
        assertEquals("--merge: shard 0/3 appears twice (in a; expected: each shard once)", twice.getMessage());
        SoakSummary other = Soaks.soak(tmp.resolve("other"), Soaks.config("--workload", "lost-update"), 3, 1, new Shard(1, 3));
        IllegalArgumentException mismatch = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> SoakSummary.merge(List.of(parts.get(0), other), List.of("a", "o")));
        assertTrue(mismatch.getMessage().startsWith("--merge: o soaked seeds 0..2 of '--workload lost-update"), mismatch.getMessage());
    }

    @Test
    void theSummaryFilesAreWrittenAndReadBack() throws IOException {
        Path dir = tmp.resolve("files");
        SoakSummary s = Soaks.soak(dir, BANK, 5, 1, Shard.WHOLE);
        assertEquals(s, Json.read(dir.resolve(SummaryFiles.JSON), SoakSummary.class));
        String html = Files.readString(dir.resolve(SummaryFiles.HTML));
        assertTrue(html.contains("5 seeds"), html);
        String hlog = Files.readString(dir.resolve(SummaryFiles.HLOG));
        assertTrue(hlog.contains("Tag=seed-wall,") && hlog.contains("Tag=seed-simulated,"), hlog);
        assertNotEquals(0, s.result().coverage().items());
        try (Stream<Path> all = Files.walk(dir)) {
            assertEquals(List.of(), all.filter(p -> p.getFileName().toString().startsWith(AtomicFiles.TEMP_PREFIX)).toList());
        }
    }

    private static List<Path> chunkFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(Ledger.dirOf(dir))) {
            return s.filter(p -> p.getFileName().toString().startsWith("chunk-")).sorted().toList();
        }
    }
}
