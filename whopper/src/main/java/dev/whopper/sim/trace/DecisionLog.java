package dev.whopper.sim.trace;

import java.util.Arrays;

/**
 * The sequence of choices a run made (scheduler picks as an index into the sorted runnable fibers,
 * yield-injection decisions as 0/1), in the order they were made. Stored as unsigned LEB128 varints:
 * most decisions take one byte. Only choices with two or more options are logged.
 *
 * <p>Text form: decimal values separated by commas, runs of one value written {@code value*count}, for
 * example {@code "0*12,3,1,0*4"}; the empty log is {@code "-"}.
 */
public final class DecisionLog {
    private byte[] bytes;
    private int byteCount;
    private int size;

    /** An empty log. */
    public DecisionLog() {
        this(64);
    }

    /** @param initialBytes initial capacity in bytes, &gt; 0 */
    public DecisionLog(int initialBytes) {
        if (initialBytes <= 0) {
            throw new IllegalArgumentException("initialBytes: " + initialBytes + " (expected: > 0)");
        }
        bytes = new byte[initialBytes];
    }

    /**
     * @param values decisions, each &gt;= 0
     * @return a log holding them
     */
    public static DecisionLog of(int... values) {
        DecisionLog log = new DecisionLog(Math.max(16, values.length + 8));
        for (int v : values) {
            log.append(v);
        }
        return log;
    }

    /**
     * Appends one decision.
     *
     * @param value the choice, &gt;= 0
     */
    public void append(int value) {
        byte[] b = bytes;
        int n = byteCount;
        if (value >= 0 && value < 0x80 && n < b.length) { // the common one-byte decision: no loop, no growth
            b[n] = (byte) value;
            byteCount = n + 1;
            size++;
            return;
        }
        appendSlow(value);
    }

    private void appendSlow(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("value: " + value + " (expected: >= 0)");
        }
        if (byteCount + 5 > bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2 + 5);
        }
        int v = value;
        while ((v & ~0x7F) != 0) {
            bytes[byteCount++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        bytes[byteCount++] = (byte) v;
        size++;
    }

    /** @return number of decisions */
    public int size() {
        return size;
    }

    /** @return bytes used by the encoding */
    public int byteSize() {
        return byteCount;
    }

    /** @return the decisions, in order */
    public int[] toArray() {
        int[] out = new int[size];
        int pos = 0;
        for (int i = 0; i < size; i++) {
            int v = 0;
            int shift = 0;
            byte b;
            do {
                b = bytes[pos++];
                v |= (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            out[i] = v;
        }
        return out;
    }

    /** @return the varint encoding (a copy) */
    public byte[] toBytes() {
        return Arrays.copyOf(bytes, byteCount);
    }

    /** @return the text form, see the class comment */
    public String toText() {
        int[] values = toArray();
        if (values.length == 0) {
            return "-";
        }
        StringBuilder sb = new StringBuilder(values.length * 2);
        int i = 0;
        while (i < values.length) {
            int j = i;
            while (j < values.length && values[j] == values[i]) {
                j++;
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(values[i]);
            if (j - i > 1) {
                sb.append('*').append(j - i);
            }
            i = j;
        }
        return sb.toString();
    }

    /**
     * Parses the text form.
     *
     * @param text as written by {@link #toText()}
     * @return the log
     * @throws IllegalArgumentException on malformed text, with the offending element
     */
    public static DecisionLog parse(String text) {
        String t = text.strip();
        DecisionLog log = new DecisionLog();
        if (t.equals("-") || t.isEmpty()) {
            return log;
        }
        for (String part : t.split(",", -1)) {
            String p = part.strip();
            int star = p.indexOf('*');
            try {
                int value = Integer.parseInt(star < 0 ? p : p.substring(0, star));
                int count = star < 0 ? 1 : Integer.parseInt(p.substring(star + 1));
                if (value < 0 || count <= 0) {
                    throw new NumberFormatException();
                }
                for (int k = 0; k < count; k++) {
                    log.append(value);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("decision log: bad element '" + p + "' (expected: value or value*count, value >= 0, count > 0)");
            }
        }
        return log;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecisionLog other && other.size == size
            && Arrays.equals(bytes, 0, byteCount, other.bytes, 0, other.byteCount);
    }

    @Override
    public int hashCode() {
        int h = size;
        for (int i = 0; i < byteCount; i++) {
            h = 31 * h + bytes[i];
        }
        return h;
    }

    @Override
    public String toString() {
        return "DecisionLog[" + size + " decisions]";
    }
}
