package dev.whopper.sim.soak;

import java.util.Map;

/**
 * A soak summary as one self-contained HTML page (no scripts, no network): verdict, what was soaked, outcome
 * counts, the failure groups with their smallest repro, per-seed times, coverage with its saturation curve.
 */
public final class SummaryHtml {
    private SummaryHtml() { }

    /**
     * @param s a summary
     * @return the page
     */
    public static String render(SoakSummary s) {
        SoakSummary.Result r = s.result();
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Whopper soak: ")
            .append(s.passed() ? "passed" : r.failures() + " failures").append("</title>\n<style>")
            .append("body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;margin:1em 0}")
            .append("td,th{border:1px solid #bbb;padding:.2em .6em;text-align:left;vertical-align:top}")
            .append(".pass{color:#070}.fail{color:#b00}code{font-size:90%}.bar{background:#58a;height:.8em;display:inline-block}")
            .append("</style></head><body>\n");
        h.append("<h1 class=\"").append(s.passed() ? "pass\">Passed" : "fail\">Failed").append(": ")
            .append(String.format(java.util.Locale.ROOT, "%,d", r.seeds())).append(" seeds, ")
            .append(String.format(java.util.Locale.ROOT, "%,d", r.failures())).append(" failures in ")
            .append(r.groups().size()).append(" signature").append(r.groups().size() == 1 ? "" : "s").append("</h1>\n");
        SoakSummary.Spec spec = s.soak();
        h.append("<p>Run options: <code>").append(esc(String.join(" ", spec.runOptions()))).append("</code>; seeds from ")
            .append(spec.firstSeed()).append(spec.seeds() > 0 ? ", " + spec.seeds() + " in the soak" : ", until the duration was up")
            .append("; shards ").append(esc(String.join(", ", s.run().shards()))).append("; ")
            .append(s.run().complete() ? "complete" : s.run().interrupted() ? "interrupted" : "not complete").append(".</p>\n");
        h.append("<p>").append(esc(s.run().whopper())).append(", ").append(s.run().jobs()).append(" jobs, ")
            .append(s.run().sessions()).append(" session(s), ").append(Progress.duration(s.run().elapsedMillis())).append(", ")
            .append(String.format(java.util.Locale.ROOT, "%.1f", s.run().seedsPerSecond())).append(" seeds/s. Digest <code>")
            .append(r.digest()).append("</code>.</p>\n");
        h.append("<h2>Outcomes</h2><table><tr><th>kind</th><th>seeds</th></tr>");
        for (Map.Entry<String, Long> e : r.byKind().entrySet()) {
            h.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(e.getValue()).append("</td></tr>");
        }
        h.append("</table>\n");
        groups(h, r);
        h.append("<h2>Per seed</h2><table><tr><th></th><th>count</th><th>p50</th><th>p90</th><th>p99</th><th>max</th></tr>");
        row(h, "simulated time (ns)", r.simulated());
        row(h, "wall-clock time (ns)", s.run().wall());
        h.append("</table><p>Totals: ").append(r.steps()).append(" steps, ").append(r.ops()).append(" operations, ")
            .append(r.simulatedNanos()).append(" ns simulated.</p>\n");
        coverage(h, r.coverage());
        return h.append("</body></html>\n").toString();
    }

    private static void groups(StringBuilder h, SoakSummary.Result r) {
        if (r.groups().isEmpty()) {
            return;
        }
        h.append("<h2>Failures by signature</h2><table><tr><th>signature</th><th>count</th><th>first seed</th>")
            .append("<th>smallest repro</th></tr>");
        for (FailureGroup g : r.groups()) {
            h.append("<tr><td>").append(esc(g.signature())).append("</td><td>").append(g.count()).append("</td><td>")
                .append(g.firstSeed()).append("</td><td>seed ").append(g.smallestSeed()).append(", ").append(g.smallestSteps())
                .append(" steps");
            if (g.smallestDir() != null) {
                h.append(", <a href=\"").append(esc(g.smallestDir())).append("/report.txt\">").append(esc(g.smallestDir())).append("</a>");
            }
            h.append("<br><code>").append(esc(g.smallestCommand() == null ? "" : g.smallestCommand())).append("</code></td></tr>");
        }
        h.append("</table>\n");
    }

    private static void row(StringBuilder h, String name, SoakSummary.Percentiles p) {
        h.append("<tr><td>").append(name).append("</td><td>").append(p.count()).append("</td><td>").append(p.p50())
            .append("</td><td>").append(p.p90()).append("</td><td>").append(p.p99()).append("</td><td>").append(p.max())
            .append("</td></tr>");
    }

    private static void coverage(StringBuilder h, CoverageSummary.Result c) {
        h.append("<h2>Coverage</h2><p>").append(c.items()).append(" items; ");
        if (c.lastNewIndex() < 0) {
            h.append("none seen.</p>\n");
            return;
        }
        h.append("the last new one appeared at seed ").append(c.lastNewSeed()).append(" (seed index ").append(c.lastNewIndex())
            .append(").</p>\n<h3>Saturation: new items per ").append(c.blockSeeds()).append(" seeds</h3><table>");
        int max = 1;
        for (CoverageSummary.Block b : c.curve()) {
            max = Math.max(max, b.newItems());
        }
        for (CoverageSummary.Block b : c.curve()) {
            h.append("<tr><td>").append(b.firstIndex()).append("..").append(b.firstIndex() + c.blockSeeds() - 1)
                .append("</td><td>").append(b.newItems()).append("</td><td><span class=\"bar\" style=\"width:")
                .append(b.newItems() * 20 / max).append("em\"></span></td></tr>");
        }
        h.append("</table><h3>Items</h3><table><tr><th>item</th><th>first seed index</th></tr>");
        for (Map.Entry<String, Long> e : c.firstIndex().entrySet()) {
            h.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(e.getValue()).append("</td></tr>");
        }
        h.append("</table>\n");
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
