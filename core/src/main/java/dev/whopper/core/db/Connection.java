package dev.whopper.core.db;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IOFailureException;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.YieldInjector;
import dev.whopper.core.sm.StateMachine;
import dev.whopper.core.sm.StateTransition;
import dev.whopper.core.sm.Transition;
import dev.whopper.core.storage.btree.BTree;
import dev.whopper.core.storage.btree.Entry;
import dev.whopper.core.storage.btree.MalformedPageException;
import dev.whopper.core.storage.btree.TooBigException;
import dev.whopper.core.storage.page.PageEnvelope;
import java.util.List;
import java.util.Objects;

/**
 * One connection to a {@link Database}. Operations return state machines; step them (again after each
 * returned completion finished) until done. One operation at a time per connection.
 *
 * <p>Outside {@link #begin} each get/put/delete/scan runs in its own (autocommit) transaction. Inside a
 * transaction, reads see the snapshot taken at the first read or write (IMMEDIATE: at begin). Errors are
 * {@link DbException}s thrown from {@code step()}: BUSY and BUSY_SNAPSHOT leave an explicit transaction
 * open (roll it back, or retry BUSY); TOO_BIG leaves it unchanged; an I/O error or corruption inside an
 * operation rolls the transaction back.
 */
public final class Connection {
    private final Database db;
    private final long id;
    private final YieldInjector yields;
    private Transaction txn;
    private boolean explicit;
    private boolean closed;
    private boolean opActive;

    Connection(Database db, long id, YieldInjector yields) {
        this.db = db;
        this.id = id;
        this.yields = yields;
    }

    /** @return this connection's id (unique within its database) */
    public long id() {
        return id;
    }

    /** @return true inside an explicit transaction (after begin, before commit/rollback) */
    public boolean inTransaction() {
        return explicit;
    }

    /** @return the snapshot (maxFrame) of the current transaction, -1 when none was taken (for tests) */
    int snapshotFrame() {
        return txn == null ? -1 : txn.snapshot();
    }

    /** @return the connection's yield injector */
    public YieldInjector yields() {
        return yields;
    }

    /** Rolls back an open transaction and closes the connection; later operations fail with MISUSE. */
    public void close() {
        if (closed) {
            return;
        }
        endTxn();
        closed = true;
        opActive = false;
    }

    /**
     * Starts a transaction.
     *
     * @param mode DEFERRED or IMMEDIATE
     * @return a machine; BUSY (IMMEDIATE, after the busy timeout), MISUSE (already in a transaction)
     */
    public StateMachine<Void> begin(TxMode mode) {
        Objects.requireNonNull(mode, "mode");
        return new StateMachine<>(new BeginOp(mode));
    }

    /**
     * @param key the key
     * @return the value or null
     */
    public StateMachine<byte[]> get(byte[] key) {
        Objects.requireNonNull(key, "key");
        return new StateMachine<>(new KvOp<>(Kind.GET, key, null, null, 0));
    }

    /**
     * Inserts or replaces.
     *
     * @param key   the key
     * @param value the value
     * @return a machine; TOO_BIG when the pair does not fit a page
     */
    public StateMachine<Void> put(byte[] key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return new StateMachine<>(new KvOp<>(Kind.PUT, key, value, null, 0));
    }

    /**
     * @param key the key
     * @return a machine yielding whether the key existed
     */
    public StateMachine<Boolean> delete(byte[] key) {
        Objects.requireNonNull(key, "key");
        return new StateMachine<>(new KvOp<>(Kind.DELETE, key, null, null, 0));
    }

    /**
     * Entries with {@code from <= key < to} in key order (unsigned lexicographic).
     *
     * @param from  inclusive lower bound, null for none
     * @param to    exclusive upper bound, null for none
     * @param limit most entries returned, &gt; 0
     * @return a machine yielding the entries
     */
    public StateMachine<List<Entry>> scan(byte[] from, byte[] to, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit: " + limit + " (expected: > 0)");
        }
        return new StateMachine<>(new KvOp<>(Kind.SCAN, from, null, to, limit));
    }

    /** @return a machine committing the explicit transaction; acknowledged only when it returns done */
    public StateMachine<Void> commit() {
        return new StateMachine<>(new EndOp(true));
    }

    /** @return a machine rolling back the explicit transaction (no I/O) */
    public StateMachine<Void> rollback() {
        return new StateMachine<>(new EndOp(false));
    }

    /**
     * Runs a checkpoint (outside a transaction).
     *
     * @param mode the mode
     * @return a machine yielding what was done; BUSY when locks or readers stay in the way
     */
    public StateMachine<CheckpointResult> checkpoint(CheckpointMode mode) {
        Objects.requireNonNull(mode, "mode");
        return new StateMachine<>(new Op<CheckpointResult>() {
            private StateMachine<CheckpointResult> inner;

            @Override
            void start() {
                if (txn != null) {
                    throw new DbException(DbError.MISUSE, "checkpoint() inside a transaction: commit or roll back first");
                }
                inner = new StateMachine<>(new CheckpointOp(db, id, mode, false, yields));
            }

            @Override
            Transition<CheckpointResult> run() {
                IOResult<CheckpointResult> r = inner.step();
                if (r.isIo()) return Transition.from(r);
                return Transition.done(r.value());
            }
        });
    }

    private void endTxn() {
        if (txn != null) {
            txn.end();
            txn = null;
        }
        explicit = false;
    }

    private Transaction newTxn() {
        return new Transaction(db, id, yields);
    }

    /** Common frame of every operation: misuse checks, one operation at a time, pins released at the end. */
    private abstract class Op<T> implements StateTransition<T> {
        private boolean started;
        private boolean active;

        abstract void start();

        abstract Transition<T> run();

        /** Called when {@code run()} or {@code start()} threw; returns the exception to throw. */
        RuntimeException failed(RuntimeException e) {
            return e;
        }

        @Override
        public final Transition<T> transition() {
            try {
                if (!started) {
                    started = true;
                    if (closed) {
                        throw new DbException(DbError.MISUSE, "connection " + id + " is closed");
                    }
                    db.checkOpen();
                    if (opActive) {
                        throw new DbException(DbError.MISUSE, "connection " + id + " already has an operation in progress");
                    }
                    opActive = true;
                    active = true;
                    start();
                } else if (closed) {
                    throw new DbException(DbError.MISUSE, "connection " + id + " was closed during the operation");
                }
                return run();
            } catch (RuntimeException e) {
                RuntimeException thrown = e;
                if (active) {
                    try {
                        thrown = failed(e);
                    } finally {
                        finish();
                    }
                }
                throw thrown;
            }
        }

        @Override
        public final void finalizeOnce(T value) {
            finish();
        }

        private void finish() {
            if (active) {
                active = false;
                opActive = false;
                if (txn != null) {
                    txn.endOperation();
                }
            }
        }
    }

    /**
     * Upgrading a transaction from reading to writing, written once: the LOCK_UPGRADE yield point, then
     * the WRITER lock, with busy backoff on BUSY and BUSY_SNAPSHOT when the snapshot went stale.
     */
    private final class WriterUpgrade {
        private final String what;
        private boolean yielded;
        private Backoff backoff;

        /** @param what the operation, for error messages ("put", "begin IMMEDIATE") */
        WriterUpgrade(String what) {
            this.what = what;
        }

        /**
         * Tries once to make {@code t} the writer.
         *
         * @return null once {@code t} holds WRITER, else the completion to wait for before trying again
         * @throws DbException BUSY after the busy timeout, BUSY_SNAPSHOT when {@code t}'s snapshot is stale
         */
        Completion attempt(Transaction t) {
            if (!yielded && yields.shouldYield(EngineYieldPoint.LOCK_UPGRADE)) {
                yielded = true;
                return Completion.yielded();
            }
            yielded = false;
            switch (t.tryUpgrade()) {
                case OK -> {
                    return null;
                }
                case BUSY -> {
                    if (backoff == null) {
                        backoff = new Backoff(db.io(), db.options().busyTimeoutNanos());
                    }
                    return backoff.onBusy(what + ": another connection holds the WRITER lock");
                }
                case BUSY_SNAPSHOT -> throw new DbException(DbError.BUSY_SNAPSHOT, what
                    + ": this transaction's snapshot (frame " + t.snapshot() + ") is older than the latest commit (frame "
                    + db.wal().maxFrame() + "); roll back and retry");
                default -> throw new IllegalStateException("lock upgrade: " + what);
            }
        }
    }

    private final class BeginOp extends Op<Void> {
        private final TxMode mode;
        private final WriterUpgrade upgrade = new WriterUpgrade("begin IMMEDIATE");
        private Transaction t;

        BeginOp(TxMode mode) {
            this.mode = mode;
        }

        @Override
        void start() {
            if (txn != null) {
                throw new DbException(DbError.MISUSE, "begin() inside a transaction: commit or roll back first");
            }
            t = newTxn();
        }

        @Override
        Transition<Void> run() {
            if (mode == TxMode.IMMEDIATE) {
                Completion wait = upgrade.attempt(t);
                if (wait != null) return Transition.io(wait);
            }
            txn = t;
            explicit = true;
            return Transition.done(null);
        }

        @Override
        RuntimeException failed(RuntimeException e) {
            if (t != null && txn != t) {
                t.end();
            }
            return e;
        }
    }

    private final class EndOp extends Op<Void> {
        private final boolean commit;
        private StateMachine<Void> inner;

        EndOp(boolean commit) {
            this.commit = commit;
        }

        @Override
        void start() {
            if (!explicit) {
                throw new DbException(DbError.MISUSE, (commit ? "commit()" : "rollback()") + " without a transaction (call begin() first)");
            }
            if (commit) {
                inner = new StateMachine<>(new CommitOp(db, txn, yields, id));
            }
        }

        @Override
        Transition<Void> run() {
            if (commit) {
                IOResult<Void> r = inner.step();
                if (r.isIo()) return Transition.from(r);
            }
            endTxn();
            return Transition.done(null);
        }

        @Override
        RuntimeException failed(RuntimeException e) {
            endTxn();
            return e;
        }
    }

    private enum Kind {
        GET, PUT, DELETE, SCAN;

        /** The operation's name in messages. */
        final String label = name().toLowerCase(java.util.Locale.ROOT);
    }

    private enum KvState { LOCK, SNAPSHOT, HEADER, TREE, COMMIT }

    private final class KvOp<T> extends Op<T> {
        private final Kind kind;
        private final byte[] key;
        private final byte[] value;
        private final byte[] to;
        private final int limit;
        private KvState state;
        private boolean autocommit;
        private WriterUpgrade upgrade;
        private StateMachine<?> treeOp;
        private StateMachine<Void> commitOp;
        private T result;

        KvOp(Kind kind, byte[] key, byte[] value, byte[] to, int limit) {
            this.kind = kind;
            this.key = key;
            this.value = value;
            this.to = to;
            this.limit = limit;
        }

        private boolean writes() {
            return kind == Kind.PUT || kind == Kind.DELETE;
        }

        @Override
        void start() {
            if (writes()) {
                db.checkWritable();
                upgrade = new WriterUpgrade(kind.label);
            }
            if (kind == Kind.PUT) {
                int maxKey = BTree.maxKeySize(PageEnvelope.usableSize(db.pageSize()));
                if (key.length > maxKey) {
                    throw new DbException(DbError.TOO_BIG, "key of " + key.length + " bytes (expected: <= " + maxKey
                        + " for page size " + db.pageSize() + ")");
                }
                int max = BTree.maxKeyValueSize(PageEnvelope.usableSize(db.pageSize()));
                long size = (long) key.length + value.length;
                if (size > max) {
                    throw new DbException(DbError.TOO_BIG, "key (" + key.length + " bytes) + value (" + value.length
                        + " bytes) = " + size + " bytes (expected: <= " + max + " for page size " + db.pageSize() + ")");
                }
            }
            if (txn == null) {
                txn = newTxn();
                autocommit = true;
            }
            state = writes() ? KvState.LOCK : KvState.SNAPSHOT;
        }

        @Override
        @SuppressWarnings("unchecked")
        Transition<T> run() {
            switch (state) {
                case LOCK -> {
                    if (!txn.isWriter()) {
                        Completion wait = upgrade.attempt(txn);
                        if (wait != null) return Transition.io(wait);
                    }
                    state = KvState.HEADER;
                    return Transition.proceed();
                }
                case SNAPSHOT -> {
                    txn.ensureSnapshot();
                    state = KvState.HEADER;
                    return Transition.proceed();
                }
                case HEADER -> {
                    IOResult<Void> r = txn.loadHeader();
                    if (r.isIo()) return Transition.from(r);
                    state = KvState.TREE;
                    return Transition.proceed();
                }
                case TREE -> {
                    if (treeOp == null) {
                        BTree tree = new BTree(txn);
                        treeOp = switch (kind) {
                            case GET -> tree.get(key);
                            case PUT -> tree.put(key, value);
                            case DELETE -> tree.delete(key);
                            case SCAN -> tree.scan(key, to, limit);
                        };
                    }
                    IOResult<?> r = treeOp.step();
                    if (r.isIo()) return Transition.from(r);
                    result = (T) r.value();
                    if (!autocommit) {
                        return Transition.done(result);
                    }
                    if (!writes()) {
                        endTxn();
                        return Transition.done(result);
                    }
                    commitOp = new StateMachine<>(new CommitOp(db, txn, yields, id));
                    state = KvState.COMMIT;
                    return Transition.proceed();
                }
                case COMMIT -> {
                    IOResult<Void> r = commitOp.step();
                    if (r.isIo()) return Transition.from(r);
                    endTxn();
                    return Transition.done(result);
                }
                default -> throw new IllegalStateException("operation state " + state);
            }
        }

        @Override
        RuntimeException failed(RuntimeException e) {
            boolean beforeTree = state == null || state == KvState.LOCK || state == KvState.SNAPSHOT;
            if (autocommit || !beforeTree) {
                endTxn();
            }
            if (e instanceof TooBigException) {
                return new DbException(DbError.TOO_BIG, e.getMessage() + (autocommit ? "" : " (transaction rolled back)"), e);
            }
            if (e instanceof IOFailureException io) {
                return Database.ioError(kind.label, io.error());
            }
            if (e instanceof MalformedPageException m) {
                return new DbException(DbError.CORRUPT, kind.label + ": " + m.getMessage(), m);
            }
            return e;
        }
    }
}
