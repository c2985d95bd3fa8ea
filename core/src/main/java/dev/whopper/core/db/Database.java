package dev.whopper.core.db;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.CompletionError;
import dev.whopper.core.io.ErrorCode;
import dev.whopper.core.io.File;
import dev.whopper.core.io.IO;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.YieldInjector;
import dev.whopper.core.sm.StateMachine;
import dev.whopper.core.sm.Transition;
import dev.whopper.core.storage.cache.PageCache;
import dev.whopper.core.storage.page.HeaderPage;
import dev.whopper.core.storage.wal.WalIndex;
import java.util.List;
import java.util.Objects;

/**
 * One database file and its WAL, shared by all its {@link Connection}s: the WAL index, the lock table
 * and the shared page cache live here. Open with {@link #open}, then {@link #connect} as many
 * connections as needed. Single-threaded: everything runs on the thread that steps the {@link IO}.
 */
public final class Database {
    private final IO io;
    private final String path;
    private final DatabaseOptions options;
    private final int pageSize;
    private final File dbFile;
    private final File walFile;
    /** Completion labels built once, so a commit or checkpoint builds no string for them. */
    private final String walSyncLabel;
    private final String dbSyncLabel;
    private final WalIndex wal;
    private final PageCache cache;
    private final LockTable locks = new LockTable();
    /**
     * Per connection id, the WAL offset just past its last published commit's frames. Only looked up and
     * replaced, never iterated, so hash order cannot reach a run.
     */
    private final java.util.Map<Long, Long> commitWalEnds = new java.util.HashMap<>();
    private long nextConnectionId = 1;
    private boolean poisoned;
    private String poisonReason;
    private boolean closed;
    private long commits;
    private final TreeCounts treeCounts = new TreeCounts();
    private long autoCheckpoints;
    private long autoCheckpointsSkipped;
    private long autoCheckpointFailures;
    private byte[] lastHeaderImage;
    private HeaderPage lastHeader;

    Database(IO io, String path, DatabaseOptions options, int pageSize, File dbFile, File walFile, WalIndex wal) {
        this.io = io;
        this.path = path;
        this.options = options;
        this.pageSize = pageSize;
        this.dbFile = dbFile;
        this.walFile = walFile;
        this.walSyncLabel = "WAL sync of " + walFile.path();
        this.dbSyncLabel = "sync of " + dbFile.path();
        this.wal = wal;
        this.cache = new PageCache(options.cacheCapacityPages());
    }

    /**
     * Opens (creating when absent) the database at {@code path} and its WAL ({@code path + "-wal"}),
     * recovering the WAL's committed frames (the steps are {@code OpenOp}'s).
     *
     * @param io      the backend
     * @param path    the database file
     * @param options options (the page size applies to a new database only)
     * @return a machine that yields the open database; CORRUPT when the file is not a database
     */
    public static StateMachine<Database> open(IO io, String path, DatabaseOptions options) {
        Objects.requireNonNull(io, "io");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("path: \"\" (expected: a file name)");
        }
        return new StateMachine<>(new OpenOp(io, path, options));
    }

    /**
     * Throws the error of a completion an operation waited for, if it failed.
     *
     * @param c    the finished completion
     * @param what what the operation was doing, for the message
     * @throws DbException IO_ERROR (CORRUPT for a CORRUPT completion error) when {@code c} failed
     */
    static void checkIo(Completion c, String what) {
        if (c.failed()) {
            throw ioError(what, c.error());
        }
    }

    static DbException ioError(String what, CompletionError error) {
        DbError code = error.code() == ErrorCode.CORRUPT ? DbError.CORRUPT : DbError.IO_ERROR;
        return new DbException(code, what + " failed: " + error);
    }

    /**
     * Opens a connection without yield injection (no I/O).
     *
     * @return the connection
     * @throws DbException MISUSE when the database is closed
     */
    public Connection connect() {
        return connect(YieldInjector.NONE);
    }

    /**
     * Opens a connection (no I/O).
     *
     * @param yields the connection's yield injector ({@link YieldInjector#NONE} in production)
     * @return the connection
     * @throws DbException MISUSE when the database is closed
     */
    public Connection connect(YieldInjector yields) {
        Objects.requireNonNull(yields, "yields");
        if (closed) {
            throw new DbException(DbError.MISUSE, "connect() on closed database " + path);
        }
        return new Connection(this, nextConnectionId++, yields);
    }

    /**
     * Checks the database at the current snapshot: page checksums, the tree's structure, that every page
     * is exactly one of header / tree / freelist, and the page count against the file size.
     *
     * @return a machine yielding the problems found (empty when healthy)
     */
    public StateMachine<List<String>> integrityCheck() {
        StateMachine<IntegrityReport> check = integrityReport();
        return new StateMachine<>(() -> {
            IOResult<IntegrityReport> r = check.step();
            return r.isIo() ? Transition.io(r.completion()) : Transition.done(r.value().problems());
        });
    }

    /**
     * {@link #integrityCheck()} with where each page that failed its checksum was read from, so that damage a
     * detected bit flip explains can be told from real damage ({@link IntegrityReport#explainedBy}).
     *
     * @return a machine yielding the report; it fails with IO_ERROR (not a report) when a read fails with a device
     *         error, which says nothing about what is stored
     */
    public StateMachine<IntegrityReport> integrityReport() {
        return new StateMachine<>(new IntegrityCheck(this));
    }

    /** Closes the files; connections fail with MISUSE afterwards. Idempotent. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        dbFile.close();
        walFile.close();
    }

    /** @return true after {@link #close()} */
    public boolean isClosed() {
        return closed;
    }

    /** @return the page size in bytes */
    public int pageSize() {
        return pageSize;
    }

    /** @return the path of the database's WAL file */
    public String walPath() {
        return walFile.path();
    }

    /**
     * @param connectionId a connection's id ({@link Connection#id()})
     * @return the WAL offset just past the frames of that connection's last commit, or -1 when it has committed
     *         nothing in this database (a flipped bit before this offset, after the commit was written, cuts the
     *         WAL there at recovery and so loses the commit)
     */
    public long walEndOfLastCommit(long connectionId) {
        return commitWalEnds.getOrDefault(connectionId, -1L);
    }

    void committed(long connectionId, long walEnd) {
        commitWalEnds.put(connectionId, walEnd);
    }

    /** @return the database file's path */
    public String path() {
        return path;
    }

    /** @return the options the database was opened with */
    public DatabaseOptions options() {
        return options;
    }

    /** @return true when a failed WAL sync made the database refuse writes */
    public boolean isReadOnlyAfterSyncFailure() {
        return poisoned;
    }

    /** @return a snapshot of the database's counters */
    public DatabaseStats stats() {
        return new DatabaseStats(commits, wal.maxFrame(), wal.backfilled(), cache.size(), cache.hits(), cache.misses(),
            cache.loadsStarted(), cache.evictions(), locks.readers(), treeCounts.snapshot(),
            new CheckpointStats(autoCheckpoints, autoCheckpointsSkipped, autoCheckpointFailures), recovery);
    }

    private RecoveryPath recovery = RecoveryPath.NO_WAL;

    /** Notes how the open that made this database found its files; returns this. */
    Database recoveredBy(RecoveryPath path) {
        if (path != null) {
            recovery = path;
        }
        return this;
    }

    /** @return committed frames in the WAL */
    public int walFrames() {
        return wal.maxFrame();
    }

    /** @return frames copied into the database file */
    public int backfilledFrames() {
        return wal.backfilled();
    }

    IO io() {
        return io;
    }

    /** @return commits published since open (tests observe the publish moment through this) */
    long commits() {
        return commits;
    }

    void countCommit() {
        commits++;
    }

    /** @param ran true when an auto-checkpoint ran to the end, false when another checkpoint made it skip */
    void countAutoCheckpoint(boolean ran) {
        if (ran) {
            autoCheckpoints++;
        } else {
            autoCheckpointsSkipped++;
        }
    }

    void countAutoCheckpointFailure() {
        autoCheckpointFailures++;
    }

    /** A commit is published: what its transaction did to the tree counts. */
    void countTreeChanges(TreeCounts t) {
        treeCounts.add(t);
    }

    WalIndex wal() {
        return wal;
    }

    PageCache cache() {
        return cache;
    }

    LockTable locks() {
        return locks;
    }

    File dbFile() {
        return dbFile;
    }

    File walFile() {
        return walFile;
    }

    /** @return the label of a sync of the WAL: {@code "WAL sync of bank.db-wal"} */
    String walSyncLabel() {
        return walSyncLabel;
    }

    /** @return the label of a sync of the database file: {@code "sync of bank.db"} */
    String dbSyncLabel() {
        return dbSyncLabel;
    }

    /**
     * Draws an id from the connection ids for an internal transaction (the integrity check's), so it
     * never equals a connection's. Later connections' ids depend on it: keep the draw.
     *
     * @return a fresh id
     */
    long newConnectionId() {
        return nextConnectionId++;
    }

    /**
     * Decodes a (verified, immutable) page-1 image, reusing the last decoding when it is the same array.
     *
     * @param image page 1
     * @return the header
     */
    HeaderPage decodeHeader(byte[] image) {
        if (image == lastHeaderImage) {
            return lastHeader;
        }
        if (!HeaderPage.hasMagic(image)) {
            throw new DbException(DbError.CORRUPT, "page 1 is not a database header (bad magic)");
        }
        HeaderPage h = HeaderPage.decode(image);
        lastHeaderImage = image;
        lastHeader = h;
        return h;
    }

    void poison(String reason) {
        poisoned = true;
        poisonReason = reason;
    }

    void checkWritable() {
        if (poisoned) {
            throw new DbException(DbError.READONLY_AFTER_SYNC_FAILURE,
                "database " + path + " refuses writes until it is reopened: " + poisonReason);
        }
    }

    /**
     * Called when a transaction has just become the writer, reading at {@code snapshot}: restarts the
     * WAL when it is entirely in the database file and nobody else reads it (SQLite does the same at the
     * start of a write transaction), which keeps the WAL from growing forever. The writer's read mark
     * moves to the new generation's 0.
     *
     * @param snapshot the new writer's snapshot (its read mark)
     * @return the writer's snapshot afterwards: 0 after a restart, else {@code snapshot}
     */
    int restartWalForNewWriter(int snapshot) {
        if (wal.maxFrame() > 0 && wal.backfilled() == wal.maxFrame() && locks.readers() == 1
            && locks.checkpointer() == 0) {
            locks.removeReadMark(snapshot);
            resetWal();
            locks.addReadMark(0);
            return 0;
        }
        return snapshot;
    }

    /** Resets the WAL to a new generation (caller holds WRITER and CHECKPOINTER-equivalent exclusion, no readers). */
    void resetWal() {
        if (wal.backfilled() != wal.maxFrame()) {
            throw new IllegalStateException("WAL reset with " + wal.backfilled() + " of " + wal.maxFrame() + " frames backfilled");
        }
        int[] framePages = wal.framePages();
        long salts = io.random().nextLong();
        wal.reset((int) (salts >>> 32), (int) salts);
        cache.rebaseForWalReset(framePages);
    }

    void checkOpen() {
        if (closed) {
            throw new DbException(DbError.MISUSE, "database " + path + " is closed");
        }
    }
}
