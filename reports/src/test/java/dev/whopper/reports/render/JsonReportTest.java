package dev.whopper.reports.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whopper.reports.model.Blame;
import dev.whopper.reports.model.LatencyHistogram;
import dev.whopper.reports.model.RunReport;
import dev.whopper.reports.model.Samples;
import dev.whopper.reports.model.TimelineEvent;
import dev.whopper.reports.model.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportTest {
    @Test
    void roundTripGivesTheSameReport() {
        for (RunReport r : List.of(Samples.report(3, false, ""), Samples.report(4, true, "<script>alert(1)</script>"))) {
            String json = JsonReport.write(r);
            RunReport back = JsonReport.read(json);
            assertEquals(r, back);
            assertEquals(json, JsonReport.write(back), "writing is stable");
        }
    }

    @Test
    void blameRoundTripsAndAVersion1ReportWithoutItStillReads() throws Exception {
        RunReport r = Samples.report(4, true, "lost");
        RunReport back = JsonReport.read(JsonReport.write(r));
        Violation v = back.failures().get(0).violation();
        assertEquals(2, v.blamed().size());
        assertEquals(new Blame(2, 7, 1_989_000_000L, 1_990_002_000L, "audit", Samples.BLAME_REASON, false), v.blamed().get(0));
        TimelineEvent audit = back.failures().get(0).timeline().get(2);
        assertTrue(audit.offending());
        assertEquals(Samples.BLAME_REASON, audit.blame());
        // A report written before blame was kept (schema 1 without "blamed" and "blame") reads with none.
        ObjectNode tree = (ObjectNode) JsonReport.mapper().readTree(JsonReport.write(r));
        ObjectNode failure = (ObjectNode) tree.get("failures").get(0);
        ((ObjectNode) failure.get("violation")).remove("blamed");
        for (JsonNode e : failure.get("timeline")) {
            ((ObjectNode) e).remove("blame");
        }
        for (JsonNode e : failure.get("lastEvents")) {
            ((ObjectNode) e).remove("blame");
        }
        RunReport old = JsonReport.read(JsonReport.mapper().writeValueAsString(tree));
        assertEquals(List.of(), old.failures().get(0).violation().blamed());
        assertTrue(old.failures().get(0).timeline().get(2).offending(), "offending is kept");
        assertEquals("", old.failures().get(0).timeline().get(2).blame());
        assertEquals(1, tree.get("schemaVersion").asInt(), "blame is a new field old readers ignore: still schema 1");
    }

    @Test
    void jsonCarriesTheSchemaVersionAndCompressedHistograms() throws Exception {
        RunReport r = Samples.report(3, false, "");
        JsonNode tree = JsonReport.mapper().readTree(JsonReport.write(r));
        assertEquals(RunReport.SCHEMA_VERSION, tree.get("schemaVersion").asInt());
        JsonNode transfer = tree.get("latency").get(0);
        assertEquals("transfer", transfer.get("kind").asText());
        assertEquals(r.latencyOf("transfer").count(), transfer.get("count").asLong());
        Histogram h = LatencyHistogram.decode(transfer.get("simulatedMicros").asText()).toHistogram();
        assertEquals(r.latencyOf("transfer").count(), h.getTotalCount());
        assertEquals("VIOLATED".equals(tree.get("properties").get(0).get("status").asText()) ? 0 : 1,
            tree.get("properties").get(0).get("held").asLong());
    }

    @Test
    void mergeOfTwoJsonReportsEqualsTheReportOfCombinedHistograms(@TempDir Path dir) {
        RunReport a = Samples.report(5, false, "");
        RunReport b = Samples.report(6, true, "lost");
        JsonReport.write(a, dir.resolve("a.json"));
        JsonReport.write(b, dir.resolve("b.json"));
        RunReport merged = JsonReport.merge(List.of(JsonReport.read(dir.resolve("a.json")), JsonReport.read(dir.resolve("b.json"))));
        for (String kind : List.of("transfer", "audit")) {
            Histogram combined = a.latencyOf(kind).simulatedMicros().toHistogram();
            combined.add(b.latencyOf(kind).simulatedMicros().toHistogram());
            assertEquals(LatencyHistogram.of(combined), merged.latencyOf(kind).simulatedMicros(), kind);
            assertEquals(combined.getValueAtPercentile(99), merged.latencyOf(kind).simulatedMicros().percentile(99));
        }
        assertEquals(a.plus(b), merged);
        assertEquals(merged, JsonReport.read(JsonReport.write(merged)), "a merge round-trips too");
    }

    @Test
    void badJsonGetsOneLine(@TempDir Path dir) throws Exception {
        assertEquals("report: schemaVersion 99 (expected: 1)",
            assertThrows(IllegalArgumentException.class, () -> JsonReport.read("{\"schemaVersion\": 99}")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JsonReport.read("{oops")).getMessage()
            .startsWith("report: not JSON"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JsonReport.read("[1]")).getMessage()
            .startsWith("report: not a JSON object"));
        String json = JsonReport.write(Samples.report(1, false, "")).replace("\"kind\" : \"run\"", "\"kind\" : \"walk\"");
        assertEquals("report: kind: walk (expected: run or merged)",
            assertThrows(IllegalArgumentException.class, () -> JsonReport.read(json)).getMessage());
        Path missing = dir.resolve("none.json");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JsonReport.read(missing)).getMessage()
            .startsWith(missing + ": cannot read"));
        assertTrue(!Files.exists(missing));
    }
}
