package dev.whopper.workloads.check;

import dev.whopper.workloads.history.History;
import dev.whopper.workloads.history.Model;

/** Hand-written histories for tests, as Elle EDN text (so that the import is exercised too). */
final class Hist {
    private final StringBuilder edn = new StringBuilder();
    private int index;

    /** An invocation: reads in {@code ops} are written as nil. */
    Hist invoke(int process, String ops) {
        return event("invoke", process, ops.replaceAll("\\[:r (-?\\d+) (\\[[^\\]]*\\]|nil|-?\\d+)\\]", "[:r $1 nil]"));
    }

    Hist ok(int process, String ops) {
        return event("ok", process, ops);
    }

    Hist fail(int process, String ops) {
        return event("fail", process, ops);
    }

    Hist info(int process, String ops) {
        return event("info", process, ops);
    }

    /** An invocation immediately followed by its completion. */
    Hist txn(int process, String ops) {
        return invoke(process, ops).ok(process, ops);
    }

    private Hist event(String type, int process, String ops) {
        edn.append("{:type :").append(type).append(", :f :txn, :value ").append(ops).append(", :process ").append(process)
            .append(", :index ").append(index++).append("}\n");
        return this;
    }

    String edn() {
        return edn.toString();
    }

    History history(Model model) {
        return History.parse(edn.toString(), model);
    }

    CheckResult check(Model model, Consistency c) {
        return Checker.check(history(model), model, c);
    }
}
