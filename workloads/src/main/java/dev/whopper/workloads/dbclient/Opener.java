package dev.whopper.workloads.dbclient;

import dev.whopper.core.db.Connection;
import dev.whopper.core.db.Database;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.YieldInjector;
import dev.whopper.core.sm.StateMachine;

/**
 * Opens the world's database (running the engine's recovery) and verifies what recovery kept before anyone else
 * may use it ({@link EngineWorld#verifyAfterOpen}, through a connection of the opener's own), then publishes the
 * database to the other fibers. One fiber at a time is the opener.
 */
final class Opener {
    private enum State { OPENING, VERIFYING, DONE }

    private final EngineWorld w;
    private final StateMachine<Database> openMachine;
    private State state = State.OPENING;
    private Database opened;
    private Connection verifier;
    private EngineWorld.Verification verification;

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
                    w.walEnd.check(w.io, opened, w.openReason);
                    verifier = opened.connect(YieldInjector.NONE);
                    verification = w.verifyAfterOpen(opened, verifier, w.openReason);
                    state = State.VERIFYING;
                }
                case VERIFYING -> {
                    IOResult<Void> r = verification.step();
                    if (r.isIo()) {
                        return r;
                    }
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
        verification.accept();
        verifier.close();
        w.published(opened);
        w.opened.signalAll();
    }

    /** The open failed under faults: give the database up, so that a later operation retries. */
    void abandon() {
        if (opened != null) {
            opened.close();
        }
        opened = null;
        w.opening = false;
        w.opened.signalAll();
    }
}
