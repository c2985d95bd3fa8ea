package dev.whopper.workloads.elle;

import dev.whopper.workloads.check.Anomaly;
import dev.whopper.workloads.check.CheckResult;
import dev.whopper.workloads.check.CheckText;
import dev.whopper.workloads.check.Checker;
import dev.whopper.workloads.check.Consistency;
import dev.whopper.workloads.history.History;
import dev.whopper.workloads.history.Model;
import dev.whopper.workloads.property.Property;
import dev.whopper.workloads.property.RunEnd;
import dev.whopper.workloads.property.Violation;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The end-of-run property of {@code list-append} and {@code rw-register}: the recorded history is valid under a
 * consistency model. Its violation names the forbidden anomaly classes and shows the first one's witness.
 */
public final class HistoryProperty implements Property {
    private final Model model;
    private final Consistency consistency;
    private final Supplier<History> history;

    /**
     * @param model       list-append or rw-register
     * @param consistency the model the history must satisfy
     * @param history     the history at the end of the run
     */
    public HistoryProperty(Model model, Consistency consistency, Supplier<History> history) {
        this.model = Objects.requireNonNull(model, "model");
        this.consistency = Objects.requireNonNull(consistency, "consistency");
        this.history = Objects.requireNonNull(history, "history");
    }

    /**
     * @param consistency a consistency model
     * @return the property's name, e.g. {@code elle-serializable}
     */
    public static String name(Consistency consistency) {
        return "elle-" + consistency.cliName();
    }

    @Override
    public String name() {
        return name(consistency);
    }

    @Override
    public boolean checksAtEnd() {
        return true;
    }

    @Override
    public Violation onEnd(RunEnd end) {
        return end.allFibersDone() ? check(history.get()) : null;
    }

    /**
     * @param h a history
     * @return {@code null} when it is valid, else the violation with the first forbidden anomaly's witness
     */
    public Violation check(History h) {
        CheckResult r = Checker.check(h, model, consistency);
        if (r.valid()) {
            return null;
        }
        List<Anomaly> forbidden = r.forbidden();
        StringBuilder sb = new StringBuilder(CheckText.oneLine(r));
        if (!forbidden.isEmpty()) {
            sb.append("; first: ");
            String witness = CheckText.render(new CheckResult(r.model(), r.consistency(), r.transactions(), r.committed(),
                r.indeterminate(), List.of(forbidden.get(0)), r.found(), r.truncated()));
            sb.append(witness.substring(witness.indexOf("\n\n") + 2).strip());
        }
        return violation(sb.toString());
    }
}
