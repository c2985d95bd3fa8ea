package dev.whopper.workloads.churn;

import dev.whopper.core.db.TxMode;
import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.RandomSource;
import dev.whopper.core.sm.Transition;
import dev.whopper.workloads.dbclient.EngineOp;
import dev.whopper.workloads.spi.FiberContext;
import java.util.Map;
import java.util.TreeMap;

/**
 * One IMMEDIATE transaction over a contiguous band of keys: inserts (or replaces) every key of the band with values
 * of one drawn length (16..100 bytes), or deletes every key of it; a drain deletes a band of half the key space (the tree shrinks by
 * levels: merges and root collapses). The transaction id is drawn once the transaction holds the WRITER lock, so
 * ids grow in commit order.
 */
final class BandWrite extends EngineOp<ChurnWorld> {
    /** What the band does. */
    enum Kind {
        /** Insert or replace every key of a band of 4..48 keys. */
        INSERT("insert-band"),
        /** Delete every key of a band of 4..64 keys. */
        DELETE("delete-band"),
        /** Delete every key of a band of half the key space. */
        DRAIN("drain");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private enum State { BEGIN, WRITE, COMMIT }

    /** Longest value: with a 7-byte key it fits a 512-byte page's limit of a quarter page (117 bytes). */
    static final int MAX_VALUE_LENGTH = 100;
    /** Writes between yields: deletes of absent keys need no I/O, and a step must end some time. */
    private static final int WRITES_PER_YIELD = 16;

    private final Kind band;
    private State state;
    private int first;
    private int count;
    private int valueLength;
    private int next;
    private long txn;
    private TreeMap<String, String> writes;

    BandWrite(ChurnWorld world, FiberContext ctx, Kind band) {
        super(world, ctx, band.label);
        this.band = band;
    }

    @Override
    protected void start(RandomSource random) {
        int keys = w.model.keys;
        count = switch (band) {
            case INSERT -> 4 + random.nextInt(45);
            case DELETE -> 4 + random.nextInt(61);
            case DRAIN -> keys / 2;
        };
        first = random.nextInt(keys - count + 1);
        valueLength = 16 + random.nextInt(MAX_VALUE_LENGTH - 15);
        next = 0;
        writes = new TreeMap<>();
        state = State.BEGIN;
    }

    @Override
    protected Transition<String> body() {
        switch (state) {
            case BEGIN -> {
                IOResult<Void> r = run(() -> conn().begin(TxMode.IMMEDIATE));
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                txn = w.model.nextTxn();
                state = State.WRITE;
            }
            case WRITE -> {
                String key = w.model.key(first + next);
                String value = band == Kind.INSERT ? ChurnModel.value(txn, key, valueLength) : null;
                IOResult<?> r = value == null ? run(() -> conn().delete(ChurnModel.bytes(key)))
                    : run(() -> conn().put(ChurnModel.bytes(key), ChurnModel.bytes(value)));
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                writes.put(key, value);
                if (++next == count) {
                    w.model.attempted(txn, writes); // from here the commit's outcome may be unknown
                    state = State.COMMIT;
                } else if (next % WRITES_PER_YIELD == 0) {
                    return Transition.io(Completion.yielded()); // the write is recorded: re-entry goes on with the next
                }
            }
            case COMMIT -> {
                IOResult<Void> r = run(() -> conn().commit());
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                acknowledged();
                return Transition.done(band.label);
            }
            default -> throw new AssertionError(state);
        }
        return Transition.proceed();
    }

    private void acknowledged() {
        int before = w.model.size();
        w.model.acknowledged(txn, writes, w.db().walEndOfLastCommit(conn().id()));
        w.commits++;
        int after = w.model.size();
        if (band == Kind.INSERT) {
            w.keysInserted += Math.max(0, after - before);
        } else {
            w.keysDeleted += Math.max(0, before - after);
        }
        w.peakKeys = Math.max(w.peakKeys, after);
    }

    /** @return the band's writes so far (for tests) */
    Map<String, String> writes() {
        return writes;
    }
}
