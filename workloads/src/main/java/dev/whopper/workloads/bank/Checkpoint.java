package dev.whopper.workloads.bank;

import dev.whopper.core.db.CheckpointMode;
import dev.whopper.core.db.CheckpointResult;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.RandomSource;
import dev.whopper.core.sm.Transition;
import dev.whopper.workloads.spi.FiberContext;

/** A checkpoint of a mode drawn from every {@link CheckpointMode}. */
final class Checkpoint extends BankOp {
    private static final CheckpointMode[] MODES = CheckpointMode.values();

    private CheckpointMode mode;

    Checkpoint(BankWorld world, FiberContext ctx) {
        super(world, ctx, "checkpoint");
    }

    @Override
    void start(RandomSource random) {
        mode = MODES[random.nextInt(1 << 16) % MODES.length];
    }

    @Override
    Transition<String> body() {
        IOResult<CheckpointResult> r = run(() -> conn().checkpoint(mode));
        if (r.isIo()) {
            return Transition.io(r.completion());
        }
        CheckpointResult c = r.value();
        w.reached("checkpoint " + mode + ": " + (c.walReset() ? "WAL reset"
            : c.backfilledFrames() >= c.walFrames() ? "complete" : "partial"));
        return Transition.done("checkpoint");
    }
}
