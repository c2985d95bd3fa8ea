package dev.whopper.workloads.checkpoint;

import dev.whopper.core.db.IntegrityReport;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.RandomSource;
import dev.whopper.core.sm.Transition;
import dev.whopper.workloads.dbclient.EngineOp;
import dev.whopper.workloads.spi.FiberContext;

/** The integrity check as an operation: clean, or damage a detected bit flip explains. */
final class StormIntegrity extends EngineOp<StormWorld> {
    StormIntegrity(StormWorld world, FiberContext ctx) {
        super(world, ctx, "integrity");
    }

    @Override
    protected void start(RandomSource random) {
    }

    @Override
    protected boolean rollsBackOnError() {
        return false;
    }

    @Override
    protected Transition<String> body() {
        IOResult<IntegrityReport> r = run(() -> w.db().integrityReport());
        if (r.isIo()) {
            return Transition.io(r.completion());
        }
        w.judgeIntegrity(r.value(), "integrity check by fiber " + id);
        return Transition.done("integrity");
    }
}
