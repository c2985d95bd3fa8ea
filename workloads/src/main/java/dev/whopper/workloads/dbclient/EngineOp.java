package dev.whopper.workloads.dbclient;

import dev.whopper.core.db.Connection;
import dev.whopper.core.db.DbError;
import dev.whopper.core.db.DbException;
import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IOFailureException;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.RandomSource;
import dev.whopper.core.sm.StateMachine;
import dev.whopper.core.sm.Transition;
import dev.whopper.workloads.spi.FiberContext;
import dev.whopper.workloads.spi.Operation;
import java.util.function.Supplier;

/**
 * One operation of one engine-workload fiber, as an explicit state machine over the engine's state machines:
 * make sure the database is open (this fiber opening and verifying it when it is the {@link Opener}; reopening
 * it after a failed WAL sync once nobody uses it), connect (rolling back a transaction a crash or an error left
 * open), then the operation's own {@link #body()}.
 *
 * <p>Expected engine errors (BUSY, BUSY_SNAPSHOT, I/O errors under faults, READONLY_AFTER_SYNC_FAILURE, CORRUPT
 * after a bit flip) roll the transaction back and end the operation with a label (its value, e.g. {@code "busy"});
 * the body hears of each through {@link #refused(DbError)} first. Anything else propagates and fails the run. The
 * final verification retries instead of giving up on the first transient fault. (In the self-checked form of
 * {@link EngineWorld} the refusal is counted before the body hears of it.)
 *
 * @param <W> the world
 */
public abstract class EngineOp<W extends EngineWorld> implements Operation<String> {
    private static final int MAX_FINAL_ATTEMPTS = 100;
    private static final int MAX_TRANSITIONS = 64;

    private enum Phase { ENSURE_OPEN, OPENING, CONNECT, CLEANUP, BODY, ROLLBACK, DONE }

    /** The world. */
    protected final W w;
    /** The fiber. */
    protected final FiberContext ctx;
    /** The fiber's number. */
    protected final int id;
    private final String kind;
    private final CurrentMachine sub = new CurrentMachine();
    private Phase phase = Phase.ENSURE_OPEN;
    private Opener opener;
    private String label;
    private int finalAttempts;
    private boolean retryFinal;
    private boolean inFlight;

    /**
     * @param world the world
     * @param ctx   the fiber
     * @param kind  the operation's kind, for counters and traces
     */
    protected EngineOp(W world, FiberContext ctx, String kind) {
        this.w = world;
        this.ctx = ctx;
        this.id = ctx.id();
        this.kind = kind;
    }

    @Override
    public final String kind() {
        return kind;
    }

    /** Draws what the body needs from the fiber's stream and resets the body's state (again after a retry). */
    protected abstract void start(RandomSource random);

    /** @return the body's next transition: IO to wait, continue, or done with the operation's value */
    protected abstract Transition<String> body();

    /** @return true when an error in the body's current state leaves a transaction to roll back */
    protected boolean rollsBackOnError() {
        return true;
    }

    /** @return true for the final verification, which retries transient faults */
    protected boolean isFinal() {
        return false;
    }

    /**
     * The engine refused the body's current call with an expected error; the operation rolls back and ends (the
     * body records what that leaves unknown, e.g. a commit that failed).
     *
     * @param error the error
     */
    protected void refused(DbError error) { }

    @Override
    public final IOResult<String> step() {
        try {
            return advance();
        } catch (DbException e) {
            return failed(e.error(), e.getMessage());
        } catch (IOFailureException e) {
            return failed(DbError.IO_ERROR, e.getMessage());
        }
    }

    private IOResult<String> advance() {
        for (int transitions = 0; transitions < MAX_TRANSITIONS; transitions++) {
            switch (phase) {
                case ENSURE_OPEN -> {
                    IOResult<String> r = ensureOpen();
                    if (r != null) {
                        return r;
                    }
                }
                case OPENING -> {
                    IOResult<Void> r = opener.step();
                    if (r.isIo()) {
                        return r.cast();
                    }
                    opener = null;
                    if (w.quota) {
                        enter(); // the opener's own operation uses the database too: a reopen must wait for it
                        phase = Phase.CONNECT;
                    } else {
                        phase = Phase.ENSURE_OPEN; // looks at the published database again
                    }
                }
                case CONNECT -> {
                    if (w.connections[id] == null || w.connectionEpoch[id] != w.epoch) {
                        w.connections[id] = w.db.connect(ctx.yields());
                        w.connectionEpoch[id] = w.epoch;
                    }
                    if (conn().inTransaction()) {
                        phase = Phase.CLEANUP;
                    } else {
                        startBody();
                    }
                }
                case CLEANUP -> {
                    IOResult<Void> r = sub.run(() -> conn().rollback());
                    if (r.isIo()) {
                        return r.cast();
                    }
                    w.rollbacks++;
                    startBody();
                }
                case BODY -> {
                    Transition<String> t = body();
                    if (t instanceof Transition.Io<String> io) {
                        return IOResult.io(io.completion());
                    } else if (t instanceof Transition.Done<String> done) {
                        return finish(done.value());
                    }
                }
                case ROLLBACK -> {
                    IOResult<String> r = rollback();
                    if (r != null) {
                        return r;
                    }
                }
                case DONE -> throw new IllegalStateException(kind + " operation stepped after it finished");
                default -> throw new AssertionError(phase);
            }
        }
        throw new IllegalStateException(kind + " operation made " + MAX_TRANSITIONS + " transitions without yielding, in "
            + phase);
    }

    /** @return IO to wait, or null once this operation may connect (or open) */
    private IOResult<String> ensureOpen() {
        if (w.db != null && w.db.isReadOnlyAfterSyncFailure()) {
            w.reopenWanted = true;
        }
        if (w.reopenWanted && w.db != null) {
            if (w.inFlight > 0) {
                return IOResult.io(w.untilIdle(ctx)); // let them finish on the old database
            }
            w.reopen();
        }
        if (w.db != null) {
            enter();
            phase = Phase.CONNECT;
        } else if (w.opening) {
            return IOResult.io(w.opened.await());
        } else {
            w.opening = true;
            opener = new Opener(w);
            phase = Phase.OPENING;
        }
        return null;
    }

    private void enter() {
        if (!inFlight) {
            inFlight = true;
            w.inFlight++;
        }
    }

    private void leave() {
        if (inFlight) {
            inFlight = false;
            w.inFlight--;
            if (w.inFlight == 0) {
                w.idle.signalAll();
            }
        }
    }

    private void startBody() {
        start(ctx.random());
        phase = Phase.BODY;
    }

    private IOResult<String> rollback() {
        if (conn().inTransaction()) {
            IOResult<Void> r = sub.run(() -> conn().rollback());
            if (r.isIo()) {
                return r.cast();
            }
            w.rollbacks++;
        }
        if (retryFinal) {
            retryFinal = false;
            leave();
            phase = Phase.ENSURE_OPEN;
            return null;
        }
        return finish(label);
    }

    /**
     * Runs an engine state machine of the body's current state (see {@link CurrentMachine}).
     *
     * @param machine creates it on the state's first step
     * @param <T>     its value type
     * @return its result
     */
    protected final <T> IOResult<T> run(Supplier<StateMachine<T>> machine) {
        return sub.run(machine);
    }

    /** @return true when the body's current state has not started its engine machine yet (its first step is next) */
    protected final boolean firstStepNext() {
        return sub.idle();
    }

    /**
     * Ends the body by rolling back its transaction; the operation's value is {@code why}.
     *
     * @param why the operation's value
     * @return the transition to return
     */
    protected final Transition<String> rollbackAndFinish(String why) {
        label = why;
        phase = Phase.ROLLBACK;
        return Transition.proceed();
    }

    /** @return this fiber's connection */
    protected final Connection conn() {
        return w.connections[id];
    }

    private IOResult<String> finish(String outcome) {
        leave();
        phase = Phase.DONE;
        sub.reset();
        return IOResult.done(outcome);
    }

    private IOResult<String> failed(DbError error, String message) {
        sub.reset();
        boolean opening = phase == Phase.OPENING;
        boolean rollbackFailed = phase == Phase.ROLLBACK;
        if (w.quota && phase == Phase.BODY) {
            refused(error);
        }
        label = refusal(error, message);
        if (!w.quota && phase == Phase.BODY) {
            refused(error);
        }
        if (opening) {
            opener.abandon();
            opener = null;
            label = "open-" + label;
            phase = Phase.ENSURE_OPEN;
        }
        if (isFinal() && finalAttempts < MAX_FINAL_ATTEMPTS) {
            finalAttempts++;
            boolean inTxn = !opening && phase != Phase.ENSURE_OPEN && conn() != null && conn().inTransaction();
            retryFinal = inTxn;
            phase = inTxn ? Phase.ROLLBACK : Phase.ENSURE_OPEN;
            if (!inTxn) {
                leave();
            }
            return IOResult.io(Completion.yielded());
        }
        if (isFinal()) {
            w.finalGaveUp = true;
        }
        if (opening || rollbackFailed || phase == Phase.DONE || phase == Phase.ENSURE_OPEN || phase == Phase.CONNECT
            || (phase == Phase.BODY && !rollsBackOnError())) {
            return finish(label);
        }
        phase = Phase.ROLLBACK;
        return IOResult.io(Completion.yielded());
    }

    private String refusal(DbError error, String message) {
        switch (error) {
            case BUSY, BUSY_SNAPSHOT -> {
                w.busy++;
                return "busy";
            }
            case IO_ERROR -> {
                w.ioErrors++;
                return "io-error";
            }
            case READONLY_AFTER_SYNC_FAILURE -> {
                w.readOnly++;
                return "readonly";
            }
            case CORRUPT -> {
                w.corruptionSeen("fiber " + id + " (" + kind + "): " + message);
                w.corrupt++;
                return "corrupt";
            }
            default -> throw new DbException(error, message);
        }
    }
}
