package dev.whopper.workloads.churn;

import dev.whopper.core.db.CheckpointMode;
import dev.whopper.core.db.CheckpointResult;
import dev.whopper.core.db.DbError;
import dev.whopper.core.db.IntegrityReport;
import dev.whopper.core.db.TxMode;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.RandomSource;
import dev.whopper.core.sm.Transition;
import dev.whopper.core.storage.btree.Entry;
import dev.whopper.workloads.dbclient.EngineOp;
import dev.whopper.workloads.spi.FiberContext;
import java.util.List;

/**
 * The operations that look after the tree rather than change it: a checkpoint of a drawn mode, the integrity check
 * as an operation, and the final verification (a whole-tree scan against the model, then the integrity check; it
 * retries transient faults).
 */
final class Maintenance extends EngineOp<ChurnWorld> {
    private static final CheckpointMode[] MODES = CheckpointMode.values();

    /** Which maintenance. */
    enum Kind { CHECKPOINT, INTEGRITY, FINAL }

    private enum State { CHECKPOINT, INTEGRITY, BEGIN, SCAN, END }

    private final Kind job;
    private State state;
    private CheckpointMode mode;
    private java.util.TreeMap<String, String> expected;

    Maintenance(ChurnWorld world, FiberContext ctx, Kind job) {
        super(world, ctx, switch (job) {
            case CHECKPOINT -> "checkpoint";
            case INTEGRITY -> "integrity";
            case FINAL -> "final";
        });
        this.job = job;
    }

    @Override
    protected void start(RandomSource random) {
        mode = MODES[random.nextInt(MODES.length)];
        expected = null;
        state = switch (job) {
            case CHECKPOINT -> State.CHECKPOINT;
            case INTEGRITY -> State.INTEGRITY;
            case FINAL -> State.BEGIN;
        };
    }

    @Override
    protected boolean isFinal() {
        return job == Kind.FINAL;
    }

    @Override
    protected boolean rollsBackOnError() {
        return state == State.SCAN || state == State.END;
    }

    @Override
    protected void refused(DbError error) {
        if (job == Kind.CHECKPOINT) {
            w.checkpointsRefused[mode.ordinal()]++;
        }
    }

    @Override
    protected Transition<String> body() {
        switch (state) {
            case CHECKPOINT -> {
                IOResult<CheckpointResult> r = run(() -> conn().checkpoint(mode));
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                w.checkpointsOk[mode.ordinal()]++;
                return Transition.done("checkpoint");
            }
            case BEGIN -> {
                IOResult<Void> r = run(() -> conn().begin(TxMode.DEFERRED));
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                state = State.SCAN;
            }
            case SCAN -> {
                if (expected == null) {
                    expected = w.model.ackedRange("k/", "k0"); // the snapshot is taken in this step
                }
                IOResult<List<Entry>> r = run(() -> conn().scan(null, null, w.model.keys + 1));
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                if (w.judging()) {
                    w.properties.model.check(expected, ChurnWorld.contents(r.value()), "final scan by fiber " + id);
                }
                state = State.END;
            }
            case END -> {
                IOResult<Void> r = run(() -> conn().rollback());
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                state = State.INTEGRITY;
            }
            case INTEGRITY -> {
                IOResult<IntegrityReport> r = run(() -> w.db().integrityReport());
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                w.judge(r.value(), job == Kind.FINAL ? "at the end of the run" : "integrity check by fiber " + id);
                if (job == Kind.FINAL) {
                    w.finalVerified();
                }
                return Transition.done(job == Kind.FINAL ? "final" : "integrity");
            }
            default -> throw new AssertionError(state);
        }
        return Transition.proceed();
    }
}
