package dev.whopper.workloads.bank;

/**
 * How a transfer writes and acknowledges: the correct way, or one of the deliberately broken ways that prove
 * the bank's properties can fail. Plugged into {@link Transfer}; nothing else differs between the twins.
 */
enum TransferFlavour {
    /** BEGIN, the writes, COMMIT; acknowledged once the commit returned. */
    ATOMIC(true, false, true),
    /** Bug: no transaction, so each write commits on its own; acknowledged after the last write. */
    NON_ATOMIC(false, true, false),
    /** Bug: acknowledged after the writes, before the commit made them durable. */
    EARLY_ACK(true, true, true);

    private final boolean beginsTransaction;
    private final boolean acknowledgesBeforeCommit;
    private final boolean commits;

    TransferFlavour(boolean beginsTransaction, boolean acknowledgesBeforeCommit, boolean commits) {
        this.beginsTransaction = beginsTransaction;
        this.acknowledgesBeforeCommit = acknowledgesBeforeCommit;
        this.commits = commits;
    }

    /** @return true when the transfer's writes run inside BEGIN .. COMMIT */
    boolean beginsTransaction() {
        return beginsTransaction;
    }

    /** @return true when the client is told "done" as soon as the writes returned */
    boolean acknowledgesBeforeCommit() {
        return acknowledgesBeforeCommit;
    }

    /** @return true when the transfer ends with a COMMIT */
    boolean commits() {
        return commits;
    }
}
