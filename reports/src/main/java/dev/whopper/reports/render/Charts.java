package dev.whopper.reports.render;

import static dev.whopper.reports.render.Html.esc;
import static dev.whopper.reports.render.Html.nanos;
import static dev.whopper.reports.render.Html.num;

import dev.whopper.reports.model.FaultEvent;
import dev.whopper.reports.model.KindLatency;
import dev.whopper.reports.model.LatencyInterval;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report's inline SVG charts: no script, no external resource; tooltips are SVG titles. */
final class Charts {
    /** Series colours (colour-blind friendly), cycled. */
    static final String[] PALETTE = {"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442",
        "#000000", "#999999", "#882255"};
    /** Percentiles plotted on the distribution chart. */
    static final double[] PERCENTILES = {0, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999};
    /** Fault markers drawn at most (the first ones). */
    static final int MAX_FAULT_MARKS = 2_000;
    private static final int W = 720;
    private static final int H = 300;
    private static final int L = 70;
    private static final int B = 40;
    /** The fault chart's left margin: room for the fault kinds' names. */
    private static final int FL = 150;

    private Charts() { }

    /** x of percentile p on a log 1/(1-p) axis, 0 .. 5 decades (p = 99.999%). */
    private static double logX(double p) {
        double q = Math.min(p, 99.999) / 100.0;
        return Math.log10(1.0 / (1.0 - q)) / 5.0;
    }

    /**
     * The percentile distribution of each kind's simulated latency on HdrHistogram's log {@code 1/(1-p)} axis.
     */
    static void percentiles(StringBuilder sb, List<KindLatency> kinds) {
        long max = 1;
        for (KindLatency k : kinds) {
            max = Math.max(max, k.simulatedMicros().max());
        }
        open(sb, "percentile-chart", "latency by percentile, simulated microseconds, log 1/(1-p) axis");
        String[] labels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
        for (int d = 0; d <= 5; d++) {
            double x = L + d / 5.0 * (W - L - 20);
            sb.append("<line class=\"grid\" x1=\"").append(c(x)).append("\" y1=\"10\" x2=\"").append(c(x))
                .append("\" y2=\"").append(H - B).append("\"/><text class=\"axis\" x=\"").append(c(x))
                .append("\" y=\"").append(H - B + 16).append("\" text-anchor=\"").append(d == 5 ? "end" : "middle")
                .append("\">").append(labels[d]).append("</text>\n");
        }
        yAxis(sb, max, "µs");
        int i = 0;
        for (KindLatency k : kinds) {
            if (k.count() == 0) {
                continue;
            }
            StringBuilder pts = new StringBuilder();
            for (double p : PERCENTILES) {
                long v = k.simulatedMicros().percentile(p);
                pts.append(c(L + logX(p) * (W - L - 20))).append(',')
                    .append(c(y(v, max))).append(' ');
            }
            String colour = PALETTE[i % PALETTE.length];
            sb.append("<polyline class=\"series\" fill=\"none\" stroke=\"").append(colour).append("\" points=\"")
                .append(pts.toString().trim()).append("\"><title>").append(esc(k.kind())).append(": p50 ")
                .append(num(k.simulatedMicros().percentile(50))).append(" µs, p99 ")
                .append(num(k.simulatedMicros().percentile(99))).append(" µs, max ").append(num(k.simulatedMicros().max()))
                .append(" µs</title></polyline>\n");
            legend(sb, i, k.kind(), colour);
            i++;
        }
        sb.append("</svg>\n");
    }

    /** p50, p99 and max of all operations per interval of simulated time. */
    static void overTime(StringBuilder sb, List<LatencyInterval> intervals) {
        long max = 1;
        long end = 1;
        for (LatencyInterval in : intervals) {
            max = Math.max(max, in.maxMicros());
            end = Math.max(end, in.endNanos());
        }
        open(sb, "latency-time-chart", "latency over simulated time: p50, p99 and max per interval, microseconds");
        yAxis(sb, max, "µs");
        xTime(sb, end);
        String[] names = {"p50", "p99", "max"};
        for (int s = 0; s < 3; s++) {
            StringBuilder pts = new StringBuilder();
            for (LatencyInterval in : intervals) {
                if (in.count() == 0) {
                    continue;
                }
                long v = s == 0 ? in.p50Micros() : s == 1 ? in.p99Micros() : in.maxMicros();
                double x = L + (in.startNanos() + in.endNanos()) / 2.0 / end * (W - L - 20);
                pts.append(c(x)).append(',').append(c(y(v, max))).append(' ');
            }
            sb.append("<polyline class=\"series\" fill=\"none\" stroke=\"").append(PALETTE[s]).append("\" points=\"")
                .append(pts.toString().trim()).append("\"><title>").append(names[s]).append("</title></polyline>\n");
            legend(sb, s, names[s], PALETTE[s]);
        }
        sb.append("</svg>\n");
    }

    /** One row per fault kind, a mark per fault at its simulated time; crashes as red lines across. */
    static void faults(StringBuilder sb, List<FaultEvent> faults, long endNanos) {
        Map<String, Integer> rows = new LinkedHashMap<>();
        for (FaultEvent f : faults) {
            if (!f.crash()) {
                rows.putIfAbsent(f.kind(), rows.size());
            }
        }
        int height = 40 + 22 * Math.max(1, rows.size()) + B;
        long end = Math.max(1, endNanos);
        for (FaultEvent f : faults) {
            end = Math.max(end, f.timeNanos() + 1);
        }
        sb.append("<svg id=\"fault-chart\" class=\"chart\" role=\"img\" viewBox=\"0 0 ").append(W).append(' ')
            .append(height).append("\" width=\"").append(W).append("\" height=\"").append(height)
            .append("\"><title>faults and crashes over simulated time</title>\n");
        for (Map.Entry<String, Integer> r : rows.entrySet()) {
            sb.append("<text class=\"axis\" x=\"").append(FL - 6).append("\" y=\"").append(34 + 22 * r.getValue())
                .append("\" text-anchor=\"end\">").append(esc(r.getKey())).append("</text>\n");
        }
        int drawn = 0;
        for (FaultEvent f : faults) {
            if (drawn++ >= MAX_FAULT_MARKS) {
                break;
            }
            double x = FL + (double) f.timeNanos() / end * (W - FL - 20);
            String tip = f.kind() + " at " + nanos(f.timeNanos()) + " (step " + f.step() + ")"
                + (f.crash() ? "" : " " + f.file() + " @" + f.offset());
            if (f.crash()) {
                sb.append("<line class=\"crash\" x1=\"").append(c(x)).append("\" y1=\"16\" x2=\"").append(c(x))
                    .append("\" y2=\"").append(height - B).append("\"><title>").append(esc(tip)).append("</title></line>\n");
            } else {
                int row = rows.get(f.kind());
                sb.append("<rect class=\"fault\" x=\"").append(c(x - 2)).append("\" y=\"").append(22 + 22 * row)
                    .append("\" width=\"4\" height=\"16\"><title>").append(esc(tip)).append("</title></rect>\n");
            }
        }
        xTimeAt(sb, end, height - B, FL);
        sb.append("</svg>\n");
    }

    private static void open(StringBuilder sb, String id, String title) {
        sb.append("<svg id=\"").append(id).append("\" class=\"chart\" role=\"img\" viewBox=\"0 0 ").append(W).append(' ')
            .append(H).append("\" width=\"").append(W).append("\" height=\"").append(H).append("\"><title>")
            .append(esc(title)).append("</title>\n");
        sb.append("<line class=\"axisline\" x1=\"").append(L).append("\" y1=\"").append(H - B).append("\" x2=\"")
            .append(W - 20).append("\" y2=\"").append(H - B).append("\"/>\n");
    }

    private static double y(long v, long max) {
        return H - B - (double) v / max * (H - B - 20);
    }

    private static void yAxis(StringBuilder sb, long max, String unit) {
        for (int t = 0; t <= 4; t++) {
            long v = max * t / 4;
            double y = y(v, max);
            sb.append("<line class=\"grid\" x1=\"").append(L).append("\" y1=\"").append(c(y))
                .append("\" x2=\"").append(W - 20).append("\" y2=\"").append(c(y))
                .append("\"/><text class=\"axis\" x=\"").append(L - 6).append("\" y=\"")
                .append(c(y + 4)).append("\" text-anchor=\"end\">").append(num(v)).append("</text>\n");
        }
        sb.append("<text class=\"axis\" x=\"8\" y=\"14\">").append(esc(unit)).append("</text>\n");
    }

    private static void xTime(StringBuilder sb, long end) {
        xTimeAt(sb, end, H - B, L);
    }

    private static void xTimeAt(StringBuilder sb, long end, int y, int left) {
        for (int t = 0; t <= 4; t++) {
            double x = left + t / 4.0 * (W - left - 20);
            sb.append("<text class=\"axis\" x=\"").append(c(x)).append("\" y=\"").append(y + 16)
                .append("\" text-anchor=\"").append(t == 0 ? "start" : t == 4 ? "end" : "middle").append("\">")
                .append(esc(nanos(end * t / 4))).append("</text>\n");
        }
    }

    private static void legend(StringBuilder sb, int i, String name, String colour) {
        int x = L + 10 + (i % 4) * 150;
        int y = 24 + (i / 4) * 16;
        sb.append("<rect x=\"").append(x).append("\" y=\"").append(y - 9).append("\" width=\"10\" height=\"10\" fill=\"")
            .append(colour).append("\"/><text class=\"legend\" x=\"").append(x + 14).append("\" y=\"").append(y)
            .append("\">").append(esc(name)).append("</text>\n");
    }

    /** @return an SVG coordinate: one decimal, no grouping */
    static String c(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
