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
import java.util.function.BooleanSupplier;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;

/**
 * The end-of-run property of {@code list-append} and {@code rw-register}: the recorded history is valid under a
 * consistency model. Its violation names the forbidden anomaly classes and shows the first one's witness, and
 * blames that witness's transactions (each one's fiber and operation, with its part in the anomaly).
 */
public final class HistoryProperty implements Property {
    private final Model model;
    private final Consistency consistency;
    private final Supplier<History> history;
    private final BooleanSupplier excused;
    private final LongUnaryOperator opIndexOf;
    private long excusedFailures;

    /**
     * @param model       list-append or rw-register
     * @param consistency the model the history must satisfy
     * @param history     the history at the end of the run
     */
    public HistoryProperty(Model model, Consistency consistency, Supplier<History> history) {
        this(model, consistency, history, () -> false);
    }

    /**
     * @param model       list-append or rw-register
     * @param consistency the model the history must satisfy
     * @param history     the history at the end of the run
     * @param excused     true when a fault explains lost data (a bit flipped in the WAL before a recovery cuts the
     *                    log there, losing acknowledged commits as a disk with bit rot does): a failed check is then
     *                    counted ({@link #excusedFailures()}), not a violation
     */
    public HistoryProperty(Model model, Consistency consistency, Supplier<History> history, BooleanSupplier excused) {
        this(model, consistency, history, excused, index -> -1);
    }

    /**
     * @param model       list-append or rw-register
     * @param consistency the model the history must satisfy
     * @param history     the history at the end of the run
     * @param excused     true when a fault explains lost data (see above)
     * @param opIndexOf   the fiber's operation number ({@code FiberContext.opIndex()}) of the invocation at a history
     *                    index, or -1: a violation blames the first anomaly's witness transactions by it
     */
    public HistoryProperty(Model model, Consistency consistency, Supplier<History> history, BooleanSupplier excused,
                           LongUnaryOperator opIndexOf) {
        this.opIndexOf = Objects.requireNonNull(opIndexOf, "opIndexOf");
        this.model = Objects.requireNonNull(model, "model");
        this.consistency = Objects.requireNonNull(consistency, "consistency");
        this.history = Objects.requireNonNull(history, "history");
        this.excused = Objects.requireNonNull(excused, "excused");
    }

    /** @return failed checks a bit flip excused (0 or 1 per run) */
    public long excusedFailures() {
        return excusedFailures;
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
        if (!end.allFibersDone()) {
            return null;
        }
        Violation v = check(history.get());
        if (v != null && excused.getAsBoolean()) {
            excusedFailures++;
            return null;
        }
        return v;
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
        return violation(sb.toString()).blaming(forbidden.isEmpty() ? List.of() : Witnesses.of(forbidden.get(0), opIndexOf));
    }
}
