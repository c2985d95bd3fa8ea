package dev.whopper.reports.render;

import static dev.whopper.reports.render.Charts.c;
import static dev.whopper.reports.render.Html.esc;
import static dev.whopper.reports.render.Html.nanos;
import static dev.whopper.reports.render.Html.num;

import dev.whopper.reports.model.Failure;
import dev.whopper.reports.model.TimelineEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failure's swimlane timeline: one lane per fiber (the failing one first, at most {@link #MAX_LANES}) and one
 * for the system (I/O, faults, crashes); events left to right in the order they happened (one column each, so
 * nothing overlaps however close in time); each operation a bar from its start to its finish; what the failure
 * is blamed on outlined in red; the violation a dashed red line.
 */
final class Timeline {
    /** Fiber lanes drawn at most. */
    static final int MAX_LANES = 16;
    /** Events drawn at most (the last ones). */
    static final int MAX_EVENTS = 400;
    private static final int LABEL = 92;
    private static final int COL = 14;
    private static final int LANE = 30;

    private Timeline() { }

    static void render(StringBuilder sb, Failure f, int index) {
        List<TimelineEvent> all = f.timeline().isEmpty() ? f.lastEvents() : f.timeline();
        int first = f.violation() == null ? -1 : f.violation().fiber();
        Map<Integer, Integer> lanes = lanes(all, first);
        List<TimelineEvent> events = new ArrayList<>();
        for (TimelineEvent e : all) {
            if (e.fiber() < 0 || lanes.containsKey(e.fiber())) {
                events.add(e);
            }
        }
        int dropped = Math.max(0, events.size() - MAX_EVENTS);
        events = events.subList(dropped, events.size());
        int systemLane = lanes.size();
        int width = LABEL + COL * (events.size() + 2);
        int height = 24 + LANE * (systemLane + 1);
        labels(sb, lanes, first, index, height);
        sb.append("<div class=\"lanes\"><svg id=\"timeline-").append(index).append("\" class=\"timeline chart\" role=\"img\" ")
            .append("width=\"").append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ")
            .append(width).append(' ').append(height).append("\"><title>the last events per fiber</title>\n");
        for (Map.Entry<Integer, Integer> l : lanes.entrySet()) {
            lane(sb, l.getValue(), "fiber " + l.getKey() + (l.getKey() == first ? " ✱" : ""), width);
        }
        lane(sb, systemLane, "system", width);
        spans(sb, events, lanes);
        for (int i = 0; i < events.size(); i++) {
            TimelineEvent e = events.get(i);
            int lane = e.fiber() < 0 ? systemLane : lanes.get(e.fiber());
            mark(sb, e, x(i), 12 + LANE * lane + LANE / 2.0, height);
        }
        violationLine(sb, f, events, height);
        sb.append("</svg></div></div>\n");
        int notShown = distinctFibers(all) - lanes.size();
        sb.append("<p class=\"note\">").append(num(events.size())).append(" events").append(dropped > 0
            ? ", the last " + num(events.size()) + " of " + num(events.size() + dropped) + " kept" : "")
            .append(notShown > 0 ? "; " + num(notShown) + " more fibers not drawn (their events are in the table)" : "")
            .append(". Hover a mark for its step, time and value.</p>\n");
    }

    /** The lane names again, outside the scrolling area, so they stay in view wherever the timeline is scrolled. */
    private static void labels(StringBuilder sb, Map<Integer, Integer> lanes, int first, int index, int height) {
        sb.append("<div class=\"swim\"><svg id=\"lane-labels-").append(index).append("\" class=\"lanelabels\" width=\"")
            .append(LABEL).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(LABEL).append(' ')
            .append(height).append("\" aria-hidden=\"true\">");
        for (Map.Entry<Integer, Integer> l : lanes.entrySet()) {
            double y = 12 + LANE * l.getValue() + LANE / 2.0;
            sb.append("<text class=\"lane\" x=\"6\" y=\"").append(c(y + 4)).append("\">").append("fiber ").append(l.getKey())
                .append(l.getKey() == first ? " ✱" : "").append("</text>");
        }
        sb.append("<text class=\"lane\" x=\"6\" y=\"").append(c(12 + LANE * lanes.size() + LANE / 2.0 + 4))
            .append("\">system</text></svg>\n");
    }

    private static double x(int i) {
        return LABEL + COL * (i + 1);
    }

    /**
     * The lanes drawn: the failing fiber first, then the fibers with blamed events, then the fibers whose last event
     * is latest; drawn in that order (each group by fiber id).
     */
    static Map<Integer, Integer> lanes(List<TimelineEvent> events, int first) {
        Map<Integer, Integer> last = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).fiber() >= 0) {
                last.put(events.get(i).fiber(), i);
            }
        }
        List<Integer> order = new ArrayList<>(last.keySet());
        java.util.Set<Integer> blamed = new java.util.TreeSet<>();
        for (TimelineEvent e : events) {
            if (e.offending() && e.fiber() >= 0) {
                blamed.add(e.fiber());
            }
        }
        order.sort((a, b) -> a == first ? -1 : b == first ? 1 : blamed.contains(a) != blamed.contains(b)
            ? (blamed.contains(a) ? -1 : 1) : Integer.compare(last.get(b), last.get(a)));
        List<Integer> chosen = new ArrayList<>(order.subList(0, Math.min(MAX_LANES, order.size())));
        chosen.sort((a, b) -> a == first ? -1 : b == first ? 1 : blamed.contains(a) != blamed.contains(b)
            ? (blamed.contains(a) ? -1 : 1) : Integer.compare(a, b));
        Map<Integer, Integer> lanes = new LinkedHashMap<>();
        for (int f : chosen) {
            lanes.put(f, lanes.size());
        }
        return lanes;
    }

    private static int distinctFibers(List<TimelineEvent> events) {
        return (int) events.stream().mapToInt(TimelineEvent::fiber).filter(f -> f >= 0).distinct().count();
    }

    private static void lane(StringBuilder sb, int lane, String label, int width) {
        double y = 12 + LANE * lane + LANE / 2.0;
        sb.append("<text class=\"lane\" x=\"6\" y=\"").append(c(y + 4)).append("\">").append(esc(label)).append("</text>")
            .append("<line class=\"laneline\" x1=\"").append(LABEL).append("\" y1=\"").append(c(y)).append("\" x2=\"")
            .append(width - 4).append("\" y2=\"").append(c(y)).append("\"/>\n");
    }

    /** Each operation a bar from its start to its finish (from the left edge when it started earlier). */
    private static void spans(StringBuilder sb, List<TimelineEvent> events, Map<Integer, Integer> lanes) {
        Map<Integer, Integer> start = new HashMap<>();
        Map<Integer, String> blame = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            TimelineEvent e = events.get(i);
            if (e.fiber() < 0) {
                continue;
            }
            if (e.kind().equals("OP_START")) {
                start.put(e.fiber(), i);
                blame.remove(e.fiber());
            }
            if (e.offending()) {
                blame.putIfAbsent(e.fiber(), e.blame());
            }
            if (e.kind().equals("DONE") || e.kind().equals("FAILED")) {
                bar(sb, lanes.get(e.fiber()), start.getOrDefault(e.fiber(), -1), i, blame.get(e.fiber()), e.op(), false);
                start.remove(e.fiber());
                blame.remove(e.fiber());
            }
        }
        for (Map.Entry<Integer, Integer> open : start.entrySet()) {
            bar(sb, lanes.get(open.getKey()), open.getValue(), events.size(), blame.get(open.getKey()),
                events.get(open.getValue()).op(), true);
        }
    }

    /** @param blame null when the operation is not blamed, else why (may be empty) */
    private static void bar(StringBuilder sb, int lane, int from, int to, String blame, String op, boolean open) {
        boolean offending = blame != null;
        double x1 = from < 0 ? LABEL : x(from);
        double x2 = x(to);
        double y = 12 + LANE * lane + 6;
        sb.append("<rect class=\"op").append(offending ? " offending" : "").append(open ? " open" : "")
            .append("\" x=\"").append(c(x1)).append("\" y=\"").append(c(y)).append("\" width=\"").append(c(Math.max(2, x2 - x1)))
            .append("\" height=\"").append(LANE - 12).append("\" rx=\"3\"><title>").append(esc(op))
            .append(open ? " (in flight)" : "").append(offending ? " — blamed" + (blame.isEmpty() ? "" : ": " + esc(blame)) : "")
            .append("</title></rect>\n");
    }

    private static void mark(StringBuilder sb, TimelineEvent e, double x, double y, int height) {
        String tip = e.line() + (e.value().isEmpty() ? "" : ": " + e.value())
            + (e.blame().isEmpty() ? "" : " — blamed: " + e.blame());
        String cls = "ev " + e.kind().toLowerCase(java.util.Locale.ROOT) + (e.offending() ? " offending" : "");
        String shape = switch (e.kind()) {
            case "CRASH", "RECOVERY", "FAULTS_END" -> "<line class=\"" + cls + "\" x1=\"" + c(x) + "\" y1=\"4\" x2=\""
                + c(x) + "\" y2=\"" + (height - 4) + "\">";
            case "FAULT" -> "<path class=\"" + cls + "\" d=\"M" + c(x) + " " + c(y - 7) + " l6 7 l-6 7 l-6 -7 z\">";
            case "BLOCKED", "SLEEP" -> "<rect class=\"" + cls + "\" x=\"" + c(x - 4) + "\" y=\"" + c(y - 4)
                + "\" width=\"8\" height=\"8\">";
            case "OP_START" -> "<path class=\"" + cls + "\" d=\"M" + c(x - 4) + " " + c(y - 6) + " l8 6 l-8 6 z\">";
            case "IO_SUBMIT" -> "<path class=\"" + cls + "\" d=\"M" + c(x - 4) + " " + c(y + 4) + " l4 -8 l4 8 z\">";
            default -> "<circle class=\"" + cls + "\" cx=\"" + c(x) + "\" cy=\"" + c(y) + "\" r=\""
                + (e.kind().equals("YIELD") ? 2.5 : 5) + "\">";
        };
        String end = shape.startsWith("<line") ? "</line>" : shape.startsWith("<path") ? "</path>"
            : shape.startsWith("<rect") ? "</rect>" : "</circle>";
        sb.append(shape).append("<title>").append(esc(tip)).append(" (").append(esc(nanos(e.timeNanos())))
            .append(")</title>").append(end).append('\n');
    }

    private static void violationLine(StringBuilder sb, Failure f, List<TimelineEvent> events, int height) {
        if (f.violation() == null || events.isEmpty()) {
            return;
        }
        int at = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).step() <= f.violation().step()) {
                at = i;
            }
        }
        double x = at < 0 ? LABEL : x(at) + COL / 2.0;
        sb.append("<line class=\"violation\" x1=\"").append(c(x)).append("\" y1=\"2\" x2=\"").append(c(x))
            .append("\" y2=\"").append(height - 2).append("\"><title>").append(esc(f.violation().property()))
            .append(" found at step ").append(f.violation().step()).append("</title></line>\n");
    }
}
