package dev.whopper.workloads.counter;

import dev.whopper.core.db.CheckpointMode;
import dev.whopper.core.db.TxMode;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.RandomSource;
import dev.whopper.core.sm.Transition;
import dev.whopper.core.storage.btree.Entry;
import dev.whopper.workloads.dbclient.EngineOp;
import dev.whopper.workloads.spi.FiberContext;
import java.util.List;

/**
 * A read of every counter in one snapshot (each within its bounds), or a checkpoint; the final read pass is one
 * followed by the integrity check, run once by the last fiber when every fiber finished.
 */
final class ReadCounters extends EngineOp<CounterWorld> {
    private static final CheckpointMode[] MODES = CheckpointMode.values();

    /** What the operation is. */
    enum Kind { READ, CHECKPOINT, FINAL }

    private enum State { BEGIN, SCAN, END, INTEGRITY }

    private final Kind what;
    private State state;
    private long[] lowerAtSnapshot;
    private CheckpointMode mode;

    ReadCounters(CounterWorld world, FiberContext ctx, Kind what) {
        super(world, ctx, what == Kind.READ ? "read" : what == Kind.CHECKPOINT ? "checkpoint" : "final");
        this.what = what;
    }

    @Override
    protected void start(RandomSource random) {
        state = State.BEGIN;
        lowerAtSnapshot = null;
        if (what == Kind.CHECKPOINT) {
            mode = MODES[random.nextInt(MODES.length)];
        }
    }

    @Override
    protected boolean isFinal() {
        return what == Kind.FINAL;
    }

    @Override
    protected boolean rollsBackOnError() {
        return what != Kind.CHECKPOINT && state != State.INTEGRITY;
    }

    @Override
    protected Transition<String> body() {
        if (what == Kind.CHECKPOINT) {
            IOResult<?> r = run(() -> conn().checkpoint(mode));
            return r.isIo() ? Transition.io(r.completion()) : Transition.done("checkpoint");
        }
        CounterModel m = w.model;
        switch (state) {
            case BEGIN -> {
                IOResult<Void> r = run(() -> conn().begin(TxMode.DEFERRED));
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                state = State.SCAN;
            }
            case SCAN -> {
                if (lowerAtSnapshot == null) {
                    lowerAtSnapshot = m.acked.clone(); // this first step of the first read takes the snapshot
                }
                IOResult<List<Entry>> r = run(() -> conn().scan(m.key(0), CounterModel.end(), m.counters + 1));
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                String who = what == Kind.FINAL ? "the final read pass" : "fiber " + id + " (read)";
                long[] values = w.values(r.value(), who);
                for (int k = 0; k < m.counters; k++) {
                    w.properties.check(m, k, values[k], lowerAtSnapshot[k], m.upper(k), who);
                }
                state = State.END;
            }
            case END -> {
                IOResult<Void> r = run(() -> conn().commit());
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                w.reads++;
                if (what == Kind.READ) {
                    return Transition.done("read");
                }
                state = State.INTEGRITY;
            }
            case INTEGRITY -> {
                IOResult<List<String>> r = run(() -> w.db().integrityCheck());
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                w.checks.integrity.check(r.value(), "at the end of the run");
                w.finalVerified();
                return Transition.done("final");
            }
            default -> throw new AssertionError(state);
        }
        return Transition.proceed();
    }
}
