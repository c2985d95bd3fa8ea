package dev.whopper.workloads.checkpoint;

import dev.whopper.core.db.DbError;
import dev.whopper.core.db.TxMode;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.RandomSource;
import dev.whopper.core.sm.Transition;
import dev.whopper.workloads.dbclient.EngineOp;
import dev.whopper.workloads.spi.FiberContext;

/** A write: BEGIN IMMEDIATE, the transaction's id to 1..3 distinct keys, commit (which may auto-checkpoint). */
final class StormWrite extends EngineOp<StormWorld> {
    private enum State { BEGIN, PUT, COMMIT }

    private State state;
    private int[] keys;
    private int next;
    private long txn;

    StormWrite(StormWorld world, FiberContext ctx) {
        super(world, ctx, "write");
    }

    @Override
    protected void start(RandomSource random) {
        int n = 1 + random.nextInt(3);
        keys = new int[n];
        for (int i = 0; i < n; i++) {
            int k;
            boolean dup;
            do {
                k = random.nextInt(w.model.keys);
                dup = false;
                for (int j = 0; j < i; j++) {
                    dup |= keys[j] == k;
                }
            } while (dup);
            keys[i] = k;
        }
        next = 0;
        state = State.BEGIN;
    }

    @Override
    protected void refused(DbError error) {
        w.properties.progress.writeEnded(w.faults.faultsStopped(), false, error == DbError.BUSY, error + " in " + state);
    }

    @Override
    protected Transition<String> body() {
        switch (state) {
            case BEGIN -> {
                IOResult<Void> r = run(() -> conn().begin(TxMode.IMMEDIATE));
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                txn = w.model.nextTxn(); // WRITER is held: ids grow in commit order
                state = State.PUT;
            }
            case PUT -> {
                IOResult<Void> r = run(() -> conn().put(w.model.key(keys[next]), StormModel.value(txn)));
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                if (++next == keys.length) {
                    w.model.attempted(txn, keys); // from here the outcome may be unknown
                    state = State.COMMIT;
                }
            }
            case COMMIT -> {
                IOResult<Void> r = run(() -> conn().commit());
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                w.model.acknowledged(txn, w.db().walEndOfLastCommit(conn().id()));
                w.commits++;
                w.properties.progress.writeEnded(w.faults.faultsStopped(), true, false, "");
                return Transition.done("write");
            }
            default -> throw new AssertionError(state);
        }
        return Transition.proceed();
    }
}
