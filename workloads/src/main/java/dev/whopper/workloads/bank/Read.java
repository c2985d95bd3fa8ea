package dev.whopper.workloads.bank;

import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.RandomSource;
import dev.whopper.core.sm.Transition;
import dev.whopper.workloads.spi.FiberContext;

/** A single autocommit read of one account's balance. */
final class Read extends BankOp {
    private int account;

    Read(BankWorld world, FiberContext ctx) {
        super(world, ctx, "read");
    }

    @Override
    void start(RandomSource random) {
        account = random.nextInt(w.model.accounts);
    }

    @Override
    Transition<String> body() {
        IOResult<byte[]> r = run(() -> conn().get(w.model.accountKey(account)));
        return r.isIo() ? Transition.io(r.completion()) : Transition.done("read");
    }
}
