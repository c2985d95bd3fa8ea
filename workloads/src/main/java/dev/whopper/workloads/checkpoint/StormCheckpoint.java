package dev.whopper.workloads.checkpoint;

import dev.whopper.core.db.CheckpointMode;
import dev.whopper.core.db.CheckpointResult;
import dev.whopper.core.db.DbError;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.RandomSource;
import dev.whopper.core.sm.Transition;
import dev.whopper.workloads.dbclient.EngineOp;
import dev.whopper.workloads.spi.FiberContext;

/**
 * A checkpoint of a mode drawn from every {@link CheckpointMode}, its outcome counted per mode: ok (everything in
 * the WAL copied), partial (readers' snapshots kept some frames from being copied), busy, failed (an I/O error or a
 * database refusing writes); and told to the progress property.
 */
final class StormCheckpoint extends EngineOp<StormWorld> {
    private static final CheckpointMode[] MODES = CheckpointMode.values();

    private CheckpointMode mode;

    StormCheckpoint(StormWorld world, FiberContext ctx) {
        super(world, ctx, "checkpoint");
    }

    @Override
    protected void start(RandomSource random) {
        mode = MODES[random.nextInt(MODES.length)];
    }

    @Override
    protected boolean rollsBackOnError() {
        return false;
    }

    @Override
    protected void refused(DbError error) {
        boolean busy = error == DbError.BUSY;
        w.checkpointOutcomes[mode.ordinal()][busy ? 1 : 3]++;
        w.properties.progress.checkpointEnded(w.faults.faultsStopped(), ctx.clock().nowNanos(), mode, false, busy, error.name());
    }

    @Override
    protected Transition<String> body() {
        IOResult<CheckpointResult> r = run(() -> conn().checkpoint(mode));
        if (r.isIo()) {
            return Transition.io(r.completion());
        }
        CheckpointResult c = r.value();
        boolean partial = c.backfilledFrames() < c.walFrames();
        w.checkpointOutcomes[mode.ordinal()][partial ? 2 : 0]++;
        w.checkpointsRun++;
        w.properties.progress.checkpointEnded(w.faults.faultsStopped(), ctx.clock().nowNanos(), mode, true, false, "");
        return Transition.done(partial ? "checkpoint-partial" : "checkpoint");
    }
}
