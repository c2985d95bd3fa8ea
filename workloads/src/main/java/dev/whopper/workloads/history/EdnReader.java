package dev.whopper.workloads.history;

import java.util.ArrayList;
import java.util.List;

/**
 * A small, strict reader for the EDN subset of {@link Edn}: maps, vectors, lists, keywords, integers, nil,
 * booleans and strings (escapes {@code \" \\ \n \t \r}); commas are whitespace and {@code ;} starts a comment.
 * Anything else (symbols, floats, tags such as {@code #inst}, characters, sets) is rejected with an
 * {@link EdnParseException} naming the 1-based line. It reads a text as a sequence of top-level forms.
 */
public final class EdnReader {
    /** Deepest nesting accepted, so that hostile input cannot overflow the stack. */
    private static final int MAX_DEPTH = 256;

    private final String text;
    private int pos;
    private int line = 1;
    private int formLine;

    /** @param text the EDN text */
    public EdnReader(String text) {
        this.text = java.util.Objects.requireNonNull(text, "text");
    }

    /** @return the 1-based line on which the form last returned by {@link #next()} started */
    public int formLine() {
        return formLine;
    }

    /**
     * @return the next top-level form, or {@code null} at the end of the text
     * @throws EdnParseException when the text is malformed
     */
    public Edn next() {
        skipSpace();
        if (pos >= text.length()) {
            return null;
        }
        formLine = line;
        return read(0);
    }

    /**
     * @return every top-level form of the text
     * @throws EdnParseException when the text is malformed
     */
    public List<Edn> readAll() {
        List<Edn> out = new ArrayList<>();
        for (Edn e = next(); e != null; e = next()) {
            out.add(e);
        }
        return out;
    }

    private EdnParseException error(String problem) {
        return new EdnParseException(line, problem);
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (c == ' ' || c == ',' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == ';') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private Edn read(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
        skipSpace();
        if (pos >= text.length()) {
            throw error("unexpected end of input");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> readMap(depth);
            case '[' -> new Edn.Vector(readSeq(depth, ']'));
            case '(' -> new Edn.EList(readSeq(depth, ')'));
            case '"' -> readString();
            case ':' -> readKeyword();
            case '}', ']', ')' -> throw error("unexpected '" + c + "'");
            default -> readAtom(c);
        };
    }

    private List<Edn> readSeq(int depth, char close) {
        pos++;
        List<Edn> items = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos >= text.length()) {
                throw error("unexpected end of input: missing '" + close + "'");
            }
            if (text.charAt(pos) == close) {
                pos++;
                return items;
            }
            items.add(read(depth + 1));
        }
    }

    private Edn readMap(int depth) {
        int startLine = line;
        List<Edn> items = readSeq(depth, '}');
        if (items.size() % 2 != 0) {
            throw new EdnParseException(startLine, "a map needs an even number of forms, got " + items.size());
        }
        List<Edn.Entry> entries = new ArrayList<>(items.size() / 2);
        for (int i = 0; i < items.size(); i += 2) {
            entries.add(new Edn.Entry(items.get(i), items.get(i + 1)));
        }
        return new Edn.EMap(entries);
    }

    private Edn readString() {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unexpected end of input inside a string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return new Edn.Str(sb.toString());
            }
            if (c == '\n') {
                line++;
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unexpected end of input inside a string");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                default -> throw error("unsupported string escape '\\" + e + "'");
            }
        }
    }

    private static boolean isSymbolChar(char c) {
        return Character.isLetterOrDigit(c) || "*+!-_?<>=./'&%$#".indexOf(c) >= 0;
    }

    private String token() {
        int start = pos;
        while (pos < text.length() && isSymbolChar(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    /**
     * Reads an integer without making a string (histories are mostly integers).
     *
     * @return the integer, or {@code null} (position unchanged) when the token is not a plain decimal integer
     *         that fits a long; the caller then reads it as a token and reports it
     */
    private Edn readInteger() {
        int start = pos;
        int i = pos;
        boolean negative = text.charAt(i) == '-';
        if (negative || text.charAt(i) == '+') {
            i++;
        }
        long v = 0;
        for (; i < text.length() && Character.isDigit(text.charAt(i)); i++) {
            int d = text.charAt(i) - '0';
            if (v < (Long.MIN_VALUE + d) / 10) {
                return null; // out of range: reported by the slow path
            }
            v = v * 10 - d;
        }
        if (i < text.length() && isSymbolChar(text.charAt(i))) {
            return null; // e.g. 1.5 or 12N
        }
        if (!negative && v == Long.MIN_VALUE) {
            return null;
        }
        pos = i;
        assert pos > start;
        return new Edn.Int(negative ? v : -v);
    }

    private Edn readKeyword() {
        pos++;
        String name = token();
        if (name.isEmpty()) {
            throw error("a keyword needs a name after ':'");
        }
        return new Edn.Keyword(name);
    }

    private Edn readAtom(char first) {
        if (!isSymbolChar(first)) {
            throw error("unexpected character '" + first + "'");
        }
        if (Character.isDigit(first) || (first == '-' || first == '+') && pos + 1 < text.length()
            && Character.isDigit(text.charAt(pos + 1))) {
            Edn n = readInteger();
            if (n != null) {
                return n;
            }
        }
        String t = token();
        switch (t) {
            case "nil":
                return Edn.NIL;
            case "true":
                return new Edn.Bool(true);
            case "false":
                return new Edn.Bool(false);
            default:
                break;
        }
        int digits = t.startsWith("-") || t.startsWith("+") ? 1 : 0;
        if (t.length() > digits && t.substring(digits).chars().allMatch(Character::isDigit)) {
            try {
                return new Edn.Int(Long.parseLong(t.startsWith("+") ? t.substring(1) : t));
            } catch (NumberFormatException e) {
                throw error("not an integer that fits 64 bits: '" + t + "'");
            }
        }
        throw error("unsupported EDN form '" + t + "' (expected: a map, vector, list, keyword, integer, string, nil "
            + "or boolean)");
    }
}
