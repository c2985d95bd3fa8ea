package dev.whopper.workloads.check;

import java.util.Objects;

/**
 * One edge of a witness: {@code from} must precede {@code to}, because of {@code why}.
 *
 * @param from the earlier transaction
 * @param kind the dependency or order
 * @param key  the key of a data dependency, or {@code null} for process and real-time order
 * @param to   the later transaction
 * @param why  why the edge exists, for a person (e.g. "T12 appended 7, T40 appended 9 right after it in the
 *             version order")
 */
public record Edge(Txn from, EdgeKind kind, Long key, Txn to, String why) {
    public Edge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(why, "why");
    }

    /** @return the edge in witness notation, e.g. {@code T12 -ww(k=3)-> T40: why} */
    public String describe() {
        return from.name() + " -" + kind.label() + (key == null ? "" : "(k=" + key + ")") + "-> " + to.name() + ": " + why;
    }
}
