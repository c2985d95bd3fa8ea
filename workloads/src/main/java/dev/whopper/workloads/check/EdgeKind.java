package dev.whopper.workloads.check;

/** Why one transaction must come before another. */
public enum EdgeKind {
    /** Write-write: the second overwrote (or appended right after) the first's write of a key. */
    WW("ww", 1),
    /** Write-read: the second read what the first wrote. */
    WR("wr", 2),
    /** Read-write anti-dependency: the first read a version the second then overwrote. */
    RW("rw", 4),
    /** Process order: the same process ran the first, then the second. */
    PROCESS("process", 8),
    /** Real-time order: the first completed before the second was invoked. */
    REALTIME("realtime", 16);

    private final String label;
    private final int bit;

    EdgeKind(String label, int bit) {
        this.label = label;
        this.bit = bit;
    }

    /** @return the short label in witnesses, e.g. {@code ww} */
    public String label() {
        return label;
    }

    /** @return its bit in an edge mask */
    int bit() {
        return bit;
    }
}
