package dev.whopper.reports.render;

import java.util.Locale;
import java.util.Map;

/** Small HTML building blocks: escaping (every user string goes through {@link #esc}) and number formats. */
final class Html {
    private Html() { }

    /**
     * @param s any text (null: "")
     * @return it escaped for HTML text and attribute values: {@code & < > " '}
     */
    static String esc(Object s) {
        if (s == null) {
            return "";
        }
        String t = s.toString();
        StringBuilder sb = new StringBuilder(t.length() + 16);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** @return {@code n} with thousands separators */
    static String num(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** @return {@code d} with {@code digits} decimals */
    static String dec(double d, int digits) {
        return String.format(Locale.ROOT, "%,." + digits + "f", d);
    }

    /** @return simulated nanoseconds in a readable unit */
    static String nanos(long ns) {
        if (ns >= 1_000_000_000L) {
            return dec(ns / 1e9, 3) + " s";
        }
        if (ns >= 1_000_000L) {
            return dec(ns / 1e6, 3) + " ms";
        }
        if (ns >= 1_000L) {
            return dec(ns / 1e3, 1) + " µs";
        }
        return ns + " ns";
    }

    /** A wall-clock (nondeterministic) value: masked when two reports are compared. */
    static String wall(String text) {
        return "<span class=\"wall\" title=\"wall clock: differs from run to run\">" + esc(text) + "</span>";
    }

    /** Appends a two-column table of {@code m} (values right-aligned), or a note when empty. */
    static void table(StringBuilder sb, String id, String keyHead, String valueHead, Map<String, ?> m) {
        if (m.isEmpty()) {
            sb.append("<p class=\"none\" id=\"").append(id).append("\">none</p>\n");
            return;
        }
        sb.append("<table id=\"").append(id).append("\"><thead><tr><th>").append(esc(keyHead)).append("</th><th>")
            .append(esc(valueHead)).append("</th></tr></thead><tbody>\n");
        for (Map.Entry<String, ?> e : m.entrySet()) {
            Object v = e.getValue();
            String shown = v instanceof Long l ? num(l) : esc(v);
            sb.append("<tr><td>").append(esc(e.getKey())).append("</td><td class=\"n\">").append(shown)
                .append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n");
    }
}
