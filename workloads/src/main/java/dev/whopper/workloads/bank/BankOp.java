package dev.whopper.workloads.bank;

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
 * One operation of one bank fiber, as an explicit state machine over the engine's state machines: make sure
 * the database is open (this fiber opening and verifying it when it is the {@link Opener}), connect (rolling
 * back a transaction a crash or an error left open), then the operation's own {@link #body()}: a
 * {@link Transfer}, an {@link Audit}, a {@link Read} or a {@link Checkpoint}.
 *
 * <p>Expected engine errors (BUSY, BUSY_SNAPSHOT, I/O errors under faults, READONLY_AFTER_SYNC_FAILURE,
 * CORRUPT after a bit flip) roll the transaction back and end the operation with a label (its value, e.g.
 * {@code "busy"}); anything else propagates and fails the run. The final verification retries instead of
 * giving up on the first transient fault.
 */
abstract class BankOp implements Operation<String> {
    /** Bound on retries of the final verification when faults make it fail. */
    private static final int MAX_FINAL_ATTEMPTS = 100;
    /** Bound on the transitions of one step that does not yield. */
    private static final int MAX_TRANSITIONS = 64;

    private enum Phase { ENSURE_OPEN, OPENING, CONNECT, CLEANUP, BODY, ROLLBACK, DONE }

    final BankWorld w;
    final FiberContext ctx;
    final int id;
    private final String kind;
    private final SubMachine sub = new SubMachine();
    private Phase phase = Phase.ENSURE_OPEN;
    private Opener opener;
    /** The operation's value once a rollback ends it. */
    private String label;
    private int finalAttempts;
    private boolean retryFinal;
    /** True while this operation counts in {@link BankWorld#inFlight}. */
    private boolean inFlight;
    /** A reopen waits this long between looks for the operations still using the old database. */
    private static final long REOPEN_WAIT_NANOS = 100_000;

    BankOp(BankWorld world, FiberContext ctx, String kind) {
        this.w = world;
        this.ctx = ctx;
        this.id = ctx.id();
        this.kind = kind;
    }

    @Override
    public final String kind() {
        return kind;
    }

    /** Draws what the body needs (accounts, amounts, modes) from the fiber's stream and resets its state. */
    abstract void start(RandomSource random);

    /** @return the body's next transition: IO to wait, continue, or done with the operation's value */
    abstract Transition<String> body();

    /** @return true when an error in the body's current state leaves a transaction to roll back */
    boolean rollsBackOnError() {
        return true;
    }

    /** @return true for the final verification, which retries transient faults */
    boolean isFinal() {
        return false;
    }

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
                    if (w.db != null && w.db.isReadOnlyAfterSyncFailure()) {
                        w.reopenWanted = true;
                    }
                    if (w.reopenWanted && w.db != null) {
                        if (w.inFlight > 0) {
                            return IOResult.io(ctx.sleep(REOPEN_WAIT_NANOS)); // let them finish on the old database
                        }
                        reopen();
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
                }
                case OPENING -> {
                    IOResult<Void> r = opener.step();
                    if (r.isIo()) {
                        return r.cast();
                    }
                    opener = null;
                    enter(); // the opener's own operation uses the database too: a reopen must wait for it
                    phase = Phase.CONNECT;
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
                case DONE -> throw new IllegalStateException("bank operation stepped after it finished");
                default -> throw new AssertionError(phase);
            }
        }
        throw new IllegalStateException("bank operation made " + MAX_TRANSITIONS + " transitions without yielding, in "
            + phase);
    }

    /**
     * The database refused writes after a failed WAL sync (it does until it is reopened) and nobody uses it
     * any more: close it and let the open path reopen it, as an application restarts its handle.
     */
    private void reopen() {
        w.db.close();
        w.db = null;
        w.epoch++; // every connection to the old database is stale
        w.reopenWanted = false;
        w.reopens++;
        w.openReason = "after reopen #" + w.reopens;
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
        }
    }

    private void startBody() {
        start(ctx.random());
        phase = Phase.BODY;
    }

    /** @return IO to wait, the finished operation, or null to go on (the final verification starts over) */
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
     * Runs an engine state machine of the body's current state (see {@link SubMachine}).
     *
     * @param machine creates it on the state's first step
     * @param <T>     its value type
     * @return its result
     */
    final <T> IOResult<T> run(Supplier<StateMachine<T>> machine) {
        return sub.run(machine);
    }

    /** Ends the body by rolling back its transaction; the operation's value is {@code why}. */
    final Transition<String> rollbackAndFinish(String why) {
        label = why;
        phase = Phase.ROLLBACK;
        return Transition.proceed();
    }

    /** @return this fiber's connection */
    final Connection conn() {
        return w.connections[id];
    }

    /**
     * The operation ends with {@code outcome} (its value): a hook for the body's bookkeeping.
     *
     * @param outcome the operation's value
     */
    void ended(String outcome) {
    }

    private IOResult<String> finish(String outcome) {
        ended(outcome);
        leave();
        phase = Phase.DONE;
        sub.reset();
        return IOResult.done(outcome);
    }

    private IOResult<String> failed(DbError error, String message) {
        sub.reset();
        boolean opening = phase == Phase.OPENING;
        boolean rollbackFailed = phase == Phase.ROLLBACK;
        label = refusal(error, message);
        if (opening) {
            // Recovery could not finish under faults: give the database up and let a later operation retry.
            opener.abandon();
            opener = null;
            label = "open-" + label;
            phase = Phase.ENSURE_OPEN;
        }
        if (isFinal() && finalAttempts < MAX_FINAL_ATTEMPTS) {
            // The end-of-run check must not be skipped because of a transient fault: roll back, start over.
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
            // Nothing to roll back, or the rollback itself failed: retrying it could loop forever. The next
            // operation's CONNECT sees a connection still in a transaction and cleans up.
            return finish(label);
        }
        phase = Phase.ROLLBACK;
        return IOResult.io(Completion.yielded());
    }

    /** Counts an expected engine refusal and names it; anything else is rethrown (and fails the run). */
    private String refusal(DbError error, String message) {
        switch (error) {
            case BUSY, BUSY_SNAPSHOT -> {
                w.busy++;
                w.reached(error.name());
                return "busy";
            }
            case IO_ERROR -> {
                w.ioErrors++;
                w.reached("refused: IO_ERROR");
                return "io-error";
            }
            case READONLY_AFTER_SYNC_FAILURE -> {
                w.readOnly++;
                w.reached("refused: READONLY_AFTER_SYNC_FAILURE");
                return "readonly";
            }
            case CORRUPT -> {
                w.properties.noCorruption.check(w.bitFlipsInjected(), "fiber " + id + " (" + kind + "): " + message);
                w.corrupt++;
                w.reached("refused: CORRUPT");
                return "corrupt";
            }
            default -> throw new DbException(error, message);
        }
    }
}
