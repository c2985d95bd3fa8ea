package dev.whopper.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Wall-clock durations as the command line spells them: {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 2d}, {@code 500ms}, {@code 45} (seconds). */
final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");

    private Durations() { }

    /**
     * @param option the option's name, for the message
     * @param text   the duration
     * @return it in milliseconds, &gt; 0
     * @throws IllegalArgumentException naming the option and the valid forms
     */
    static long parseMillis(String option, String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        long millis = 0;
        try {
            if (t.matches("\\d+")) {
                millis = Math.multiplyExact(Long.parseLong(t), 1000L);
            } else {
                Matcher m = PART.matcher(t);
                int at = 0;
                while (m.find() && m.start() == at) {
                    millis = Math.addExact(millis, Math.multiplyExact(Long.parseLong(m.group(1)), unit(m.group(2))));
                    at = m.end();
                }
                if (at != t.length() || t.isEmpty()) {
                    throw new NumberFormatException(t);
                }
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(option + ": '" + text + "' (expected: a duration like 90s, 10m, 1h30m, 2d or seconds)");
        }
        if (millis <= 0) {
            throw new IllegalArgumentException(option + ": '" + text + "' (expected: > 0)");
        }
        return millis;
    }

    private static long unit(String u) {
        return switch (u) {
            case "ms" -> 1L;
            case "s" -> 1000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            default -> 86_400_000L;
        };
    }
}
