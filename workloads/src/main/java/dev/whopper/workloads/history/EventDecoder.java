package dev.whopper.workloads.history;

import java.util.ArrayList;
import java.util.List;

/** Elle EDN event maps as {@link Event}s, strictly: anything unexpected is an error naming the line. */
final class EventDecoder {
    private final Model model;

    EventDecoder(Model model) {
        this.model = model;
    }

    /**
     * @param form     an event map
     * @param line     the line it starts on
     * @param position its position in the history (its index when it has no {@code :index})
     */
    Event decode(Edn form, int line, int position) {
        if (!(form instanceof Edn.EMap map)) {
            throw new EdnParseException(line, "expected an event map {:type .., :f .., :process ..}, got " + brief(form));
        }
        Event.Type type = type(map.get("type"), line);
        String f = keyword(map.get("f"), "f", line);
        Edn process = map.get("process");
        if (process == null) {
            throw new EdnParseException(line, "event without :process");
        }
        long time = integer(map.get("time"), "time", line, Event.NO_TIME);
        long index = integer(map.get("index"), "index", line, position);
        Edn value = map.get("value");
        List<MicroOp> txn = null;
        if (Event.TXN.equals(f)) {
            txn = txn(value, line);
            value = null;
        }
        List<Edn.Entry> extras = new ArrayList<>();
        for (Edn.Entry e : map.entries()) {
            if (!(e.key() instanceof Edn.Keyword k && isStandard(k.name()))) {
                extras.add(e);
            }
        }
        return new Event(index, type, f, process, time, txn, value, extras);
    }

    private static boolean isStandard(String key) {
        return switch (key) {
            case "type", "f", "process", "time", "index", "value" -> true;
            default -> false;
        };
    }

    private static Event.Type type(Edn t, int line) {
        String name = keyword(t, "type", line);
        return switch (name) {
            case "invoke" -> Event.Type.INVOKE;
            case "ok" -> Event.Type.OK;
            case "fail" -> Event.Type.FAIL;
            case "info" -> Event.Type.INFO;
            default -> throw new EdnParseException(line, ":type :" + name + " (expected: :invoke, :ok, :fail or :info)");
        };
    }

    private static String keyword(Edn e, String field, int line) {
        if (e instanceof Edn.Keyword k) {
            return k.name();
        }
        throw new EdnParseException(line, ":" + field + " " + brief(e) + " (expected: a keyword)");
    }

    private static long integer(Edn e, String field, int line, long absent) {
        if (e == null) {
            return absent;
        }
        if (e instanceof Edn.Int i) {
            return i.value();
        }
        throw new EdnParseException(line, ":" + field + " " + brief(e) + " (expected: an integer)");
    }

    private List<MicroOp> txn(Edn value, int line) {
        if (!(value instanceof Edn.Vector v)) {
            throw new EdnParseException(line, "a :txn's :value " + brief(value) + " (expected: a vector of micro-ops)");
        }
        List<MicroOp> ops = new ArrayList<>(v.items().size());
        for (Edn item : v.items()) {
            ops.add(microOp(item, line));
        }
        return ops;
    }

    private MicroOp microOp(Edn item, int line) {
        if (!(item instanceof Edn.Vector v) || v.items().size() != 3 || !(v.items().get(0) instanceof Edn.Keyword f)) {
            throw new EdnParseException(line, "micro-op " + brief(item) + " (expected: [:append k v], [:r k v] or [:w k v])");
        }
        if (!(v.items().get(1) instanceof Edn.Int k)) {
            throw new EdnParseException(line, "micro-op " + brief(item) + ": key (expected: an integer)");
        }
        long key = k.value();
        Edn arg = v.items().get(2);
        return switch (f.name()) {
            case "append" -> new MicroOp.Append(key, value(arg, item, line));
            case "w" -> new MicroOp.Write(key, value(arg, item, line));
            case "r" -> read(key, arg, item, line);
            default -> throw new EdnParseException(line, "micro-op :" + f.name() + " (expected: :append, :r or :w)");
        };
    }

    private static long value(Edn arg, Edn item, int line) {
        if (arg instanceof Edn.Int i) {
            return i.value();
        }
        throw new EdnParseException(line, "micro-op " + brief(item) + ": value (expected: an integer)");
    }

    private MicroOp read(long key, Edn arg, Edn item, int line) {
        if (arg instanceof Edn.Nil) {
            return model == Model.LIST_APPEND ? MicroOp.ListRead.unknown(key) : new MicroOp.RegisterRead(key, null);
        }
        if (arg instanceof Edn.Int i) {
            return new MicroOp.RegisterRead(key, i.value());
        }
        if (arg instanceof Edn.Vector list) {
            long[] elements = new long[list.items().size()];
            for (int i = 0; i < elements.length; i++) {
                if (!(list.items().get(i) instanceof Edn.Int n)) {
                    throw new EdnParseException(line, "read " + brief(item) + ": element " + brief(list.items().get(i))
                        + " (expected: integers)");
                }
                elements[i] = n.value();
            }
            return new MicroOp.ListRead(key, elements);
        }
        throw new EdnParseException(line, "read " + brief(item) + " (expected: nil, an integer or a vector of integers)");
    }

    static String brief(Edn e) {
        if (e == null) {
            return "(absent)";
        }
        String t = e.text();
        return t.length() > 60 ? t.substring(0, 57) + "..." : t;
    }
}
