package dev.whopper.workloads.history;

import java.util.ArrayList;
import java.util.List;

/** Events and micro-operations as Elle EDN maps and vectors. */
final class EventEncoder {
    private static final Edn.Keyword TYPE = new Edn.Keyword("type");
    private static final Edn.Keyword F = new Edn.Keyword("f");
    private static final Edn.Keyword VALUE = new Edn.Keyword("value");
    private static final Edn.Keyword PROCESS = new Edn.Keyword("process");
    private static final Edn.Keyword TIME = new Edn.Keyword("time");
    private static final Edn.Keyword INDEX = new Edn.Keyword("index");

    private EventEncoder() { }

    static Edn.EMap encode(Event e) {
        List<Edn.Entry> entries = new ArrayList<>(6 + e.extras().size());
        entries.add(new Edn.Entry(TYPE, new Edn.Keyword(e.type().keyword())));
        entries.add(new Edn.Entry(F, new Edn.Keyword(e.f())));
        if (e.isTxn()) {
            entries.add(new Edn.Entry(VALUE, encodeTxn(e.txn())));
        } else if (e.value() != null) {
            entries.add(new Edn.Entry(VALUE, e.value()));
        }
        entries.add(new Edn.Entry(PROCESS, e.process()));
        if (e.hasTime()) {
            entries.add(new Edn.Entry(TIME, new Edn.Int(e.timeNanos())));
        }
        entries.addAll(e.extras());
        entries.add(new Edn.Entry(INDEX, new Edn.Int(e.index())));
        return new Edn.EMap(entries);
    }

    private static Edn encodeTxn(List<MicroOp> txn) {
        List<Edn> ops = new ArrayList<>(txn.size());
        for (MicroOp op : txn) {
            ops.add(encodeOp(op));
        }
        return new Edn.Vector(ops);
    }

    static Edn encodeOp(MicroOp op) {
        Edn k = new Edn.Int(op.key());
        if (op instanceof MicroOp.Append a) {
            return triple("append", k, new Edn.Int(a.value()));
        }
        if (op instanceof MicroOp.Write w) {
            return triple("w", k, new Edn.Int(w.value()));
        }
        if (op instanceof MicroOp.RegisterRead r) {
            return triple("r", k, r.value() == null ? Edn.NIL : new Edn.Int(r.value()));
        }
        return triple("r", k, listValue((MicroOp.ListRead) op));
    }

    private static Edn listValue(MicroOp.ListRead r) {
        if (!r.known()) {
            return Edn.NIL;
        }
        List<Edn> items = new ArrayList<>(r.size());
        for (int i = 0; i < r.size(); i++) {
            items.add(new Edn.Int(r.get(i)));
        }
        return new Edn.Vector(items);
    }

    private static Edn triple(String f, Edn k, Edn v) {
        return new Edn.Vector(List.of(new Edn.Keyword(f), k, v));
    }
}
