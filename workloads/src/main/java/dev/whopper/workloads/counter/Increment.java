package dev.whopper.workloads.counter;

import dev.whopper.core.db.DbError;
import dev.whopper.core.db.TxMode;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.RandomSource;
import dev.whopper.core.sm.Transition;
import dev.whopper.workloads.dbclient.EngineOp;
import dev.whopper.workloads.spi.FiberContext;

/**
 * An increment: begin (DEFERRED or IMMEDIATE), read the counter (checked against its bounds), write it + 1,
 * commit. From the commit's first step until it returns, the increment's outcome may be unknown.
 */
final class Increment extends EngineOp<CounterWorld> {
    private enum State { BEGIN, GET, PUT, COMMIT }

    private State state;
    private int counter;
    private TxMode mode;
    private long lowerAtSnapshot = -1;
    private long value;
    /** This increment in the properties' log (for blame). */
    private IncrementLog.Entry logged;

    Increment(CounterWorld world, FiberContext ctx) {
        super(world, ctx, "increment");
    }

    @Override
    protected void start(RandomSource random) {
        counter = random.nextInt(w.model.counters);
        mode = random.nextInt(2) == 0 ? TxMode.DEFERRED : TxMode.IMMEDIATE;
        lowerAtSnapshot = -1;
        state = State.BEGIN;
        logged = w.properties.increments.begin(counter, id, ctx.opIndex(), ctx.clock().nowNanos());
    }

    @Override
    protected Transition<String> body() {
        CounterModel m = w.model;
        switch (state) {
            case BEGIN -> {
                IOResult<Void> r = run(() -> conn().begin(mode));
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                if (mode == TxMode.IMMEDIATE) {
                    lowerAtSnapshot = m.lower(counter); // the snapshot is taken when IMMEDIATE's begin returns
                }
                state = State.GET;
            }
            case GET -> {
                if (lowerAtSnapshot < 0 && firstStepNext()) {
                    lowerAtSnapshot = m.lower(counter); // DEFERRED: the first read's first step takes the snapshot
                }
                IOResult<byte[]> r = run(() -> conn().get(m.key(counter)));
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                value = CounterModel.decode(r.value());
                w.properties.check(m, counter, value, lowerAtSnapshot, m.upper(counter), "fiber " + id + " (increment)");
                state = State.PUT;
            }
            case PUT -> {
                IOResult<Void> r = run(() -> conn().put(m.key(counter), CounterModel.encode(value + 1)));
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                state = State.COMMIT;
            }
            case COMMIT -> {
                if (firstStepNext()) {
                    m.commitStarted(id, counter);
                }
                IOResult<Void> r = run(() -> conn().commit());
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                m.acknowledged(id, w.db().walEndOfLastCommit(conn().id()));
                IncrementLog.acknowledged(logged, ctx.clock().nowNanos(), value + 1);
                w.committed();
                w.increments++;
                return Transition.done("increment");
            }
            default -> throw new AssertionError(state);
        }
        return Transition.proceed();
    }

    @Override
    protected void refused(DbError error) {
        if (state == State.COMMIT && w.model.pending[id] >= 0) {
            // The commit failed: it may still have happened (its frames may be durable, a reopen may read them).
            w.model.outcomeUnknown(id);
        }
    }
}
