package dev.whopper.sim.report;

/** How an event's value is shown: a bounded string. */
final class Values {
    /** Characters of a value kept at most. */
    static final int MAX_CHARS = 240;

    private Values() { }

    static String of(Object value) {
        if (value == null) {
            return "";
        }
        String s;
        if (value instanceof byte[] b) {
            s = "bytes[" + b.length + "]";
        } else {
            try {
                s = String.valueOf(value);
            } catch (RuntimeException e) {
                s = value.getClass().getSimpleName() + " (toString threw " + e.getClass().getSimpleName() + ")";
            }
        }
        return s.length() <= MAX_CHARS ? s : s.substring(0, MAX_CHARS) + "...";
    }
}
