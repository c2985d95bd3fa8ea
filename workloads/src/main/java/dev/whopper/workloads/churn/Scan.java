package dev.whopper.workloads.churn;

import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.RandomSource;
import dev.whopper.core.sm.Transition;
import dev.whopper.core.storage.btree.Entry;
import dev.whopper.workloads.dbclient.EngineOp;
import dev.whopper.workloads.spi.FiberContext;
import java.util.List;
import java.util.TreeMap;

/**
 * An autocommit scan of a band of keys (a quarter of the time the whole key space), compared with the model's
 * acknowledged contents of that range at the scan's snapshot (taken in the scan's first step, where the expected
 * contents are copied).
 */
final class Scan extends EngineOp<ChurnWorld> {
    private String from;
    private String to;
    private TreeMap<String, String> expected;

    Scan(ChurnWorld world, FiberContext ctx) {
        super(world, ctx, "scan");
    }

    @Override
    protected void start(RandomSource random) {
        int keys = w.model.keys;
        boolean whole = random.nextInt(4) == 0;
        int len = whole ? keys : 8 + random.nextInt(120);
        int first = whole ? 0 : random.nextInt(keys - len + 1);
        from = w.model.key(first);
        to = first + len >= keys ? "k0" : w.model.key(first + len); // "k0" sorts after every "k/..." key
        expected = null;
    }

    @Override
    protected Transition<String> body() {
        if (expected == null) {
            expected = w.model.ackedRange(from, to); // the snapshot is taken in this step
        }
        IOResult<List<Entry>> r = run(() -> conn().scan(ChurnModel.bytes(from), ChurnModel.bytes(to), w.model.keys + 1));
        if (r.isIo()) {
            return Transition.io(r.completion());
        }
        if (w.judging()) {
            w.properties.model.check(expected, ChurnWorld.contents(r.value()), "scan [" + from + ", " + to + ") by fiber " + id);
        }
        w.scans++;
        return Transition.done("scan");
    }
}
