package dev.whopper.workloads.check;

import dev.whopper.workloads.history.Model;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the checker found in a history, against one consistency model.
 *
 * @param model        list-append or rw-register
 * @param consistency  the model checked
 * @param transactions transactions in the history (ok, fail and info)
 * @param committed    of which ok
 * @param indeterminate of which info (including invocations that never completed)
 * @param anomalies    the witnesses kept, at most {@link Checker#MAX_WITNESSES_PER_TYPE} per class, in class order
 * @param found        how many of each class were found (which may exceed the witnesses kept)
 * @param truncated    true when a cycle search ran out of its budget in some component (cycles may be missing;
 *                     those found are real)
 */
public record CheckResult(Model model, Consistency consistency, int transactions, int committed, int indeterminate,
                          List<Anomaly> anomalies, Map<AnomalyType, Integer> found, boolean truncated) {
    public CheckResult {
        anomalies = List.copyOf(anomalies);
        found = Collections.unmodifiableMap(new EnumMap<>(found.isEmpty() ? new EnumMap<>(AnomalyType.class) : found));
    }

    /** @return the anomalies the consistency model forbids */
    public List<Anomaly> forbidden() {
        List<Anomaly> out = new ArrayList<>();
        for (Anomaly a : anomalies) {
            if (consistency.forbids(a.type())) {
                out.add(a);
            }
        }
        return out;
    }

    /** @return the classes found that the model forbids, in class order */
    public List<AnomalyType> forbiddenTypes() {
        List<AnomalyType> out = new ArrayList<>();
        for (AnomalyType t : found.keySet()) {
            if (consistency.forbids(t)) {
                out.add(t);
            }
        }
        return out;
    }

    /** @return true when nothing the model forbids was found */
    public boolean valid() {
        return forbiddenTypes().isEmpty();
    }
}
