package dev.whopper.workloads.bank;

import dev.whopper.core.db.CheckpointMode;
import dev.whopper.core.db.Connection;
import dev.whopper.core.db.Database;
import dev.whopper.core.db.DbError;
import dev.whopper.core.db.DbException;
import dev.whopper.core.db.TxMode;
import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IOFailureException;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.RandomSource;
import dev.whopper.core.io.YieldInjector;
import dev.whopper.core.sm.StateMachine;
import dev.whopper.core.storage.btree.Entry;
import dev.whopper.workloads.spi.FiberContext;
import dev.whopper.workloads.spi.Operation;
import dev.whopper.workloads.property.PropertyViolation;
import java.util.List;

/**
 * One operation of one bank fiber, as an explicit state machine over the engine's state machines:
 * make sure the database is open (opening and verifying recovery when this fiber is the opener), then
 * one of: a transfer between two accounts (plus this fiber's commit sequence number, in the same
 * transaction), an audit (a snapshot scan of every account whose sum must be the bank's total), a read,
 * or a checkpoint; or, for the last operation of the run, the final verification.
 *
 * <p>Expected engine errors (BUSY, BUSY_SNAPSHOT, I/O errors under faults, READONLY_AFTER_SYNC_FAILURE,
 * CORRUPT when bit flips are on) roll the transaction back and end the operation with a label; anything
 * else propagates and fails the run.
 */
final class BankOp implements Operation<String> {
    /** Property: every committed state holds the bank's total. */
    static final String CONSERVATION = "bank-conservation";
    /** Property: acknowledged commits survive a crash; unacknowledged ones are all-or-nothing. */
    static final String DURABILITY = "bank-durability";
    /** Property: the integrity check is clean after recovery and at the end. */
    static final String INTEGRITY = "integrity";
    /** Property: no corruption is reported when no fault can corrupt data. */
    static final String NO_CORRUPTION = "no-corruption";

    enum Kind { TRANSFER, AUDIT, READ, CHECKPOINT, FINAL }

    private enum State {
        ENSURE_OPEN, OPENING, VERIFY_BEGIN, VERIFY_SEQ, VERIFY_ACCOUNTS, VERIFY_END, VERIFY_INTEGRITY,
        CONNECT, CLEANUP,
        T_BEGIN, T_GET_A, T_GET_B, T_PUT_A, T_PUT_B, T_PUT_SEQ, T_COMMIT,
        A_BEGIN, A_SCAN, A_END,
        R_GET, C_RUN, F_INTEGRITY,
        ROLLBACK, DONE
    }

    /** The states in which this operation is the opener (opening the database or verifying recovery). */
    private static final java.util.Set<State> OPENER_STATES = java.util.EnumSet.range(State.OPENING, State.VERIFY_INTEGRITY);

    private final BankWorld w;
    private final FiberContext ctx;
    private final int id;
    private final Kind kind;
    private State state = State.ENSURE_OPEN;
    private StateMachine<?> sub;
    private String label;
    /** Bound on retries of the final verification when faults make it fail. */
    private static final int MAX_FINAL_ATTEMPTS = 100;
    private int finalAttempts;
    private boolean retryFinal;

    // opener's state
    private StateMachine<Database> openMachine;
    private Database opened;
    private Connection verifier;
    private long[] recoveredSeq;

    // transfer's state
    private int from;
    private int to;
    private long amount;
    private long balanceFrom;
    private long balanceTo;
    private long seq;
    private TxMode mode;

    BankOp(BankWorld world, FiberContext ctx, Kind kind) {
        this.w = world;
        this.ctx = ctx;
        this.id = ctx.id();
        this.kind = kind;
    }

    @Override
    public String kind() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public IOResult<String> step() {
        try {
            return advance();
        } catch (DbException e) {
            return failed(e.error(), e.getMessage());
        } catch (IOFailureException e) {
            return failed(DbError.IO_ERROR, e.getMessage());
        }
    }

    /** Runs the current sub-machine; null result means "propagate IO". */
    @SuppressWarnings("unchecked")
    private <T> IOResult<T> runSub(java.util.function.Supplier<StateMachine<T>> machine) {
        if (sub == null) {
            sub = machine.get();
        }
        IOResult<T> r = ((StateMachine<T>) sub).step();
        if (r.isDone()) {
            sub = null;
        }
        return r;
    }

    private IOResult<String> advance() {
        for (int guard = 0; guard < 64; guard++) {
            switch (state) {
                case ENSURE_OPEN -> {
                    if (w.db != null) {
                        state = State.CONNECT;
                    } else if (w.opening) {
                        return IOResult.io(w.opened.await());
                    } else {
                        w.opening = true;
                        openMachine = Database.open(w.io, BankWorld.PATH, w.options);
                        state = State.OPENING;
                    }
                }
                case OPENING -> {
                    IOResult<Database> r = openMachine.step();
                    if (r.isIo()) {
                        return r.cast();
                    }
                    opened = r.value();
                    verifier = opened.connect(YieldInjector.NONE);
                    state = State.VERIFY_BEGIN;
                }
                case VERIFY_BEGIN -> {
                    IOResult<Void> r = runSub(() -> verifier.begin(TxMode.DEFERRED));
                    if (r.isIo()) {
                        return r.cast();
                    }
                    state = State.VERIFY_SEQ;
                }
                case VERIFY_SEQ -> {
                    IOResult<List<Entry>> r = runSub(() -> verifier.scan(bytes("seq/"), bytes("seq0"), w.fibers + 1));
                    if (r.isIo()) {
                        return r.cast();
                    }
                    recoveredSeq = new long[w.fibers];
                    for (Entry e : r.value()) {
                        int fiber = Integer.parseInt(new String(e.key(), java.nio.charset.StandardCharsets.US_ASCII).substring(4));
                        recoveredSeq[fiber] = BankWorld.decode(e.value(), 0);
                    }
                    for (int f = 0; f < w.fibers; f++) {
                        if (recoveredSeq[f] < w.ackedSeq[f] && w.bitFlipsInjected()) {
                            // A flipped bit in the WAL ends the valid log early: acknowledged commits after it
                            // are lost, as on a real disk with bit rot. Counted, not a violation.
                            w.commitsLostToBitRot += w.ackedSeq[f] - recoveredSeq[f];
                            w.ackedSeq[f] = recoveredSeq[f];
                        }
                        if (recoveredSeq[f] < w.ackedSeq[f] || recoveredSeq[f] > w.attemptedSeq[f]) {
                            throw new PropertyViolation(DURABILITY, "after recovery #" + (w.recoveries + 1)
                                + " fiber " + f + " shows commit #" + recoveredSeq[f] + ", but #" + w.ackedSeq[f]
                                + " was acknowledged and #" + w.attemptedSeq[f] + " was the last attempted");
                        }
                    }
                    state = State.VERIFY_ACCOUNTS;
                }
                case VERIFY_ACCOUNTS -> {
                    IOResult<List<Entry>> r = runSub(() -> verifier.scan(bytes("acct/"), bytes("acct0"), w.accounts + 1));
                    if (r.isIo()) {
                        return r.cast();
                    }
                    checkTotal(r.value(), "after recovery #" + (w.recoveries + 1));
                    state = State.VERIFY_END;
                }
                case VERIFY_END -> {
                    IOResult<Void> r = runSub(() -> verifier.rollback());
                    if (r.isIo()) {
                        return r.cast();
                    }
                    state = State.VERIFY_INTEGRITY;
                }
                case VERIFY_INTEGRITY -> {
                    IOResult<List<String>> r = runSub(() -> opened.integrityCheck());
                    if (r.isIo()) {
                        return r.cast();
                    }
                    requireClean(r.value(), "after recovery #" + (w.recoveries + 1));
                    // Commits whose outcome was unknown and that turned out durable are acknowledged now.
                    for (int f = 0; f < w.fibers; f++) {
                        w.ackedSeq[f] = Math.max(w.ackedSeq[f], recoveredSeq[f]);
                        w.attemptedSeq[f] = Math.max(w.attemptedSeq[f], w.ackedSeq[f]);
                    }
                    verifier.close();
                    w.db = opened;
                    w.opening = false;
                    w.recoveries++;
                    w.opened.signalAll();
                    state = State.CONNECT;
                }
                case CONNECT -> {
                    if (w.connections[id] == null || w.connectionEpoch[id] != w.epoch) {
                        w.connections[id] = w.db.connect(ctx.yields());
                        w.connectionEpoch[id] = w.epoch;
                    }
                    state = conn().inTransaction() ? State.CLEANUP : first(kind);
                }
                case CLEANUP -> {
                    IOResult<Void> r = runSub(() -> conn().rollback());
                    if (r.isIo()) {
                        return r.cast();
                    }
                    state = first(kind);
                }
                case T_BEGIN -> {
                    if (w.variant == BankWorkload.Variant.NON_ATOMIC_TRANSFER) {
                        // The bug: no transaction, so each write below commits on its own.
                        state = State.T_GET_A;
                        continue;
                    }
                    IOResult<Void> r = runSub(() -> conn().begin(mode));
                    if (r.isIo()) {
                        return r.cast();
                    }
                    state = State.T_GET_A;
                }
                case T_GET_A -> {
                    IOResult<byte[]> r = runSub(() -> conn().get(w.accountKey(from)));
                    if (r.isIo()) {
                        return r.cast();
                    }
                    balanceFrom = BankWorld.decode(r.value(), w.initialBalance);
                    state = State.T_GET_B;
                }
                case T_GET_B -> {
                    IOResult<byte[]> r = runSub(() -> conn().get(w.accountKey(to)));
                    if (r.isIo()) {
                        return r.cast();
                    }
                    balanceTo = BankWorld.decode(r.value(), w.initialBalance);
                    if (balanceFrom < amount) {
                        label = "insufficient";
                        state = State.ROLLBACK;
                    } else {
                        state = State.T_PUT_A;
                    }
                }
                case T_PUT_A -> {
                    IOResult<Void> r = runSub(() -> conn().put(w.accountKey(from), BankWorld.encode(balanceFrom - amount)));
                    if (r.isIo()) {
                        return r.cast();
                    }
                    state = State.T_PUT_B;
                }
                case T_PUT_B -> {
                    IOResult<Void> r = runSub(() -> conn().put(w.accountKey(to), BankWorld.encode(balanceTo + amount)));
                    if (r.isIo()) {
                        return r.cast();
                    }
                    state = State.T_PUT_SEQ;
                }
                case T_PUT_SEQ -> {
                    IOResult<Void> r = runSub(() -> conn().put(w.seqKey(id), BankWorld.encode(seq)));
                    if (r.isIo()) {
                        return r.cast();
                    }
                    // From here the commit's outcome may be unknown (a crash, a failed sync).
                    w.attemptedSeq[id] = Math.max(w.attemptedSeq[id], seq);
                    if (w.variant == BankWorkload.Variant.ACK_BEFORE_COMMIT) {
                        // The bug: the commit is reported to the client before it is durable.
                        w.ackedSeq[id] = Math.max(w.ackedSeq[id], seq);
                    }
                    if (w.variant == BankWorkload.Variant.NON_ATOMIC_TRANSFER) {
                        w.commits++;
                        w.ackedSeq[id] = Math.max(w.ackedSeq[id], seq);
                        return finish("transfer");
                    }
                    state = State.T_COMMIT;
                }
                case T_COMMIT -> {
                    IOResult<Void> r = runSub(() -> conn().commit());
                    if (r.isIo()) {
                        return r.cast();
                    }
                    w.ackedSeq[id] = Math.max(w.ackedSeq[id], seq);
                    w.commits++;
                    return finish("transfer");
                }
                case A_BEGIN -> {
                    IOResult<Void> r = runSub(() -> conn().begin(TxMode.DEFERRED));
                    if (r.isIo()) {
                        return r.cast();
                    }
                    state = State.A_SCAN;
                }
                case A_SCAN -> {
                    IOResult<List<Entry>> r = runSub(() -> conn().scan(bytes("acct/"), bytes("acct0"), w.accounts + 1));
                    if (r.isIo()) {
                        return r.cast();
                    }
                    checkTotal(r.value(), "audit by fiber " + id);
                    state = State.A_END;
                }
                case A_END -> {
                    IOResult<Void> r = runSub(() -> conn().commit());
                    if (r.isIo()) {
                        return r.cast();
                    }
                    w.audits++;
                    if (kind == Kind.FINAL) {
                        state = State.F_INTEGRITY;
                    } else {
                        return finish("audit");
                    }
                }
                case F_INTEGRITY -> {
                    IOResult<List<String>> r = runSub(() -> w.db.integrityCheck());
                    if (r.isIo()) {
                        return r.cast();
                    }
                    requireClean(r.value(), "at the end of the run");
                    w.finalVerified = true;
                    return finish("final");
                }
                case R_GET -> {
                    IOResult<byte[]> r = runSub(() -> conn().get(w.accountKey(from)));
                    if (r.isIo()) {
                        return r.cast();
                    }
                    return finish("read");
                }
                case C_RUN -> {
                    CheckpointMode[] modes = CheckpointMode.values();
                    IOResult<?> r = runSub(() -> conn().checkpoint(modes[(int) (seq % modes.length)]));
                    if (r.isIo()) {
                        return r.cast();
                    }
                    return finish("checkpoint");
                }
                case ROLLBACK -> {
                    if (conn().inTransaction()) {
                        IOResult<Void> r = runSub(() -> conn().rollback());
                        if (r.isIo()) {
                            return r.cast();
                        }
                    }
                    if (retryFinal) {
                        retryFinal = false;
                        state = State.ENSURE_OPEN;
                    } else {
                        return finish(label);
                    }
                }
                case DONE -> throw new IllegalStateException("bank operation stepped after it finished");
                default -> throw new AssertionError(state);
            }
        }
        throw new IllegalStateException("bank operation made 64 transitions without yielding, in state " + state);
    }

    private State first(Kind k) {
        RandomSource rnd = ctx.random();
        switch (k) {
            case TRANSFER -> {
                from = rnd.nextInt(w.accounts);
                to = (from + 1 + rnd.nextInt(w.accounts - 1)) % w.accounts;
                amount = 1 + rnd.nextInt(20);
                mode = rnd.nextInt(2) == 0 ? TxMode.DEFERRED : TxMode.IMMEDIATE;
                seq = w.attemptedSeq[id] + 1;
                return State.T_BEGIN;
            }
            case AUDIT, FINAL -> {
                return State.A_BEGIN;
            }
            case READ -> {
                from = rnd.nextInt(w.accounts);
                return State.R_GET;
            }
            case CHECKPOINT -> {
                seq = rnd.nextInt(1 << 16);
                return State.C_RUN;
            }
            default -> throw new AssertionError(k);
        }
    }

    private Connection conn() {
        return w.connections[id];
    }

    private IOResult<String> finish(String outcome) {
        state = State.DONE;
        sub = null;
        return IOResult.done(outcome);
    }

    private IOResult<String> failed(DbError error, String message) {
        sub = null;
        boolean opener = OPENER_STATES.contains(state);
        boolean rollbackFailed = state == State.ROLLBACK;
        switch (error) {
            case BUSY, BUSY_SNAPSHOT -> {
                w.busy++;
                label = "busy";
            }
            case IO_ERROR -> {
                w.ioErrors++;
                label = "io-error";
            }
            case READONLY_AFTER_SYNC_FAILURE -> {
                w.readOnly++;
                label = "readonly";
            }
            case CORRUPT -> {
                if (!w.corruptionExpected()) {
                    throw new PropertyViolation(NO_CORRUPTION, "fiber " + id + " (" + kind() + "): " + message);
                }
                w.corrupt++;
                label = "corrupt";
            }
            default -> throw new DbException(error, message);
        }
        if (opener) {
            // Recovery could not finish under faults: give the database up and let a later operation retry.
            if (opened != null) {
                opened.close();
            }
            opened = null;
            openMachine = null;
            w.opening = false;
            w.opened.signalAll();
            label = "open-" + label;
            state = State.ENSURE_OPEN;
        }
        if (kind == Kind.FINAL && finalAttempts < MAX_FINAL_ATTEMPTS) {
            // The end-of-run check must not be skipped because of a transient fault: roll back, start over.
            finalAttempts++;
            boolean inTxn = !opener && state != State.ENSURE_OPEN && conn() != null && conn().inTransaction();
            retryFinal = inTxn;
            state = inTxn ? State.ROLLBACK : State.ENSURE_OPEN;
            return IOResult.io(Completion.yielded());
        }
        if (kind == Kind.FINAL) {
            w.finalGaveUp = true;
        }
        if (opener) {
            return finish(label);
        }
        if (rollbackFailed || state == State.F_INTEGRITY || state == State.DONE || state == State.ENSURE_OPEN
            || state == State.CONNECT) {
            // Nothing to roll back, or the rollback itself failed: retrying it could loop forever. The next
            // operation's CONNECT sees a connection still in a transaction and cleans up.
            return finish(label);
        }
        state = State.ROLLBACK;
        return IOResult.io(Completion.yielded());
    }

    private void checkTotal(List<Entry> accounts, String when) {
        long sum = 0;
        for (Entry e : accounts) {
            sum += BankWorld.decode(e.value(), 0);
        }
        sum += (w.accounts - accounts.size()) * w.initialBalance;
        if (sum != w.total()) {
            StringBuilder sb = new StringBuilder();
            for (Entry e : accounts) {
                sb.append(' ').append(new String(e.key(), java.nio.charset.StandardCharsets.US_ASCII)).append('=')
                    .append(BankWorld.decode(e.value(), 0));
            }
            throw new PropertyViolation(CONSERVATION, when + ": accounts sum to " + sum + ", expected " + w.total()
                + " (" + accounts.size() + " of " + w.accounts + " accounts stored:" + sb + ")");
        }
    }

    private void requireClean(List<String> problems, String when) {
        if (!problems.isEmpty()) {
            throw new PropertyViolation(INTEGRITY, when + ": " + problems.size() + " problem(s), first: " + problems.get(0));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
