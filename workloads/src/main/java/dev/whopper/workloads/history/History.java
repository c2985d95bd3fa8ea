package dev.whopper.workloads.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A history: the events of a run in the order they happened, as Elle reads them. Imported from and exported to
 * Elle's EDN format ({@code {:type :ok, :f :txn, :value [[:append 3 7] [:r 4 [1 2]]], :process 2, :time 15,
 * :index 9}}, one map a line); an export read back gives an equal history.
 *
 * @param events the events, in history order
 */
public record History(List<Event> events) {
    public History {
        events = List.copyOf(events);
    }

    /**
     * Reads an Elle EDN history: a sequence of event maps, or one vector of them.
     *
     * @param text  the EDN text
     * @param model what {@code [:r k nil]} reads: a list (list-append) or a register (rw-register)
     * @return the history
     * @throws EdnParseException naming the 1-based line of malformed EDN or of an event that is not well formed
     */
    public static History parse(String text, Model model) {
        Objects.requireNonNull(model, "model");
        EdnReader reader = new EdnReader(text);
        List<Event> events = new ArrayList<>();
        EventDecoder decoder = new EventDecoder(model);
        for (Edn form = reader.next(); form != null; form = reader.next()) {
            if (form instanceof Edn.Vector v && events.isEmpty()) {
                for (Edn item : v.items()) {
                    events.add(decoder.decode(item, reader.formLine(), events.size()));
                }
            } else {
                events.add(decoder.decode(form, reader.formLine(), events.size()));
            }
        }
        return new History(events);
    }

    /** @return the history as Elle EDN, one event map per line */
    public String toEdn() {
        StringBuilder sb = new StringBuilder(events.size() * 96);
        for (Event e : events) {
            EventEncoder.encode(e).write(sb);
            sb.append('\n');
        }
        return sb.toString();
    }

    /** @return how many events are transactions ({@code :f :txn}) */
    public int transactionEvents() {
        int n = 0;
        for (Event e : events) {
            if (e.isTxn()) {
                n++;
            }
        }
        return n;
    }
}
