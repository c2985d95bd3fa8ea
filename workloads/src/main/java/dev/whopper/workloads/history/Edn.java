package dev.whopper.workloads.history;

import java.util.List;
import java.util.Objects;

/**
 * The subset of EDN that Elle histories use: nil, booleans, integers, strings, keywords, vectors, lists and
 * maps (entries in file order). Values are immutable and compare by content, so two parses of the same text
 * are equal.
 */
public sealed interface Edn permits Edn.Nil, Edn.Bool, Edn.Int, Edn.Str, Edn.Keyword, Edn.Vector, Edn.EList, Edn.EMap {

    /** The shared {@code nil}. */
    Nil NIL = new Nil();

    /**
     * Appends the EDN text of this value.
     *
     * @param out where to write
     */
    void write(StringBuilder out);

    /** @return the EDN text of this value */
    default String text() {
        StringBuilder sb = new StringBuilder();
        write(sb);
        return sb.toString();
    }

    /** {@code nil}. */
    record Nil() implements Edn {
        @Override
        public void write(StringBuilder out) {
            out.append("nil");
        }
    }

    /** @param value {@code true} or {@code false} */
    record Bool(boolean value) implements Edn {
        @Override
        public void write(StringBuilder out) {
            out.append(value);
        }
    }

    /** @param value an integer that fits a {@code long} */
    record Int(long value) implements Edn {
        @Override
        public void write(StringBuilder out) {
            out.append(value);
        }
    }

    /** @param value a string (written back with {@code \" \\ \n \t \r} escaped) */
    record Str(String value) implements Edn {
        public Str {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public void write(StringBuilder out) {
            out.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\t' -> out.append("\\t");
                    case '\r' -> out.append("\\r");
                    default -> out.append(c);
                }
            }
            out.append('"');
        }
    }

    /** @param name the keyword without its colon, e.g. {@code append} for {@code :append} */
    record Keyword(String name) implements Edn {
        public Keyword {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public void write(StringBuilder out) {
            out.append(':').append(name);
        }
    }

    /** @param items a vector's items, {@code [a b]} */
    record Vector(List<Edn> items) implements Edn {
        public Vector {
            items = List.copyOf(items);
        }

        @Override
        public void write(StringBuilder out) {
            writeAll(out, '[', items, ']');
        }
    }

    /** @param items a list's items, {@code (a b)} */
    record EList(List<Edn> items) implements Edn {
        public EList {
            items = List.copyOf(items);
        }

        @Override
        public void write(StringBuilder out) {
            writeAll(out, '(', items, ')');
        }
    }

    /**
     * One map entry.
     *
     * @param key   its key
     * @param value its value
     */
    record Entry(Edn key, Edn value) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /** @param entries a map's entries in file order, {@code {:a 1, :b 2}} */
    record EMap(List<Entry> entries) implements Edn {
        public EMap {
            entries = List.copyOf(entries);
        }

        /**
         * @param keyword a keyword's name
         * @return the value of that keyword key, or {@code null} when absent
         */
        public Edn get(String keyword) {
            for (Entry e : entries) {
                if (e.key() instanceof Keyword k && k.name().equals(keyword)) {
                    return e.value();
                }
            }
            return null;
        }

        @Override
        public void write(StringBuilder out) {
            out.append('{');
            for (int i = 0; i < entries.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                entries.get(i).key().write(out);
                out.append(' ');
                entries.get(i).value().write(out);
            }
            out.append('}');
        }
    }

    private static void writeAll(StringBuilder out, char open, List<Edn> items, char close) {
        out.append(open);
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            items.get(i).write(out);
        }
        out.append(close);
    }
}
