package dev.whopper.workloads.kv;

import dev.whopper.core.db.CheckpointMode;
import dev.whopper.core.db.Database;
import dev.whopper.core.db.TxMode;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.RandomSource;
import dev.whopper.core.sm.StateMachine;
import dev.whopper.core.sm.Transition;
import dev.whopper.core.storage.btree.Entry;
import dev.whopper.workloads.dbclient.EngineOp;
import dev.whopper.workloads.property.PropertyViolation;
import dev.whopper.workloads.spi.FiberContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One kv-model operation: a transaction (DEFERRED or IMMEDIATE) of gets, puts, deletes and scans that commits or
 * rolls back; a long reader, whose reads are spread over simulated time while others commit and checkpoint; one
 * autocommit get, put, delete or scan; a checkpoint; or the final verification (a scan of the whole store, then
 * the integrity check).
 *
 * <p>How the model learns the engine's snapshot and commit order: a read transaction's snapshot is taken in the
 * first step of its first read, so the model version then is its snapshot; a writer's snapshot is the version when
 * its first write (or IMMEDIATE begin) returned, as it holds the WRITER lock from then on. A commit is published in
 * one step of its machine; the engine's commit counter moving during that step says which, so the model applies
 * commits in the engine's publish order, even when a publish's acknowledgement is still in flight (an
 * auto-checkpoint after it) while the next writer commits.
 */
final class KvOp extends EngineOp<KvWorld> {
    private static final CheckpointMode[] MODES = CheckpointMode.values();

    /** What the operation is. */
    enum Kind { TXN, LONG_READ, AUTO, CHECKPOINT, FINAL }

    private enum Type { GET, PUT, DELETE, SCAN }

    private record Call(Type type, String key, String to, int limit, long value) {
        boolean reads() {
            return type == Type.GET || type == Type.SCAN;
        }
    }

    private enum State { BEGIN, CALL, PAUSE, END, CHECKPOINT, INTEGRITY }

    private final Kind what;
    private State state;
    private TxMode mode;
    private final List<Call> calls = new ArrayList<>();
    private final List<Long> pauses = new ArrayList<>();
    private int next;
    private boolean commit;
    private CheckpointMode checkpointMode;
    private KvTxn txn;
    private int pendingSnapshot;
    /** True once the transaction changed something (a put, or a delete of a present key): its commit must publish. */
    private boolean effective;

    KvOp(KvWorld world, FiberContext ctx, Kind what) {
        super(world, ctx, switch (what) {
            case TXN -> "txn";
            case LONG_READ -> "long-read";
            case AUTO -> "autocommit";
            case CHECKPOINT -> "checkpoint";
            case FINAL -> "final";
        });
        this.what = what;
    }

    @Override
    protected boolean isFinal() {
        return what == Kind.FINAL;
    }

    @Override
    protected boolean rollsBackOnError() {
        return what != Kind.CHECKPOINT && what != Kind.AUTO && state != State.INTEGRITY;
    }

    @Override
    protected void start(RandomSource random) {
        calls.clear();
        pauses.clear();
        next = 0;
        effective = false;
        state = State.BEGIN;
        mode = TxMode.DEFERRED;
        switch (what) {
            case TXN -> {
                mode = random.nextInt(2) == 0 ? TxMode.DEFERRED : TxMode.IMMEDIATE;
                int n = 1 + random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    calls.add(call(random, false));
                }
                commit = random.nextInt(10) != 0;
            }
            case LONG_READ -> {
                int n = 6 + random.nextInt(9);
                for (int i = 0; i < n; i++) {
                    calls.add(call(random, true));
                    pauses.add(100_000L + random.nextInt(2_900_000));
                }
                commit = true;
            }
            case AUTO -> calls.add(call(random, false));
            case CHECKPOINT -> {
                checkpointMode = MODES[random.nextInt(MODES.length)];
                state = State.CHECKPOINT;
            }
            case FINAL -> {
                calls.add(new Call(Type.SCAN, null, null, KvKeys.KEYS + 1, 0));
                commit = true;
            }
            default -> throw new AssertionError(what);
        }
        String who = what == Kind.AUTO ? "autocommit" : what == Kind.TXN ? "txn" : what == Kind.FINAL ? "final" : "long read";
        txn = new KvTxn(who + " " + w.newTxn() + " (fiber " + id + (what == Kind.TXN ? ", " + mode : "") + ")");
        txn.ranBy(id, ctx.opIndex(), ctx.clock().nowNanos());
    }

    private Call call(RandomSource random, boolean readOnly) {
        int roll = random.nextInt(100);
        String key = KvKeys.key(random.nextInt(KvKeys.KEYS));
        if (readOnly ? roll < 55 : roll < 35) {
            return new Call(Type.GET, key, null, 0, 0);
        }
        if (readOnly || roll >= 80) {
            String from = random.nextInt(10) == 0 ? null : key;
            int start = from == null ? 0 : KvKeys.all().indexOf(from);
            int span = 1 + random.nextInt(12);
            String to = random.nextInt(4) == 0 ? null : start + span >= KvKeys.KEYS ? KvKeys.END : KvKeys.key(start + span);
            return new Call(Type.SCAN, from, to, 1 + random.nextInt(12), 0);
        }
        return roll < 70 ? new Call(Type.PUT, key, null, 0, w.newWriteId()) : new Call(Type.DELETE, key, null, 0, 0);
    }

    @Override
    protected Transition<String> body() {
        switch (state) {
            case BEGIN -> {
                if (what == Kind.AUTO) {
                    state = State.CALL;
                    return Transition.proceed();
                }
                IOResult<Void> r = run(() -> conn().begin(mode));
                if (r.isIo()) {
                    return Transition.io(r.completion());
                }
                if (mode == TxMode.IMMEDIATE) {
                    txn.snapshotAt(w.model.version()); // IMMEDIATE takes its snapshot when begin returns
                }
                state = State.CALL;
            }
            case CALL -> {
                return next < calls.size() ? call(calls.get(next)) : end();
            }
            case PAUSE -> {
                state = State.CALL;
                return Transition.io(ctx.sleep(pauses.get(next - 1)));
            }
            case END -> {
                return end();
            }
            case CHECKPOINT -> {
                IOResult<?> r = run(() -> conn().checkpoint(checkpointMode));
                return r.isIo() ? Transition.io(r.completion()) : Transition.done("checkpoint");
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

    private String who() {
        return what == Kind.FINAL ? "the final verification" : "fiber " + id;
    }

    private Transition<String> call(Call c) {
        boolean autoWrite = what == Kind.AUTO && !c.reads();
        if (firstStepNext()) {
            if (txn.snapshot() < 0 && c.reads()) {
                pendingSnapshot = w.model.version(); // the engine takes the snapshot in this step
            }
            if (autoWrite) {
                txn.wrote(c.key(), c.type() == Type.PUT ? c.value() : KvModel.ABSENT);
                w.commitStarted(txn); // an autocommit write commits inside the call
            }
        }
        IOResult<?> r = autoWrite ? publishing(() -> machine(c)) : run(() -> machine(c));
        if (r.isIo()) {
            return Transition.io(r.completion());
        }
        done(c, r.value());
        next++;
        if (what == Kind.AUTO) {
            w.autocommits++;
            return Transition.done(c.type().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (what == Kind.LONG_READ && next < calls.size()) {
            state = State.PAUSE;
        }
        return Transition.proceed();
    }

    private StateMachine<?> machine(Call c) {
        return switch (c.type()) {
            case GET -> conn().get(KvKeys.bytes(c.key()));
            case PUT -> conn().put(KvKeys.bytes(c.key()), KvKeys.encode(c.value()));
            case DELETE -> conn().delete(KvKeys.bytes(c.key()));
            case SCAN -> conn().scan(c.key() == null ? null : KvKeys.bytes(c.key()), c.to() == null ? null : KvKeys.bytes(c.to()),
                c.limit());
        };
    }

    @SuppressWarnings("unchecked")
    private void done(Call c, Object value) {
        KvProperties p = w.properties;
        KvModel m = w.model;
        switch (c.type()) {
            case GET -> {
                txn.snapshotAt(pendingSnapshot);
                w.reads++;
                p.checkGet(m, txn, c.key(), w.value((byte[]) value, who()), who());
            }
            case SCAN -> {
                txn.snapshotAt(pendingSnapshot);
                w.reads++;
                p.checkScan(m, txn, c.key(), c.to(), c.limit(), w.decode((List<Entry>) value, who()), who());
            }
            case PUT, DELETE -> {
                boolean existed = c.type() == Type.PUT || (Boolean) value;
                effective |= existed;
                if (what == Kind.AUTO) {
                    autoWritten(c, existed);
                } else {
                    txn.snapshotAt(m.version()); // the writer holds WRITER since its first write: nobody published since
                    if (c.type() == Type.DELETE) {
                        p.checkDelete(m, txn, c.key(), existed, who());
                    }
                    txn.wrote(c.key(), c.type() == Type.PUT ? c.value() : KvModel.ABSENT);
                }
            }
            default -> throw new AssertionError(c);
        }
    }

    /** An autocommit write returned: it was published (unless it changed nothing) and is acknowledged now. */
    private void autoWritten(Call c, boolean existed) {
        int v = txn.committedAs();
        if (c.type() == Type.DELETE) {
            KvTxn before = new KvTxn(txn.label);
            before.snapshotAt(v >= 0 ? v - 1 : w.model.version());
            w.properties.checkDelete(w.model, before, c.key(), existed, who());
        }
        acknowledge("autocommit " + c.type().name().toLowerCase(java.util.Locale.ROOT) + " " + c.key());
    }

    @Override
    protected void refused(dev.whopper.core.db.DbError error) {
        txn.commitEnded = true; // a commit that failed stays a candidate until the next publish or open
    }

    private void acknowledge(String what) {
        txn.commitEnded = true;
        int v = txn.committedAs();
        if (v >= 0) {
            w.model.acknowledge(v);
            w.committed();
        } else if (effective) {
            throw new PropertyViolation(w.properties.model.violation(who() + " (" + txn + "): " + what
                + " was acknowledged, but the engine never published it"));
        } else {
            w.candidates.remove(txn); // it changed nothing: there was nothing to commit
        }
    }

    private Transition<String> end() {
        state = State.END;
        if (!commit) {
            IOResult<Void> r = run(() -> conn().rollback());
            if (r.isIo()) {
                return Transition.io(r.completion());
            }
            w.rollbacks++;
            return Transition.done("rollback");
        }
        if (firstStepNext() && !txn.writes().isEmpty()) {
            w.commitStarted(txn);
        }
        IOResult<Void> r = publishing(() -> conn().commit());
        if (r.isIo()) {
            return Transition.io(r.completion());
        }
        acknowledge("commit");
        switch (what) {
            case TXN -> w.transactions++;
            case LONG_READ -> w.longReads++;
            case FINAL -> {
                state = State.INTEGRITY;
                return Transition.proceed();
            }
            default -> throw new AssertionError(what);
        }
        return Transition.done(txn.writes().isEmpty() ? "read-only" : "commit");
    }

    /**
     * Steps a machine that may publish a commit, and tells the world when it did: the engine's commit counter
     * moves in the step that publishes.
     */
    private <T> IOResult<T> publishing(Supplier<StateMachine<T>> machine) {
        Database db = w.db();
        long before = db.stats().commits();
        try {
            return run(machine);
        } finally {
            long published = db.stats().commits() - before;
            if (published != 0) {
                if (published != 1 || txn.committedAs() >= 0) {
                    throw new PropertyViolation(w.properties.model.violation(who() + " (" + txn + "): one step of its commit "
                        + "published " + published + " commits" + (txn.committedAs() >= 0 ? ", again" : "")));
                }
                w.published(txn, db.walEndOfLastCommit(conn().id()), ctx.clock().nowNanos());
            }
        }
    }

    @Override
    public String toString() {
        return kind() + " " + txn;
    }
}
