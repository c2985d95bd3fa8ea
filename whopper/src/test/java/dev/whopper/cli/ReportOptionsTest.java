package dev.whopper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whopper.reports.model.RunReport;
import dev.whopper.reports.render.JsonReport;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportOptionsTest {
    static final String[] RUN = {"run", "--seed", "1", "--workload", "bank-non-atomic", "--connections", "4"};

    static String[] with(String... more) {
        String[] a = java.util.Arrays.copyOf(RUN, RUN.length + more.length);
        System.arraycopy(more, 0, a, RUN.length, more.length);
        return a;
    }

    @Test
    void reportJsonTraceAndLatencyLogLeaveTheRunAsItWas(@TempDir Path dir) throws Exception {
        RunCommandTest.Run plain = RunCommandTest.whopper(RUN);
        Path html = dir.resolve("out.html");
        Path json = dir.resolve("out.json");
        Path trace = dir.resolve("out.jsonl");
        Path hlog = dir.resolve("out.hlog");
        RunCommandTest.Run r = RunCommandTest.whopper(with("--report", html.toString(), "--json", json.toString(),
            "--trace", trace.toString(), "--latency-log", hlog.toString(), "--latency-log-interval-nanos", "5000000"));
        assertEquals(plain.exit(), r.exit(), r.err());
        assertEquals(1, r.exit());
        assertEquals(plain.hash(), r.hash());
        String repro = r.out().lines().filter(l -> l.startsWith("repro: ")).findFirst().orElseThrow();
        assertEquals(plain.out().lines().filter(l -> l.startsWith("repro: ")).findFirst().orElseThrow(), repro);
        assertFalse(repro.contains("--report") || repro.contains("--json") || repro.contains("--trace"), repro);
        assertTrue(r.out().contains("report: " + html), r.out());

        RunReport report = JsonReport.read(json);
        assertEquals(plain.hash(), report.traceHash());
        assertEquals("VIOLATION", report.failures().get(0).outcome());
        assertTrue(Files.readString(html).contains("id=\"verdict\""));

        List<String> lines = Files.readAllLines(trace);
        long ops = 0;
        for (String line : lines) {
            JsonNode e = JsonReport.mapper().readTree(line);
            assertTrue(e.has("step") && e.has("timeNanos") && e.has("fiber") && e.has("op") && e.has("kind") && e.has("value"), line);
            if (e.get("kind").asText().equals("DONE") || e.get("kind").asText().equals("FAILED")) {
                ops++;
            }
        }
        assertEquals(report.ops(), ops, "every finished operation is in the trace");
        assertTrue(r.out().contains("trace: " + trace + " (" + lines.size() + " events)"), r.out());

        long logged = 0;
        try (InputStream in = Files.newInputStream(hlog)) {
            HistogramLogReader reader = new HistogramLogReader(in);
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                logged += ((org.HdrHistogram.Histogram) h).getTotalCount();
            }
        }
        assertEquals(report.ops(), logged, "the interval log holds every operation");
    }

    @Test
    void anUnwritablePathIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("file");
        Files.writeString(file, "x");
        RunCommandTest.Run r = RunCommandTest.whopper(with("--trace", file.resolve("under-a-file.jsonl").toString()));
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("whopper: --trace: cannot write "), r.err());
        RunCommandTest.Run bad = RunCommandTest.whopper(with("--latency-log-interval-nanos", "0"));
        assertEquals(2, bad.exit());
        assertEquals("whopper: --latency-log-interval-nanos: 0 (expected: > 0)", bad.err().strip());
    }
}
