package dev.whopper.workloads.check;

/**
 * The consistency models a history is checked against, and which anomaly classes each forbids (as Elle maps
 * them): every model forbids aborted and intermediate reads, garbage, duplicates, incompatible orders,
 * internal inconsistency, lost updates, G0, G1c and G-single; serializability also forbids G2-item; strict
 * serializability also forbids every cycle closed by process or real-time order.
 */
public enum Consistency {
    /** Adya's PL-SI, approximated as Elle does: G2-item (write skew) is allowed. */
    SNAPSHOT_ISOLATION("snapshot-isolation"),
    /** PL-3: no dependency cycle at all. */
    SERIALIZABLE("serializable"),
    /** Serializable in an order that respects real time (and so process order). */
    STRICT_SERIALIZABLE("strict-serializable");

    private final String cliName;

    Consistency(String cliName) {
        this.cliName = cliName;
    }

    /** @return the name on the command line, e.g. {@code strict-serializable} */
    public String cliName() {
        return cliName;
    }

    /**
     * @param type an anomaly class
     * @return true when this model forbids it
     */
    public boolean forbids(AnomalyType type) {
        if (type.needsOrderEdges()) {
            return this == STRICT_SERIALIZABLE;
        }
        if (type == AnomalyType.G2_ITEM) {
            return this != SNAPSHOT_ISOLATION;
        }
        return true;
    }

    /** @return true when the checker must add process and real-time order edges to the graph */
    boolean usesOrderEdges() {
        return this == STRICT_SERIALIZABLE;
    }

    /**
     * @param name {@code serializable}, {@code snapshot-isolation} or {@code strict-serializable}
     * @return the model
     * @throws IllegalArgumentException for any other name
     */
    public static Consistency byName(String name) {
        for (Consistency c : values()) {
            if (c.cliName.equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("consistency: " + name
            + " (expected: serializable, snapshot-isolation or strict-serializable)");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
