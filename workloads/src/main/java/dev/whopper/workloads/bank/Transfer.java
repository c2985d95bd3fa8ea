package dev.whopper.workloads.bank;

import dev.whopper.core.db.TxMode;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.RandomSource;
import dev.whopper.core.sm.Transition;
import dev.whopper.workloads.spi.FiberContext;

/**
 * A transfer: read two balances, write both and this fiber's commit sequence number, commit (DEFERRED or
 * IMMEDIATE); how it writes and acknowledges is its {@link TransferFlavour}. A transfer larger than the
 * balance rolls back ("insufficient").
 */
final class Transfer extends BankOp {
    private enum State { BEGIN, GET_FROM, GET_TO, PUT_FROM, PUT_TO, PUT_SEQ, COMMIT }

    private State state;
    private int from;
    private int to;
    private long amount;
    private TxMode mode;
    private long seq;
    private long balanceFrom;
    private long balanceTo;
    /** This transfer in the world's log (for blame), or null before it drew its accounts. */
    private TransferLog.Entry logged;

    Transfer(BankWorld world, FiberContext ctx) {
        super(world, ctx, "transfer");
    }

    @Override
    void start(RandomSource random) {
        int accounts = w.model.accounts;
        from = random.nextInt(accounts);
        to = (from + 1 + random.nextInt(accounts - 1)) % accounts;
        amount = 1 + random.nextInt(20);
        mode = random.nextInt(2) == 0 ? TxMode.DEFERRED : TxMode.IMMEDIATE;
        seq = w.model.nextSeq(id);
        state = State.BEGIN;
        logged = w.transfers.begin(id, ctx.opIndex(), ctx.clock().nowNanos(), from, to, amount, seq);
    }

    @Override
    void ended(String outcome) {
        if (logged != null) {
            w.transfers.end(logged, ctx.clock().nowNanos(), "transfer".equals(outcome), outcome);
        }
    }

    @Override
    Transition<String> body() {
        BankModel m = w.model;
        switch (state) {
            case BEGIN -> {
                if (w.flavour.beginsTransaction()) {
                    IOResult<Void> r = run(() -> conn().begin(mode));
                    if (r.isIo()) {
                        return Transition.io(r.completion());
                    }
                }
                state = State.GET_FROM;
            }
            case GET_FROM -> {
                IOResult<byte[]> r = run(() -> conn().get(m.accountKey(from)));
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                balanceFrom = BankModel.decode(r.value(), m.initialBalance);
                state = State.GET_TO;
            }
            case GET_TO -> {
                IOResult<byte[]> r = run(() -> conn().get(m.accountKey(to)));
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                balanceTo = BankModel.decode(r.value(), m.initialBalance);
                if (balanceFrom < amount) {
                    return rollbackAndFinish("insufficient");
                }
                state = State.PUT_FROM;
            }
            case PUT_FROM -> {
                return put(m.accountKey(from), balanceFrom - amount, State.PUT_TO);
            }
            case PUT_TO -> {
                return put(m.accountKey(to), balanceTo + amount, State.PUT_SEQ);
            }
            case PUT_SEQ -> {
                return putSeq();
            }
            case COMMIT -> {
                IOResult<Void> r = run(() -> conn().commit());
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                m.acknowledged(id, seq);
                TransferLog.acknowledged(logged);
                m.acknowledgedAt(id, seq, w.db.walEndOfLastCommit(conn().id()));
                w.commits++;
                return Transition.done("transfer");
            }
            default -> throw new AssertionError(state);
        }
        return Transition.proceed();
    }

    private Transition<String> put(byte[] key, long value, State next) {
        IOResult<Void> r = run(() -> conn().put(key, BankModel.encode(value)));
        if (r.isIo()) {
            return Transition.io(r.completion());
        }
        TransferLog.wrote(logged, ctx.clock().nowNanos());
        state = next;
        return Transition.proceed();
    }

    private Transition<String> putSeq() {
        IOResult<Void> r = run(() -> conn().put(w.model.seqKey(id), BankModel.encode(seq)));
        if (r.isIo()) {
            return Transition.io(r.completion());
        }
        // From here the commit's outcome may be unknown (a crash, a failed sync).
        w.model.attempted(id, seq);
        if (w.flavour.acknowledgesBeforeCommit()) {
            w.model.acknowledged(id, seq); // the broken twins: the client hears "done" too early
            TransferLog.acknowledged(logged);
            w.model.acknowledgedAt(id, seq, Long.MAX_VALUE); // its frames: not written yet
        }
        if (!w.flavour.commits()) {
            w.commits++;
            return Transition.done("transfer");
        }
        state = State.COMMIT;
        return Transition.proceed();
    }
}
