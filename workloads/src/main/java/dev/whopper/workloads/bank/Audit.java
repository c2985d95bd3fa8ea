package dev.whopper.workloads.bank;

import dev.whopper.core.db.IntegrityReport;
import dev.whopper.core.db.TxMode;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.RandomSource;
import dev.whopper.core.sm.Transition;
import dev.whopper.core.storage.btree.Entry;
import dev.whopper.workloads.spi.FiberContext;
import java.util.List;

/**
 * An audit: a snapshot scan of every account in a read transaction, whose sum must be the bank's total
 * (conservation). The final verification is an audit followed by the integrity check, run once by the
 * last fiber when every fiber finished; it retries transient faults.
 */
final class Audit extends BankOp {
    private enum State { BEGIN, SCAN, END, INTEGRITY }

    private final boolean last;
    private State state;
    private long startNanos;

    /**
     * @param last true for the final verification
     */
    Audit(BankWorld world, FiberContext ctx, boolean last) {
        super(world, ctx, last ? "final" : "audit");
        this.last = last;
    }

    @Override
    void start(RandomSource random) {
        state = State.BEGIN;
        startNanos = ctx.clock().nowNanos();
    }

    @Override
    boolean isFinal() {
        return last;
    }

    @Override
    boolean rollsBackOnError() {
        return state != State.INTEGRITY; // the read transaction was committed before the integrity check
    }

    @Override
    Transition<String> body() {
        switch (state) {
            case BEGIN -> {
                IOResult<Void> r = run(() -> conn().begin(TxMode.DEFERRED));
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                state = State.SCAN;
            }
            case SCAN -> {
                IOResult<List<Entry>> r = run(() -> conn().scan(BankModel.bytes("acct/"), BankModel.bytes("acct0"),
                    w.model.accounts + 1));
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                long now = ctx.clock().nowNanos();
                w.properties.conservation.check(w.model, r.value(), "audit by fiber " + id,
                    () -> w.transfers.culprits(id, startNanos, now, w.model));
                state = State.END;
            }
            case END -> {
                IOResult<Void> r = run(() -> conn().commit());
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                w.audits++;
                if (!last) {
                    return Transition.done("audit");
                }
                state = State.INTEGRITY;
            }
            case INTEGRITY -> {
                IOResult<IntegrityReport> r = run(() -> w.db.integrityReport());
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                w.properties.integrity.check(r.value(), w.faults(), "at the end of the run");
                w.finalVerified = true;
                return Transition.done("final");
            }
            default -> throw new AssertionError(state);
        }
        return Transition.proceed();
    }
}
