package dev.whopper.workloads.dbclient;

import dev.whopper.core.db.Connection;
import dev.whopper.core.db.Database;
import dev.whopper.core.db.TxMode;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.YieldInjector;
import dev.whopper.core.sm.StateMachine;
import java.util.List;

/**
 * Opens the world's database (running the engine's recovery) and verifies what recovery kept before anyone else
 * may use it: the workload's {@link RecoveryCheck} in a read transaction of the opener's own, then the integrity
 * check. Then it publishes the database to the other fibers. One fiber at a time is the opener.
 */
final class Opener {
    private enum State { OPENING, BEGIN, CHECK, END, INTEGRITY, DONE }

    private final EngineWorld w;
    private final StateMachine<Database> openMachine;
    private final CurrentMachine sub = new CurrentMachine();
    private State state = State.OPENING;
    private Database opened;
    private Connection verifier;
    private RecoveryCheck check;

    Opener(EngineWorld world) {
        this.w = world;
        this.openMachine = Database.open(w.io, w.path, w.options);
    }

    /**
     * @return Done once the database is open, verified and published; IO to wait
     * @throws dev.whopper.core.db.DbException when the engine refused (the caller abandons the open)
     */
    IOResult<Void> step() {
        while (true) {
            switch (state) {
                case OPENING -> {
                    IOResult<Database> r = openMachine.step();
                    if (r.isIo()) {
                        return r.cast();
                    }
                    opened = r.value();
                    verifier = opened.connect(YieldInjector.NONE);
                    check = w.recoveryCheck(verifier, opened);
                    state = State.BEGIN;
                }
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
                    publish();
                    return IOResult.done();
                }
                case DONE -> throw new IllegalStateException("opener stepped after it published the database");
                default -> throw new AssertionError(state);
            }
        }
    }

    private void publish() {
        state = State.DONE;
        check.accept();
        verifier.close();
        w.published(opened);
        w.opened.signalAll();
    }

    /** The open failed under faults: give the database up, so that a later operation retries. */
    void abandon() {
        sub.reset();
        if (opened != null) {
            opened.close();
        }
        opened = null;
        w.opening = false;
        w.opened.signalAll();
    }
}
