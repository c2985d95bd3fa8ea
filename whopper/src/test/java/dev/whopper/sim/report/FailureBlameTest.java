package dev.whopper.sim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.reports.model.Blame;
import dev.whopper.reports.model.Failure;
import dev.whopper.reports.model.RunReport;
import dev.whopper.reports.model.TimelineEvent;
import dev.whopper.reports.render.HtmlReport;
import dev.whopper.reports.render.JsonReport;
import dev.whopper.sim.Observation;
import dev.whopper.sim.RunResult;
import dev.whopper.sim.config.RunConfig;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** A failure's report blames the other fibers' operations the violation involves, not only the fiber that noticed. */
class FailureBlameTest {
    /** bank-non-atomic: fiber 2's audit sums to 31982, 18 short, while fiber 3's transfer of 18 is half done. */
    static final String RACE = "--seed 1 --workload bank-non-atomic --connections 4";
    /** check-then-act: the invariant (mutual exclusion) names no culprit, so the heuristic guesses. */
    static final String NO_BLAME = "--seed 1 --workload check-then-act --connections 3";

    private static RunReport report(String line) {
        RunConfig config = RunConfig.parse(line.split(" "));
        LastEvents events = new LastEvents();
        RunResult r = config.simulation().run(new Observation(events, false, null));
        return RunReports.of(r, config, events, 0);
    }

    @Test
    void aRaceBlamesTheOtherFibersTransferThatWasPartWayWhenTheAuditScanned() {
        Failure f = report(RACE).failures().get(0);
        assertEquals("bank-conservation", f.violation().property());
        assertEquals(2, f.violation().fiber());
        assertTrue(f.violation().message().contains("accounts sum to 31982, expected 32000"), f.violation().message());
        List<Blame> blamed = f.violation().blamed();
        assertEquals(1, blamed.size(), blamed.toString());
        Blame b = blamed.get(0);
        assertEquals(3, b.fiber());
        assertFalse(b.guessed(), "the property named it");
        assertEquals("transfer", b.op(), "matched to its events on the timeline");
        assertEquals("transfer acct/0002 -> acct/0022 (18) was part-way: it had debited acct/0002 but not yet credited"
            + " acct/0022 when the audit scanned", b.reason(), "the transfer of the 18 missing");
        List<TimelineEvent> fiber3 = f.timeline().stream().filter(e -> e.fiber() == 3 && e.offending()).toList();
        assertFalse(fiber3.isEmpty(), "events of a fiber other than the failing one are offending");
        assertTrue(fiber3.stream().allMatch(e -> e.blame().equals(b.reason())), fiber3.toString());
        assertEquals("OP_START", fiber3.get(0).kind(), "from its start");
        assertTrue(fiber3.get(0).timeNanos() <= b.fromNanos() && b.fromNanos() <= fiber3.get(1).timeNanos(),
            "the transfer began in its operation's first step: " + b.fromNanos() + " " + fiber3);
        assertTrue(fiber3.stream().noneMatch(e -> e.kind().equals("DONE")), "it was still in flight");
        int start = f.timeline().indexOf(fiber3.get(0));
        assertTrue(f.timeline().subList(0, start).stream().filter(e -> e.fiber() == 3).count() > 0, "it ran before");
        assertTrue(f.timeline().subList(0, start).stream().filter(e -> e.fiber() == 3)
            .noneMatch(TimelineEvent::offending), "fiber 3's earlier operations are not blamed");
        List<TimelineEvent> failing = f.timeline().stream().filter(e -> e.fiber() == 2 && e.offending()).toList();
        assertEquals(List.of("OP_START"), failing.stream().map(TimelineEvent::kind).toList(),
            "the audit that noticed, from its start (not the previous operation that ended in the same step)");
        assertEquals(Blaming.FAILING, failing.get(0).blame());
    }

    @Test
    void theReportOfTheRaceHighlightsTheBlamedFiberInHtmlAndKeepsItThroughJson() {
        RunReport report = report(RACE);
        RunReport back = JsonReport.read(JsonReport.write(report));
        assertEquals(report, back, "blame and the reasons round-trip through JSON");
        Document d = Jsoup.parse(HtmlReport.render(back));
        assertEquals(1, d.select("#blamed-0 li").size());
        assertTrue(d.select("#blamed-0 li").text().startsWith("blamed: fiber 3, transfer #"), d.select("#blamed-0 li").text());
        assertTrue(d.select("#timeline-0 rect.op.offending title").eachText().stream()
            .anyMatch(t -> t.startsWith("transfer (in flight) — blamed: transfer acct/0002 -> acct/0022 (18) was part-way")),
            d.select("#timeline-0 rect.op.offending title").eachText().toString());
        assertTrue(d.select("#events-0 tr.offending").stream().anyMatch(r -> r.child(2).text().equals("3")
            && r.attr("title").contains("was part-way")), "the events table shades fiber 3's rows with the reason");
        assertEquals(List.of("fiber 2 ✱", "fiber 3", "fiber 0", "fiber 1", "system"), d.select("#lane-labels-0 text").eachText(),
            "the blamed fiber's lane comes right after the failing one's");
    }

    @Test
    void theSameSeedGivesTheSameBlameReportAndTraceHash() {
        RunConfig config = RunConfig.parse(RACE.split(" "));
        RunResult plain = config.simulation().run();
        LastEvents events = new LastEvents();
        RunResult watched = config.simulation().run(new Observation(events, true, null));
        assertEquals(plain.traceHashHex(), watched.traceHashHex(), "blame decides nothing");
        assertEquals("a7967817c22d83c7", plain.traceHashHex(), "the pinned hash of this run did not move");
        RunReport a = report(RACE);
        RunReport b = report(RACE);
        assertEquals(JsonReport.write(a), JsonReport.write(b));
        assertEquals(HtmlReport.render(a), HtmlReport.render(b));
    }

    @Test
    void withoutBlameFromThePropertyTheOperationsThatOverlappedTheFailingOneAreGuessed() {
        Failure f = report(NO_BLAME).failures().get(0);
        assertEquals(2, f.violation().fiber());
        List<Blame> blamed = f.violation().blamed();
        assertEquals(List.of(0, 1), blamed.stream().map(Blame::fiber).toList(), blamed.toString());
        assertTrue(blamed.stream().allMatch(b -> b.guessed() && b.reason().equals(Blaming.OVERLAP)), blamed.toString());
        assertTrue(blamed.stream().allMatch(b -> b.op().equals("critical-section")), blamed.toString());
        for (int fiber : List.of(0, 1)) {
            assertTrue(f.timeline().stream().anyMatch(e -> e.fiber() == fiber && e.offending()
                && e.blame().equals(Blaming.OVERLAP)), "fiber " + fiber + " is marked as a guess");
        }
        RunConfig config = RunConfig.parse(NO_BLAME.split(" "));
        RunReport console = RunReports.of(config.simulation().run(), config, null, 0);
        assertEquals(blamed.stream().map(b -> b.fiber() + " " + b.op() + " " + b.reason()).toList(),
            console.failures().get(0).violation().blamed().stream().map(b -> b.fiber() + " " + b.op() + " " + b.reason())
                .toList(), "without a captured timeline, the event ring gives the same guess");
    }
}
