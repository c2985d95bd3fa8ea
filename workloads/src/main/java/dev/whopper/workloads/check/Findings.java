package dev.whopper.workloads.check;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The anomalies found so far: every one counted, at most {@link Checker#MAX_WITNESSES_PER_TYPE} kept per class. */
final class Findings {
    private final Map<AnomalyType, Integer> found = new EnumMap<>(AnomalyType.class);
    private final Map<AnomalyType, List<Anomaly>> kept = new EnumMap<>(AnomalyType.class);
    boolean truncated;

    void add(Anomaly a) {
        int n = found.merge(a.type(), 1, Integer::sum);
        if (n <= Checker.MAX_WITNESSES_PER_TYPE) {
            kept.computeIfAbsent(a.type(), t -> new ArrayList<>()).add(a);
        }
    }

    int count(AnomalyType t) {
        return found.getOrDefault(t, 0);
    }

    Map<AnomalyType, Integer> found() {
        return found;
    }

    /** @return the witnesses kept, in class order, each class in the order found */
    List<Anomaly> anomalies() {
        List<Anomaly> out = new ArrayList<>();
        for (List<Anomaly> l : kept.values()) {
            out.addAll(l);
        }
        return out;
    }
}
