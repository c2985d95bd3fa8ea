package dev.whopper.reports.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.reports.model.Failure;
import dev.whopper.reports.model.FiberLine;
import dev.whopper.reports.model.KindLatency;
import dev.whopper.reports.model.RunReport;
import dev.whopper.reports.model.Samples;
import dev.whopper.reports.model.Shrink;
import dev.whopper.reports.model.TimelineEvent;
import dev.whopper.reports.model.Violation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    static final List<String> SECTIONS = List.of("verdict", "repro", "config", "throughput", "latency",
        "latency-over-time", "faults", "properties", "fibers", "coverage", "counters");

    @Test
    void everySectionIsThereAndNumbersMatchTheModel() {
        RunReport r = Samples.report(9, true, "money appeared");
        Document d = Jsoup.parse(HtmlReport.render(r));
        for (String id : SECTIONS) {
            assertNotNull(d.getElementById(id), id);
        }
        assertNotNull(d.getElementById("failures"));
        assertNull(d.getElementById("soak"), "a single run has no soak section");
        assertEquals("VIOLATION", d.getElementById("verdict").attr("data-outcome"));
        assertTrue(d.getElementById("verdict").hasClass("fail"));
        assertEquals(r.repro(), d.getElementById("repro-command").text());
        assertEquals("9", d.getElementById("seed").text());
        assertEquals(r.traceHash(), d.getElementById("trace-hash").text());
        assertEquals(String.format(Locale.ROOT, "%,d", r.counter("steps")), d.getElementById("steps").text());
        for (KindLatency k : r.latency()) {
            Element row = d.selectFirst("#latency-table tr[data-kind=" + k.kind() + "]");
            assertNotNull(row, k.kind());
            List<String> cells = row.select("td").eachText();
            assertEquals(k.kind(), cells.get(0));
            assertEquals(num(k.count()), cells.get(1));
            assertEquals(num(k.simulatedMicros().percentile(50)), cells.get(2));
            assertEquals(num(k.simulatedMicros().percentile(90)), cells.get(3));
            assertEquals(num(k.simulatedMicros().percentile(99)), cells.get(4));
            assertEquals(num(k.simulatedMicros().percentile(99.9)), cells.get(5));
            assertEquals(num(k.simulatedMicros().max()), cells.get(6));
        }
        assertEquals(r.latency().size(), d.select("#percentile-chart polyline").size());
        assertEquals(2, d.select("#fault-chart rect.fault").size() + d.select("#fault-chart line.crash").size());
        assertEquals(List.of("VIOLATED", "SKIPPED"), d.select("#property-table td.status").eachText().stream()
            .map(s -> s.substring(2)).toList());
        assertEquals(String.format(Locale.ROOT, "%.3f", r.fairness()), d.getElementById("fairness").text());
        assertEquals("40", d.select("#coverage-yield-points td.n").text());
        assertEquals(r.failures().get(0).timeline().size(), d.select("#events-0 tbody tr").size());
        assertEquals(2, d.select("#events-0 tr.offending").size());
        assertTrue(d.select("#timeline-0 rect.op.offending").size() >= 1, "the blamed operation is outlined");
        assertEquals(1, d.select("#timeline-0 line.violation").size());
        assertEquals(List.of("fiber 1 ✱", "fiber 2", "system"), d.select("#timeline-0 text.lane").eachText());
    }

    @Test
    void theBlamedOperationsOfOtherFibersAreOutlinedAndListedWithTheirReasons() {
        RunReport r = Samples.report(9, true, "money appeared");
        Document d = Jsoup.parse(HtmlReport.render(r));
        List<Element> items = d.select("#blamed-0 li");
        assertEquals(2, items.size());
        assertEquals("blamed: fiber 2, audit #7 at t=1.989 s to 1.990 s: " + Samples.BLAME_REASON, items.get(0).text());
        assertEquals("2", items.get(0).attr("data-fiber"));
        assertEquals("7", items.get(0).attr("data-op-index"));
        assertTrue(items.get(1).text().contains("committed <b>long</b> before"), "escaped, shown as text: " + items.get(1).text());
        assertTrue(items.get(1).text().contains("(not in the kept events)"), items.get(1).text());
        Element row = d.select("#events-0 tr.offending").get(0);
        assertEquals("blamed: " + Samples.BLAME_REASON, row.attr("title"));
        List<Element> marks = d.select("#timeline-0 .ev.offending");
        assertEquals(2, marks.size(), "one blamed mark of fiber 2 and the failing fiber's");
        assertTrue(marks.stream().anyMatch(m -> m.selectFirst("title").text().contains("fiber 2 audit DONE: total=995 — blamed: "
            + Samples.BLAME_REASON)), "the reason is in the tooltip");
        assertTrue(d.select("#timeline-0 rect.op.offending title").eachText().stream()
            .anyMatch(t -> t.equals("audit — blamed: " + Samples.BLAME_REASON)), "the blamed bar says why");
        assertTrue(d.select("#blamed-0 i, #blamed-0 b, #events-0 i, #timeline-0 i").isEmpty(), "markup in a reason is escaped");
    }

    @Test
    void aLaneOfABlamedFiberIsDrawnEvenWhenOthersWereActiveLater() {
        List<TimelineEvent> events = new ArrayList<>();
        events.add(new TimelineEvent(1, 1_000, 0, "transfer", "OP_START", "", true, "part-way"));
        for (int f = 1; f <= 20; f++) {
            events.add(new TimelineEvent(1 + f, 1_000 + f, f, "read", "OP_START", "", false));
        }
        events.add(new TimelineEvent(30, 2_000, 21, "audit", "OP_START", "", true, "the failing operation"));
        Failure f = new Failure(1, "VIOLATION", "", "", "", new Violation("p", "m", 30, 2_000, 21), events, events, null);
        RunReport r = Samples.report(9, true, "x").withFailures(List.of(f));
        List<String> lanes = Jsoup.parse(HtmlReport.render(r)).select("#timeline-0 text.lane").eachText();
        assertEquals(Timeline.MAX_LANES + 1, lanes.size());
        assertEquals("fiber 21 ✱", lanes.get(0));
        assertTrue(lanes.contains("fiber 0"), "the blamed fiber 0 is drawn though 20 fibers were active after it: " + lanes);
    }

    @Test
    void aValueHoldingMarkupIsEscaped() {
        String evil = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        RunReport r = Samples.report(3, true, evil);
        String html = HtmlReport.render(r);
        Document d = Jsoup.parse(html);
        assertEquals(1, d.select("script").size(), "only the page's own script");
        assertTrue(d.select("img").isEmpty());
        assertTrue(d.getElementById("violation-0").text().contains(evil), "shown as text");
        assertFalse(html.contains("<script>alert"));
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    }

    @Test
    void aPassingRunHasNoFailureSectionAndThePageIsSelfContained() {
        RunReport r = Samples.report(4, false, "");
        String html = HtmlReport.render(r);
        Document d = Jsoup.parse(html);
        assertEquals("PASSED", d.getElementById("verdict").attr("data-outcome"));
        assertTrue(d.getElementById("verdict").hasClass("pass"));
        assertNull(d.getElementById("failures"));
        assertTrue(d.select("link, img, iframe, [src]").isEmpty(), "nothing fetched");
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("@import") || html.contains("url("));
        assertEquals(html, HtmlReport.render(r), "deterministic");
        assertTrue(d.select(".wall").size() >= 4, "wall-clock figures are marked");
    }

    @Test
    void aSoakShowsSeedsFailuresAndMergedHistogramsAndAShrinkShowsSizes() {
        RunReport merged = Samples.report(1, false, "").plus(Samples.report(2, true, "boom"))
            .plus(Samples.report(3, true, "bang"));
        Failure f = merged.failures().get(0).withShrink(new Shrink(new Shrink.Size(3, 5000, 4000, "chaos"),
            new Shrink.Size(2, 40, 12, "none"), "whopper run --seed 2 --replay x"));
        merged = merged.withFailures(List.of(f, merged.failures().get(1)));
        Document d = Jsoup.parse(HtmlReport.render(merged));
        assertNotNull(d.getElementById("soak"));
        assertEquals("3", d.getElementById("seeds-run").text());
        assertEquals("2", d.getElementById("runs-failed").text());
        assertEquals(List.of(merged.failures().get(0).repro(), merged.failures().get(1).repro()),
            d.select("#soak-failures code").eachText());
        assertEquals(num(merged.latencyOf("transfer").count()),
            d.select("#latency-table tr[data-kind=transfer] td").get(1).text());
        assertEquals(List.of("before", "after"), d.select("#shrink-0 tbody th").eachText());
        assertEquals("2 40 12 none", String.join(" ", d.select("#shrink-0 tbody tr").get(1).select("td").eachText()));
        assertEquals("", d.select("#verdict").attr("data-repro"));
    }

    @Test
    void tenThousandFibersStayReadableAndSmall() {
        RunReport base = Samples.report(5, true, "lost");
        List<FiberLine> fibers = new ArrayList<>();
        List<TimelineEvent> events = new ArrayList<>();
        for (int f = 0; f < 10_000; f++) {
            fibers.add(new FiberLine(f, f % 7, 1_000L * (f % 13)));
            for (int k = 0; k < 16; k++) {
                events.add(new TimelineEvent(f * 16L + k, f * 16_000L + k, f, "transfer", k == 0 ? "OP_START" : "YIELD",
                    "value " + k, false));
            }
        }
        Failure big = new Failure(5, "VIOLATION", "x", "r", "h", new Violation("p", "m", 159_999, 0, 9_999), events,
            events, null);
        RunReport r = new RunReport(1, RunReport.RUN, base.title(), 5, 1, List.of(5L), base.config(), base.repro(),
            base.strategy(), base.outcomes(), base.summary(), base.traceHash(), base.counters(), base.opsByKind(),
            base.faultsByKind(), base.workloadCounters(), base.warnings(), base.faults(), 0, base.properties(),
            base.latency(), base.latencyOverTime(), fibers, base.coverage(), List.of(big), 1);
        String html = HtmlReport.render(r);
        assertTrue(html.getBytes(StandardCharsets.UTF_8).length < 5 * 1024 * 1024, "under 5 MB: " + html.length());
        Document d = Jsoup.parse(html);
        assertEquals(Timeline.MAX_LANES + 1, d.select("#timeline-0 text.lane").size(), "16 fibers and the system");
        assertEquals("fiber 9999 ✱", d.select("#timeline-0 text.lane").first().text());
        assertEquals(HtmlReport.TOP_FIBERS, d.select("#fibers-longest-wait tbody tr").size());
        assertTrue(d.select("#timeline-0 .ev").size() <= Timeline.MAX_EVENTS);
    }

    private static String num(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
