package dev.whopper.workloads.dbclient;

import dev.whopper.core.db.Connection;
import dev.whopper.core.db.Database;
import dev.whopper.core.db.TxMode;
import dev.whopper.core.io.IOResult;
import java.util.List;

/**
 * The quota form's verification at an open: the workload's {@link RecoveryCheck} in a read transaction of the
 * verifier's own, then the integrity check ({@link EngineChecks.Integrity}); the check is accepted when the database
 * is published.
 */
final class CheckedRecovery implements EngineWorld.Verification {
    private enum State { BEGIN, CHECK, END, INTEGRITY, DONE }

    private final EngineWorld w;
    private final Connection verifier;
    private final Database opened;
    private final RecoveryCheck check;
    private final CurrentMachine sub = new CurrentMachine();
    private State state = State.BEGIN;

    CheckedRecovery(EngineWorld world, Connection verifier, Database opened, RecoveryCheck check) {
        this.w = world;
        this.verifier = verifier;
        this.opened = opened;
        this.check = check;
    }

    @Override
    public IOResult<Void> step() {
        while (true) {
            switch (state) {
                case BEGIN -> {
                    IOResult<Void> r = sub.run(() -> verifier.begin(TxMode.DEFERRED));
                    if (r.isIo()) {
                        return r.cast();
                    }
                    state = State.CHECK;
                }
                case CHECK -> {
                    IOResult<Void> r = check.step();
                    if (r.isIo()) {
                        return r.cast();
                    }
                    state = State.END;
                }
                case END -> {
                    IOResult<Void> r = sub.run(() -> verifier.rollback());
                    if (r.isIo()) {
                        return r.cast();
                    }
                    state = State.INTEGRITY;
                }
                case INTEGRITY -> {
                    IOResult<List<String>> r = sub.run(() -> opened.integrityCheck());
                    if (r.isIo()) {
                        return r.cast();
                    }
                    w.checks.integrity.check(r.value(), w.openReason);
                    state = State.DONE;
                    return IOResult.done();
                }
                case DONE -> throw new IllegalStateException("recovery check stepped after it finished");
                default -> throw new AssertionError(state);
            }
        }
    }

    @Override
    public void accept() {
        check.accept();
    }
}
