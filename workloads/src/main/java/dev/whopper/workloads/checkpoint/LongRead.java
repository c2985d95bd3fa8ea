package dev.whopper.workloads.checkpoint;

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
 * A long reader: a DEFERRED read transaction whose first scan of every key must be a consistent state no older than
 * what was acknowledged when it was taken ({@link StormModel#check}); then 2..6 rounds of sleeping 100..400 us
 * (while writers commit and checkpoints run) and re-reading (a whole scan, or one key), each of which must give
 * exactly the first scan's values. The final verification is the first scan and the integrity check, retried
 * under faults.
 */
final class LongRead extends EngineOp<StormWorld> {
    private enum State { BEGIN, FIRST_SCAN, SLEEP, REREAD, END, INTEGRITY }

    private final boolean last;
    private State state;
    private int rounds;
    private long[] first;
    private long[] ackedThen;
    private long newestThen;
    private long checkpointMark;
    private int rereadKey;
    private long sleepNanos;

    LongRead(StormWorld world, FiberContext ctx, boolean last) {
        super(world, ctx, last ? "final" : "long-read");
        this.last = last;
    }

    @Override
    protected void start(RandomSource random) {
        rounds = last ? 0 : 2 + random.nextInt(5);
        sleepNanos = 100_000 + random.nextInt(300_001);
        rereadKey = -1;
        first = null;
        ackedThen = null;
        state = State.BEGIN;
    }

    @Override
    protected boolean isFinal() {
        return last;
    }

    @Override
    protected boolean rollsBackOnError() {
        return state != State.INTEGRITY;
    }

    private long checkpointsNow() {
        return w.checkpointsRun + w.db().stats().checkpoints().autoRun();
    }

    @Override
    protected Transition<String> body() {
        switch (state) {
            case BEGIN -> {
                IOResult<Void> r = run(() -> conn().begin(TxMode.DEFERRED));
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                state = State.FIRST_SCAN;
            }
            case FIRST_SCAN -> {
                if (ackedThen == null) {
                    ackedThen = w.model.acked.clone(); // the snapshot is taken in this step
                    newestThen = w.model.lastTxn();
                    checkpointMark = checkpointsNow();
                }
                IOResult<List<Entry>> r = run(() -> conn().scan(null, null, w.model.keys + 8));
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                String[] problem = new String[1];
                first = w.state(r.value(), problem);
                if (w.judging()) {
                    String p = problem[0] != null ? problem[0] : w.model.check(first, ackedThen, newestThen, null);
                    w.properties.snapshot.check(p, (last ? "final scan" : "snapshot") + " of fiber " + id);
                }
                w.snapshotsChecked++;
                state = rounds > 0 ? State.SLEEP : State.END;
            }
            case SLEEP -> {
                rounds--;
                state = State.REREAD;
                return Transition.io(ctx.sleep(sleepNanos));
            }
            case REREAD -> {
                return reread();
            }
            case END -> {
                IOResult<Void> r = run(() -> conn().commit());
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                if (!last) {
                    return Transition.done("long-read");
                }
                state = State.INTEGRITY;
            }
            case INTEGRITY -> {
                IOResult<IntegrityReport> r = run(() -> w.db().integrityReport());
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                w.judgeIntegrity(r.value(), "at the end of the run");
                w.finalVerified();
                return Transition.done("final");
            }
            default -> throw new AssertionError(state);
        }
        return Transition.proceed();
    }

    /** Re-reads in the snapshot: every key by a scan on even rounds, one key by a get on odd ones. */
    private Transition<String> reread() {
        long[] again;
        String what;
        if (rounds % 2 == 0) {
            IOResult<List<Entry>> r = run(() -> conn().scan(null, null, w.model.keys + 8));
            if (r.isIo()) {
                return Transition.io(r.completion());
            }
            String[] problem = new String[1];
            again = w.state(r.value(), problem);
            what = "re-scan";
        } else {
            if (rereadKey < 0) {
                rereadKey = (int) ((first.length * 7L + rounds * 13L + id) % w.model.keys);
            }
            int k = rereadKey;
            IOResult<byte[]> r = run(() -> conn().get(w.model.key(k)));
            if (r.isIo()) {
                return Transition.io(r.completion());
            }
            again = first.clone();
            again[k] = StormModel.txnOf(r.value());
            rereadKey = -1;
            what = "re-read of " + w.model.name(k);
        }
        w.rereads++;
        if (checkpointsNow() != checkpointMark) {
            w.rereadsAcrossCheckpoint++;
        }
        if (w.judging()) {
            w.properties.snapshot.check(differs(again), what + " by fiber " + id + " in its snapshot");
        }
        state = rounds > 0 ? State.SLEEP : State.END;
        return Transition.proceed();
    }

    private String differs(long[] again) {
        if (again == null) {
            return "a key or value no transaction wrote";
        }
        for (int k = 0; k < first.length; k++) {
            if (again[k] != first[k]) {
                return w.model.name(k) + " now holds transaction " + again[k] + ", the snapshot's first read gave "
                    + first[k] + " (the snapshot changed under the reader)";
            }
        }
        return null;
    }
}
