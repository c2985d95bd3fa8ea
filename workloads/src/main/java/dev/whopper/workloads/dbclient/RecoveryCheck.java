package dev.whopper.workloads.dbclient;

import dev.whopper.core.io.IOResult;

/**
 * What a workload verifies when its database was opened (the first open, a recovery after a crash, a reopen
 * after a failed WAL sync), before any other fiber may use it: it reads the recovered state through a connection
 * of its own and checks it against the workload's model.
 */
public interface RecoveryCheck {
    /**
     * Advances the check by one step (reads through the verifier connection, checks what it read).
     *
     * @return Done when checked; IO to wait
     * @throws dev.whopper.core.db.DbException           when the engine refused (the open is abandoned and retried)
     * @throws dev.whopper.workloads.property.PropertyViolation when the recovered state is wrong
     */
    IOResult<Void> step();

    /**
     * The database is published to the other fibers: the model takes what recovery showed as its new truth (it
     * is acknowledged from now on). Called once, after {@link #step()} returned Done and the integrity check held.
     */
    void accept();
}
