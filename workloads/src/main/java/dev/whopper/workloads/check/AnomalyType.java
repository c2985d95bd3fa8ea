package dev.whopper.workloads.check;

/**
 * The anomaly classes the checker reports, with Elle's names. Cycle classes come in three flavours: over
 * data dependencies only, and with process ({@code -process}) or real-time ({@code -realtime}) order edges,
 * which only strict serializability forbids.
 */
public enum AnomalyType {
    /** A cycle of write-write dependencies only (dirty write). */
    G0("G0"),
    /** A read of a value written by a transaction that failed (aborted read). */
    G1A("G1a"),
    /** A read of a value its writer overwrote later in the same transaction (intermediate read). */
    G1B("G1b"),
    /** A cycle of write-write and write-read dependencies, with at least one write-read (circular information flow). */
    G1C("G1c"),
    /** A dependency cycle with exactly one read-write anti-dependency (read skew; forbidden by snapshot isolation). */
    G_SINGLE("G-single"),
    /** A dependency cycle with two or more read-write anti-dependencies (write skew; allowed by snapshot isolation). */
    G2_ITEM("G2-item"),
    /** G0 closed by process order. */
    G0_PROCESS("G0-process"),
    /** G1c closed by process order. */
    G1C_PROCESS("G1c-process"),
    /** G-single closed by process order. */
    G_SINGLE_PROCESS("G-single-process"),
    /** G2-item closed by process order. */
    G2_ITEM_PROCESS("G2-item-process"),
    /** G0 closed by real-time order. */
    G0_REALTIME("G0-realtime"),
    /** G1c closed by real-time order. */
    G1C_REALTIME("G1c-realtime"),
    /** G-single closed by real-time order. */
    G_SINGLE_REALTIME("G-single-realtime"),
    /** G2-item closed by real-time order. */
    G2_ITEM_REALTIME("G2-item-realtime"),
    /** Two committed transactions read the same version of a key and both wrote it. */
    LOST_UPDATE("lost-update"),
    /** A transaction's read disagrees with its own earlier reads and writes of the key. */
    INTERNAL("internal"),
    /** A list read holds the same element more than once. */
    DUPLICATE_ELEMENTS("duplicate-elements"),
    /** A read of a value no transaction ever wrote. */
    GARBAGE_READ("garbage-read"),
    /** Two list reads of a key where neither is a prefix of the other: no single version order explains both. */
    INCOMPATIBLE_ORDER("incompatible-order");

    private final String elleName;

    AnomalyType(String elleName) {
        this.elleName = elleName;
    }

    /** @return the name Elle gives it, e.g. {@code G-single} */
    public String elleName() {
        return elleName;
    }

    /** @return true for the cycle classes */
    public boolean isCycle() {
        return switch (this) {
            case G1A, G1B, LOST_UPDATE, INTERNAL, DUPLICATE_ELEMENTS, GARBAGE_READ, INCOMPATIBLE_ORDER -> false;
            default -> true;
        };
    }

    /** @return true for a cycle class closed by process or real-time order */
    public boolean needsOrderEdges() {
        return isCycle() && ordinal() >= G0_PROCESS.ordinal();
    }

    /**
     * @param rwEdges read-write edges in the cycle
     * @param wrEdges write-read edges in the cycle
     * @param order   0 when only data dependencies, 1 when process order closes it, 2 for real-time order
     * @return the cycle's class
     */
    static AnomalyType ofCycle(int rwEdges, int wrEdges, int order) {
        int base = rwEdges >= 2 ? 3 : rwEdges == 1 ? 2 : wrEdges > 0 ? 1 : 0;
        AnomalyType[][] table = {
            {G0, G1C, G_SINGLE, G2_ITEM},
            {G0_PROCESS, G1C_PROCESS, G_SINGLE_PROCESS, G2_ITEM_PROCESS},
            {G0_REALTIME, G1C_REALTIME, G_SINGLE_REALTIME, G2_ITEM_REALTIME}};
        return table[order][base];
    }

    @Override
    public String toString() {
        return elleName;
    }
}
