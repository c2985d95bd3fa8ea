package dev.whopper.sim.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {
    @TempDir
    Path tmp;

    private static Ledger.Chunk chunk(long number) {
        List<SeedRecord> rs = new ArrayList<>();
        for (long i = 0; i < 3; i++) {
            long g = number * 3 + i;
            rs.add(new SeedRecord(g, 100 + g, "PASSED", null, "00000000000000ff", 10, 1000, 5, 77, List.of(), null, -1, null));
        }
        String h = Histograms.encode(Histograms.create());
        return new Ledger.Chunk(number, 0, number * 1000, number, number + 1, rs, h, h);
    }

    @Test
    void chunksFoldIntoSegmentsAndEveryRecordLoadsOnce() throws IOException {
        Path dir = tmp.resolve("ledger");
        Ledger ledger = new Ledger(dir);
        int n = Ledger.COMPACT_AT + 5;
        for (long c = 1; c <= n; c++) {
            ledger.append(chunk(c));
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(6, names.size(), names.toString()); // one segment, five chunks
            assertTrue(names.get(names.size() - 1).startsWith("segment-000000001-000000128"), names.toString());
        }
        List<Ledger.Chunk> loaded = Ledger.load(dir);
        assertEquals(n, loaded.size());
        assertEquals(3L * n, Ledger.records(loaded).size());
        // A kill between writing the segment and deleting its chunks leaves a chunk in both: read once.
        Files.writeString(dir.resolve("chunk-000000007.json"), Json.text(chunk(7)));
        assertEquals(n, Ledger.load(dir).size());
        assertEquals(3L * n, Ledger.records(Ledger.load(dir)).size());
        // A temporary a kill left behind is not a chunk.
        Files.writeString(dir.resolve(AtomicFiles.TEMP_PREFIX + "chunk-000000999.json-123"), "{\"half");
        assertEquals(n, Ledger.load(dir).size());
    }

    @Test
    void aDamagedChunkIsReportedInOneLine() throws IOException {
        Path dir = tmp.resolve("bad");
        new Ledger(dir).append(chunk(1));
        Files.writeString(dir.resolve("chunk-000000002.json"), "{\"number\": 2, \"records\": [");
        Json.MalformedFileException e = assertThrows(Json.MalformedFileException.class, () -> Ledger.load(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("chunk-000000002.json") + ": not a valid Chunk file: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void coverageKeepsEachItemsLowestSeedIndexWhateverTheOrder() {
        CoverageSummary a = new CoverageSummary();
        assertEquals(List.of("x", "y"), a.add(250, List.of("x", "y")));
        assertEquals(List.of("x"), a.add(3, List.of("x")));
        assertEquals(List.of(), a.add(400, List.of("x", "y")));
        assertEquals(List.of("z"), a.add(120, List.of("z")));
        CoverageSummary.Result r = a.result(1000);
        assertEquals(3, r.items());
        assertEquals(List.of(new CoverageSummary.Block(0, 1), new CoverageSummary.Block(100, 1), new CoverageSummary.Block(200, 1)),
            r.curve());
        assertEquals(250, r.lastNewIndex());
        assertEquals(1250, r.lastNewSeed());
        CoverageSummary b = new CoverageSummary();
        b.add(120, List.of("z"));
        b.add(250, List.of("y"));
        b.merge(java.util.Map.of("x", 3L));
        assertEquals(r, b.result(1000));
    }

    @Test
    void coverageBucketsCountsByPowersOfTwo() {
        assertEquals("1", Coverage.bucket(1));
        assertEquals("2-3", Coverage.bucket(3));
        assertEquals("4-7", Coverage.bucket(4));
        assertEquals("64-127", Coverage.bucket(100));
    }
}
