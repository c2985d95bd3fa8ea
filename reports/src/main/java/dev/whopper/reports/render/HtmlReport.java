package dev.whopper.reports.render;

import static dev.whopper.reports.render.Html.dec;
import static dev.whopper.reports.render.Html.esc;
import static dev.whopper.reports.render.Html.nanos;
import static dev.whopper.reports.render.Html.num;
import static dev.whopper.reports.render.Html.wall;

import dev.whopper.reports.model.Blame;
import dev.whopper.reports.model.Failure;
import dev.whopper.reports.model.FaultEvent;
import dev.whopper.reports.model.FiberLine;
import dev.whopper.reports.model.KindLatency;
import dev.whopper.reports.model.PropertyResult;
import dev.whopper.reports.model.RunReport;
import dev.whopper.reports.model.Shrink;
import dev.whopper.reports.model.TimelineEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One self-contained HTML page of a report: inline CSS and SVG, one small inline script (the copy button), no
 * network access, no external font; every string from the run is escaped. Sections (by id): {@code verdict},
 * {@code repro}, {@code config}, {@code throughput}, {@code latency}, {@code latency-over-time},
 * {@code faults}, {@code properties}, {@code fibers}, {@code coverage}, {@code counters}, and when something
 * failed {@code failures} (the violation, a swimlane timeline, the events, the shrink); a merged report also
 * has {@code soak}. Wall-clock figures are in {@code <span class="wall">}. Deterministic: the same report
 * gives the same page. Bounded for any number of fibers: top-N tables, at most 16 swimlanes, at most
 * {@link #MAX_FAILURES_DRAWN} failures drawn.
 */
public final class HtmlReport {
    /** Failures drawn in full at most (the others are listed with their repro lines). */
    public static final int MAX_FAILURES_DRAWN = 10;
    /** Failures listed at most. */
    public static final int MAX_FAILURES_LISTED = 1_000;
    /** Rows of the fault table at most. */
    public static final int MAX_FAULT_ROWS = 200;
    /** Rows of a failure's event table at most (the last events). */
    public static final int MAX_EVENT_ROWS = 1_000;
    /** Fibers listed in each top-N table. */
    public static final int TOP_FIBERS = 10;

    private HtmlReport() { }

    /**
     * @param r a report
     * @param file where to write its page (through a temporary file and a rename)
     */
    public static void write(RunReport r, Path file) {
        JsonReport.writeAtomically(file, render(r));
    }

    /**
     * @param r a report
     * @return its page
     */
    public static String render(RunReport r) {
        StringBuilder sb = new StringBuilder(64 * 1024);
        String verdict = r.passed() ? "PASSED" : RunReport.MERGED.equals(r.kind()) ? "FAILED" : firstOutcome(r);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .append("<meta name=\"generator\" content=\"whopper report, schema ").append(r.schemaVersion()).append("\">\n")
            .append("<title>whopper: ").append(esc(r.title())).append(" — ").append(esc(verdict)).append("</title>\n")
            .append("<style>\n").append(Style.CSS).append("</style>\n</head>\n<body>\n");
        verdict(sb, r, verdict);
        sb.append("<main>\n");
        repro(sb, r);
        config(sb, r);
        if (RunReport.MERGED.equals(r.kind())) {
            soak(sb, r);
        }
        failures(sb, r);
        throughput(sb, r);
        latency(sb, r);
        overTime(sb, r);
        faults(sb, r);
        properties(sb, r);
        fibers(sb, r);
        coverage(sb, r);
        counters(sb, r);
        sb.append("</main>\n<footer>whopper report · schema version ").append(r.schemaVersion())
            .append(" · figures marked <span class=\"wall-key\">dotted</span> are wall-clock and differ from run to run; ")
            .append("everything else is determined by the seed and the configuration.</footer>\n");
        sb.append("<script>\n").append(Style.SCRIPT).append("</script>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static String firstOutcome(RunReport r) {
        return r.outcomes().keySet().stream().filter(k -> !k.equals("PASSED")).findFirst().orElse("FAILED");
    }

    private static void verdict(StringBuilder sb, RunReport r, String verdict) {
        sb.append("<header id=\"verdict\" class=\"verdict ").append(r.passed() ? "pass" : "fail")
            .append("\" data-outcome=\"").append(esc(verdict)).append("\">\n<h1>").append(esc(verdict)).append("</h1>\n")
            .append("<p class=\"title\">").append(esc(r.title())).append("</p>\n<p class=\"summary\">")
            .append(esc(r.summary())).append("</p>\n");
        for (String w : r.warnings()) {
            sb.append("<p class=\"warning\">warning: ").append(esc(w)).append("</p>\n");
        }
        sb.append("</header>\n");
    }

    private static void repro(StringBuilder sb, RunReport r) {
        sb.append("<section id=\"repro\"><h2>Repro</h2>\n");
        String repro = !r.repro().isEmpty() ? r.repro() : r.failures().isEmpty() ? "" : r.failures().get(0).repro();
        if (repro.isEmpty()) {
            sb.append("<p class=\"none\">no single command reruns these runs; each failure below has its own</p>\n");
        } else {
            sb.append("<div class=\"repro\"><pre><code id=\"repro-command\">").append(esc(repro)).append("</code></pre>")
                .append("<button type=\"button\" class=\"copy\" id=\"copy-repro\" data-copy=\"repro-command\">Copy</button>")
                .append("<span class=\"copied\" id=\"copy-status\" aria-live=\"polite\"></span></div>\n");
        }
        sb.append("</section>\n");
    }

    private static void config(StringBuilder sb, RunReport r) {
        sb.append("<section id=\"config\"><h2>Configuration and seed</h2>\n<table id=\"config-table\"><tbody>\n");
        row(sb, "seed", Long.toString(r.seed()), "seed");
        if (!r.traceHash().isEmpty()) {
            row(sb, "trace hash", r.traceHash(), "trace-hash");
        }
        row(sb, "strategy", r.strategy(), "strategy");
        for (Map.Entry<String, String> e : r.config().entrySet()) {
            row(sb, e.getKey(), e.getValue(), null);
        }
        sb.append("</tbody></table>\n</section>\n");
    }

    private static void row(StringBuilder sb, String key, String value, String id) {
        sb.append("<tr><th>").append(esc(key)).append("</th><td").append(id == null ? "" : " id=\"" + id + "\"").append('>')
            .append(esc(value)).append("</td></tr>\n");
    }

    private static void throughput(StringBuilder sb, RunReport r) {
        sb.append("<section id=\"throughput\"><h2>Throughput</h2>\n<table><tbody>\n");
        sb.append("<tr><th>operations per simulated second</th><td class=\"n\" id=\"ops-per-sim-second\">")
            .append(dec(r.opsPerSimulatedSecond(), 1)).append("</td></tr>\n");
        sb.append("<tr><th>operations</th><td class=\"n\" id=\"ops\">").append(num(r.ops())).append("</td></tr>\n");
        sb.append("<tr><th>steps</th><td class=\"n\" id=\"steps\">").append(num(r.counter("steps"))).append("</td></tr>\n");
        sb.append("<tr><th>simulated time</th><td class=\"n\" id=\"sim-time\">").append(esc(nanos(r.counter("timeNanos"))))
            .append("</td></tr>\n");
        sb.append("<tr><th>steps per wall-clock second</th><td class=\"n\">")
            .append(wall(dec(r.stepsPerWallSecond(), 0))).append("</td></tr>\n");
        sb.append("<tr><th>simulated / wall-clock time</th><td class=\"n\">").append(wall(dec(r.simulatedPerWall(), 2)))
            .append("</td></tr>\n");
        sb.append("<tr><th>wall-clock time</th><td class=\"n\">").append(wall(dec(r.wallNanos() / 1e9, 3) + " s"))
            .append("</td></tr>\n</tbody></table>\n</section>\n");
    }

    private static void latency(StringBuilder sb, RunReport r) {
        sb.append("<section id=\"latency\"><h2>Latency per operation kind</h2>\n")
            .append("<p class=\"note\">Simulated microseconds from an operation's start to its finish (deterministic). ")
            .append("The last column is wall-clock CPU time in the operation's steps.</p>\n");
        sb.append("<table id=\"latency-table\"><thead><tr><th>kind</th><th>count</th><th>p50</th><th>p90</th><th>p99</th>")
            .append("<th>p99.9</th><th>max</th><th>wall p50 (ns)</th></tr></thead><tbody>\n");
        for (KindLatency k : r.latency()) {
            sb.append("<tr data-kind=\"").append(esc(k.kind())).append("\"><td>").append(esc(k.kind())).append("</td>");
            cell(sb, k.count());
            for (double p : new double[] {50, 90, 99, 99.9}) {
                cell(sb, k.simulatedMicros().percentile(p));
            }
            cell(sb, k.simulatedMicros().max());
            sb.append("<td class=\"n\">").append(k.wallNanos().count() == 0 ? "–" : wall(num(k.wallNanos().percentile(50))))
                .append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n");
        if (r.latency().stream().anyMatch(k -> k.count() > 0)) {
            Charts.percentiles(sb, r.latency());
        } else {
            sb.append("<p class=\"none\">no operation finished</p>\n");
        }
        sb.append("</section>\n");
    }

    private static void cell(StringBuilder sb, long v) {
        sb.append("<td class=\"n\">").append(num(v)).append("</td>");
    }

    private static void overTime(StringBuilder sb, RunReport r) {
        sb.append("<section id=\"latency-over-time\"><h2>Latency over time</h2>\n");
        long nonEmpty = r.latencyOverTime().stream().filter(i -> i.count() > 0).count();
        if (nonEmpty >= 2) {
            sb.append("<p class=\"note\">").append(num(r.latencyOverTime().size())).append(" intervals of ")
                .append(esc(nanos(r.latencyOverTime().get(0).endNanos() - r.latencyOverTime().get(0).startNanos())))
                .append(" simulated time, all kinds together.</p>\n");
            Charts.overTime(sb, r.latencyOverTime());
        } else {
            sb.append("<p class=\"none\">").append(RunReport.MERGED.equals(r.kind())
                ? "not shown for merged runs (their clocks are unrelated)" : "the run is too short for intervals")
                .append("</p>\n");
        }
        sb.append("</section>\n");
    }

    private static void faults(StringBuilder sb, RunReport r) {
        sb.append("<section id=\"faults\"><h2>Faults and crashes over time</h2>\n");
        long crashes = r.faults().stream().filter(FaultEvent::crash).count();
        sb.append("<p>").append(num(r.faults().size() - crashes + r.faultsNotKept())).append(" faults, ")
            .append(num(r.counter("crashes"))).append(" crashes").append(r.faultsNotKept() > 0
                ? " (the first " + num(r.faults().size()) + " events kept)" : "").append(".</p>\n");
        if (!r.faults().isEmpty()) {
            Charts.faults(sb, r.faults(), RunReport.MERGED.equals(r.kind()) ? 0 : r.counter("timeNanos"));
            sb.append("<details id=\"fault-list\"><summary>every fault (").append(num(r.faults().size()))
                .append(")</summary>\n<table><thead><tr><th>seed</th><th>step</th><th>time</th><th>kind</th><th>file</th>")
                .append("<th>offset</th></tr></thead><tbody>\n");
            for (FaultEvent f : r.faults().subList(0, Math.min(MAX_FAULT_ROWS, r.faults().size()))) {
                sb.append("<tr").append(f.crash() ? " class=\"crashrow\"" : "").append("><td class=\"n\">").append(f.seed())
                    .append("</td><td class=\"n\">").append(num(f.step())).append("</td><td class=\"n\">")
                    .append(esc(nanos(f.timeNanos()))).append("</td><td>").append(esc(f.kind())).append("</td><td>")
                    .append(esc(f.file())).append("</td><td class=\"n\">").append(f.crash() ? "" : num(f.offset()))
                    .append("</td></tr>\n");
            }
            sb.append("</tbody></table>\n").append(r.faults().size() > MAX_FAULT_ROWS
                ? "<p class=\"note\">the first " + MAX_FAULT_ROWS + " shown; the JSON report has them all</p>\n" : "")
                .append("</details>\n");
        }
        sb.append("</section>\n");
    }

    private static void properties(StringBuilder sb, RunReport r) {
        sb.append("<section id=\"properties\"><h2>Properties</h2>\n");
        if (r.properties().isEmpty()) {
            sb.append("<p class=\"none\">the run had no properties</p>\n</section>\n");
            return;
        }
        sb.append("<table id=\"property-table\"><thead><tr><th>property</th><th>status</th><th>held</th><th>violated</th>")
            .append("<th>skipped</th><th>detail</th></tr></thead><tbody>\n");
        for (PropertyResult p : r.properties()) {
            String status = p.status().name();
            sb.append("<tr class=\"").append(status.toLowerCase(java.util.Locale.ROOT)).append("\"><td>").append(esc(p.name()))
                .append("</td><td class=\"status\">").append(status.equals("HELD") ? "✔ " : status.equals("VIOLATED") ? "✘ " : "– ")
                .append(status).append("</td>");
            cell(sb, p.held());
            cell(sb, p.violated());
            cell(sb, p.skipped());
            sb.append("<td>").append(esc(p.detail())).append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n</section>\n");
    }

    private static void fibers(StringBuilder sb, RunReport r) {
        sb.append("<section id=\"fibers\"><h2>Fibers and fairness</h2>\n<p>").append(num(r.fibers().size()))
            .append(" fibers; Jain's fairness index over their operations: <strong id=\"fairness\">")
            .append(dec(r.fairness(), 3)).append("</strong> (1 = even, ").append(r.fibers().isEmpty() ? "1" : dec(1.0 / r.fibers().size(), 3))
            .append(" = one fiber did everything).</p>\n");
        List<FiberLine> byWait = new ArrayList<>(r.fibers());
        byWait.sort(Comparator.comparingLong(FiberLine::longestWaitNanos).reversed().thenComparingInt(FiberLine::fiber));
        List<FiberLine> byOps = new ArrayList<>(r.fibers());
        byOps.sort(Comparator.comparingLong(FiberLine::ops).thenComparingInt(FiberLine::fiber));
        sb.append("<div class=\"cols\">");
        fiberTable(sb, "fibers-longest-wait", "longest operations", byWait);
        fiberTable(sb, "fibers-fewest-ops", "fewest operations (starvation)", byOps);
        sb.append("</div>\n</section>\n");
    }

    private static void fiberTable(StringBuilder sb, String id, String caption, List<FiberLine> fibers) {
        sb.append("<table id=\"").append(id).append("\"><caption>").append(esc(caption)).append(fibers.size() > TOP_FIBERS
            ? " (top " + TOP_FIBERS + " of " + num(fibers.size()) + ")" : "")
            .append("</caption><thead><tr><th>fiber</th><th>ops</th><th>longest</th></tr></thead><tbody>\n");
        for (FiberLine f : fibers.subList(0, Math.min(TOP_FIBERS, fibers.size()))) {
            sb.append("<tr><td class=\"n\">").append(f.fiber()).append("</td>");
            cell(sb, f.ops());
            sb.append("<td class=\"n\">").append(esc(nanos(f.longestWaitNanos()))).append("</td></tr>\n");
        }
        sb.append("</tbody></table>");
    }

    private static void coverage(StringBuilder sb, RunReport r) {
        sb.append("<section id=\"coverage\"><h2>Coverage</h2>\n<p class=\"note\">What the code under test reached, ")
            .append("with counts: what this run really exercised.</p>\n<div class=\"cols\">");
        sb.append("<div><h3>yield points</h3>");
        Html.table(sb, "coverage-yield-points", "point", "reached", r.coverage().yieldPoints());
        sb.append("</div><div><h3>engine outcomes</h3>");
        Html.table(sb, "coverage-engine", "outcome", "count", r.coverage().engine());
        sb.append("</div><div><h3>faults</h3>");
        Html.table(sb, "coverage-faults", "fault", "count", r.coverage().faults());
        sb.append("</div><div><h3>operations</h3>");
        Html.table(sb, "coverage-operations", "kind", "finished", r.coverage().operations());
        sb.append("</div></div>\n</section>\n");
    }

    private static void counters(StringBuilder sb, RunReport r) {
        sb.append("<section id=\"counters\"><h2>Counters</h2>\n<div class=\"cols\"><div><h3>workload</h3>");
        Html.table(sb, "workload-counters", "counter", "value", r.workloadCounters());
        sb.append("</div><div><h3>simulator</h3>");
        Html.table(sb, "sim-counters", "counter", "value", r.counters());
        sb.append("</div><div><h3>outcomes</h3>");
        Html.table(sb, "outcomes", "outcome", "runs", r.outcomes());
        sb.append("</div></div>\n</section>\n");
    }

    private static void soak(StringBuilder sb, RunReport r) {
        sb.append("<section id=\"soak\"><h2>Soak</h2>\n<p><strong id=\"seeds-run\">").append(num(r.seedsRun()))
            .append("</strong> seeds run, <strong id=\"runs-failed\">").append(num(r.runsFailed()))
            .append("</strong> failed. Latency, counters and coverage below are merged over every run.</p>\n");
        if (!r.seeds().isEmpty()) {
            sb.append("<details id=\"seed-list\"><summary>seeds</summary><p class=\"mono\">");
            List<Long> shown = r.seeds().subList(0, Math.min(1_000, r.seeds().size()));
            for (int i = 0; i < shown.size(); i++) {
                sb.append(i == 0 ? "" : " ").append(shown.get(i));
            }
            sb.append(r.seeds().size() > shown.size() ? " …" : "").append("</p></details>\n");
        }
        sb.append("<table id=\"soak-failures\"><thead><tr><th>seed</th><th>outcome</th><th>repro</th></tr></thead><tbody>\n");
        for (Failure f : r.failures().subList(0, Math.min(MAX_FAILURES_LISTED, r.failures().size()))) {
            sb.append("<tr><td class=\"n\">").append(f.seed()).append("</td><td>").append(esc(f.outcome()))
                .append("</td><td><code>").append(esc(f.repro())).append("</code></td></tr>\n");
        }
        sb.append("</tbody></table>\n</section>\n");
    }

    private static void failures(StringBuilder sb, RunReport r) {
        if (r.failures().isEmpty()) {
            return;
        }
        sb.append("<section id=\"failures\"><h2>").append(r.failures().size() == 1 ? "Failure" : "Failures").append("</h2>\n");
        List<Failure> drawn = r.failures().subList(0, Math.min(MAX_FAILURES_DRAWN, r.failures().size()));
        for (int i = 0; i < drawn.size(); i++) {
            failure(sb, drawn.get(i), i, drawn.size() > 1);
        }
        if (r.failures().size() > drawn.size()) {
            sb.append("<p class=\"note\">").append(num(r.failures().size() - drawn.size()))
                .append(" more failures are listed in the soak table with their repro lines.</p>\n");
        }
        sb.append("</section>\n");
    }

    private static void failure(StringBuilder sb, Failure f, int i, boolean several) {
        sb.append("<article class=\"failure\" id=\"failure-").append(i).append("\">\n");
        if (several) {
            sb.append("<h3>seed ").append(f.seed()).append(": ").append(esc(f.outcome())).append("</h3>\n");
        }
        sb.append("<div class=\"violation\" id=\"violation-").append(i).append("\">");
        if (f.violation() != null) {
            sb.append("<p><strong class=\"property\">").append(esc(f.violation().property())).append("</strong> at step ")
                .append(num(f.violation().step())).append(", t=").append(esc(nanos(f.violation().timeNanos())))
                .append(f.violation().fiber() >= 0 ? ", fiber " + f.violation().fiber() : "").append("</p>\n<p class=\"message\">")
                .append(esc(f.violation().message())).append("</p>");
        } else {
            sb.append("<p class=\"message\">").append(esc(f.summary())).append("</p>");
        }
        sb.append("</div>\n");
        blamed(sb, f, i);
        if (several) {
            sb.append("<p>repro: <code>").append(esc(f.repro())).append("</code></p>\n");
        }
        if (f.shrink() != null) {
            shrink(sb, f.shrink(), i);
        }
        sb.append("<h3>Timeline of the last events</h3>\n");
        Timeline.render(sb, f, i);
        events(sb, f, i);
        sb.append("</article>\n");
    }

    /** The operations the failure is blamed on, as the property (or the heuristic, marked a guess) named them. */
    private static void blamed(StringBuilder sb, Failure f, int i) {
        if (f.violation() == null || f.violation().blamed().isEmpty()) {
            return;
        }
        sb.append("<ul class=\"blamed\" id=\"blamed-").append(i).append("\">\n");
        for (Blame b : f.violation().blamed()) {
            sb.append("<li data-fiber=\"").append(b.fiber()).append("\" data-op-index=\"").append(b.opIndex())
                .append(b.guessed() ? "\" class=\"guessed" : "").append("\">blamed: <strong>fiber ").append(b.fiber())
                .append("</strong>, ").append(esc(b.op().isEmpty() ? "operation" : b.op()))
                .append(b.opIndex() >= 0 ? " #" + b.opIndex() : "").append(" at t=").append(esc(nanos(b.fromNanos())))
                .append(b.toNanos() > b.fromNanos() ? " to " + esc(nanos(b.toNanos())) : "").append(": ")
                .append(esc(b.reason())).append(b.op().isEmpty() ? " <span class=\"note\">(not in the kept events)</span>" : "")
                .append(b.guessed() ? " <span class=\"note\">(guessed)</span>" : "").append("</li>\n");
        }
        sb.append("</ul>\n");
    }

    private static void shrink(StringBuilder sb, Shrink s, int i) {
        sb.append("<table class=\"shrink\" id=\"shrink-").append(i).append("\"><caption>shrunk</caption><thead><tr><th></th>")
            .append("<th>fibers</th><th>steps</th><th>decisions</th><th>faults</th></tr></thead><tbody>\n");
        for (Map.Entry<String, Shrink.Size> e : Map.of("before", s.before(), "after", s.after()).entrySet().stream()
            .sorted(Map.Entry.comparingByKey(Comparator.reverseOrder())).toList()) {
            Shrink.Size z = e.getValue();
            sb.append("<tr><th>").append(e.getKey()).append("</th>");
            cell(sb, z.fibers());
            cell(sb, z.steps());
            cell(sb, z.decisions());
            sb.append("<td>").append(esc(z.faults())).append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n<p>minimal repro: <code>").append(esc(s.repro())).append("</code></p>\n");
    }

    private static void events(StringBuilder sb, Failure f, int i) {
        List<TimelineEvent> all = f.timeline().isEmpty() ? f.lastEvents() : f.timeline();
        List<TimelineEvent> events = all.subList(Math.max(0, all.size() - MAX_EVENT_ROWS), all.size());
        sb.append("<details class=\"events\" id=\"events-").append(i).append("\"><summary>the events, with values (")
            .append(events.size() < all.size() ? "the last " + num(events.size()) + " of " : "").append(num(all.size()))
            .append(")</summary>\n<table><thead><tr><th>step</th><th>time</th><th>fiber</th>")
            .append("<th>op</th><th>event</th><th>value</th></tr></thead><tbody>\n");
        for (TimelineEvent e : events) {
            sb.append("<tr").append(e.offending() ? " class=\"offending\"" : "")
                .append(e.blame().isEmpty() ? "" : " title=\"blamed: " + esc(e.blame()) + "\"").append("><td class=\"n\">").append(num(e.step()))
                .append("</td><td class=\"n\">").append(esc(nanos(e.timeNanos()))).append("</td><td class=\"n\">")
                .append(e.fiber() < 0 ? "system" : Integer.toString(e.fiber())).append("</td><td>").append(esc(e.op()))
                .append("</td><td>").append(esc(e.kind())).append("</td><td class=\"value\">").append(esc(e.value()))
                .append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n</details>\n");
    }
}
