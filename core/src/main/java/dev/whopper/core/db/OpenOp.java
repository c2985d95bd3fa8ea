package dev.whopper.core.db;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.File;
import dev.whopper.core.io.IO;
import dev.whopper.core.io.IOFailureException;
import dev.whopper.core.sm.StateTransition;
import dev.whopper.core.sm.Transition;
import dev.whopper.core.storage.page.HeaderPage;
import dev.whopper.core.storage.page.PageEnvelope;
import dev.whopper.core.storage.wal.RecoveredWal;
import dev.whopper.core.storage.wal.WalFormat;
import dev.whopper.core.storage.wal.WalIndex;
import dev.whopper.core.storage.wal.WalRecovery;

/**
 * Opens a database ({@link Database#open}): opens (creating when absent) the database file and its WAL;
 * a new database gets its header page written and synced, an existing one has its header's magic and
 * page size checked; then the whole WAL is read and recovered up to its last valid commit frame, what
 * follows that frame is truncated away, the recovered frames are written again and the WAL is synced
 * before the database is handed out. A WAL without a valid header or commit starts a new generation
 * with new salts.
 *
 * <p>Why write the recovered frames again: what the open reads is the volatile file, which may hold
 * frames no sync made durable (a commit whose WAL sync failed and whose cut failed too, read back by a
 * reopen in the same life of the disk). Readers of the reopened database would see that commit and new
 * commits would chain after it, and a crash would then lose it (and cut the WAL before the later
 * commits). A sync alone cannot help when the failed sync made the kernel forget those pages
 * (fsyncgate): only writing them again makes them dirty, so that the sync persists them. So an open
 * either makes everything it recovered durable or fails; the cost is one write of the valid WAL and one
 * sync per open of a non-empty WAL.
 */
final class OpenOp implements StateTransition<Database> {
    /**
     * Where the machine is. A state named after an activity in progress ({@code WRITING_HEADER}, ...)
     * has its I/O in flight in {@code pending}: its method checks that I/O first.
     */
    private enum State {
        /** Opening the files, then writing a new header or reading the existing one. */
        OPEN_FILES,
        /** A new database: writing its header page. */
        WRITING_HEADER,
        /** A new database: syncing it. */
        SYNCING_DATABASE,
        /** Reading the start of page 1 (magic and page size). */
        READING_HEADER,
        /** Reading the whole WAL. */
        READING_WAL,
        /** Recovering the WAL image into the WAL index. */
        RECOVER_WAL,
        /** Cutting the WAL after its last valid commit. */
        TRUNCATING_WAL,
        /** Writing the recovered WAL prefix again (so that the sync persists it, see the class comment). */
        REWRITING_WAL,
        /** Syncing the recovered (and maybe truncated) WAL. */
        SYNCING_WAL,
        /** Building the database. */
        DONE
    }

    private final IO io;
    private final String path;
    private final DatabaseOptions options;
    private State state = State.OPEN_FILES;
    private File db;
    private File walF;
    private Completion pending;
    private byte[] prefix;
    private int pageSize;
    private byte[] walImage;
    /** The WAL bytes the recovery trusts (header and valid frames), written again before the sync. */
    private byte[] recoveredPrefix;
    private WalIndex index;
    /** The recovery path this open took (set as the open moves through its states). */
    private RecoveryPath recovery;

    OpenOp(IO io, String path, DatabaseOptions options) {
        this.io = io;
        this.path = path;
        this.options = options;
    }

    @Override
    public Transition<Database> transition() {
        return switch (state) {
            case OPEN_FILES -> openFiles();
            case WRITING_HEADER -> syncNewDatabase();
            case SYNCING_DATABASE -> newDatabaseSynced();
            case READING_HEADER -> checkHeader();
            case READING_WAL -> walRead();
            case RECOVER_WAL -> recoverWal();
            case TRUNCATING_WAL -> rewriteWal();
            case REWRITING_WAL -> syncWal();
            case SYNCING_WAL -> walSynced();
            case DONE -> Transition.done(new Database(io, path, options, pageSize, db, walF, index).recoveredBy(recovery));
        };
    }

    private Transition<Database> openFiles() {
        try {
            db = io.open(path, true);
            walF = io.open(path + "-wal", true);
        } catch (IOFailureException e) {
            throw new DbException(DbError.IO_ERROR, "cannot open " + path + ": " + e.error().message(), e);
        }
        long size = db.size();
        if (size == 0) {
            pageSize = options.pageSize();
            byte[] page1 = HeaderPage.empty(pageSize).toPage();
            pending = db.pwrite(0, page1, Completion.write(null));
            state = State.WRITING_HEADER;
            recovery = RecoveryPath.NEW_DATABASE;
            return Transition.await(pending);
        }
        if (size < PageEnvelope.MIN_PAGE_SIZE) {
            throw new DbException(DbError.CORRUPT, path + " is " + size + " bytes long: too short for a database header");
        }
        prefix = new byte[PageEnvelope.MIN_PAGE_SIZE];
        pending = db.pread(0, Completion.read(prefix, null));
        state = State.READING_HEADER;
        return Transition.await(pending);
    }

    private Transition<Database> syncNewDatabase() {
        Database.checkIo(pending, "writing the header of new database " + path);
        pending = db.sync(Completion.sync(null));
        state = State.SYNCING_DATABASE;
        return Transition.await(pending);
    }

    private Transition<Database> newDatabaseSynced() {
        Database.checkIo(pending, "syncing new database " + path);
        return readWal();
    }

    private Transition<Database> checkHeader() {
        Database.checkIo(pending, "reading the header of " + path);
        if (!HeaderPage.hasMagic(prefix)) {
            throw new DbException(DbError.CORRUPT, path + " is not a Whopper database (bad magic in page 1)");
        }
        pageSize = PageEnvelope.getInt(prefix, 12);
        if (!PageEnvelope.validPageSize(pageSize)) {
            throw new DbException(DbError.CORRUPT, path + ": header names page size " + pageSize
                + " (expected: a power of two in 512..65536)");
        }
        return readWal();
    }

    private Transition<Database> readWal() {
        long size = walF.size();
        if (size < WalFormat.HEADER_SIZE) {
            state = State.RECOVER_WAL;
            return Transition.proceed();
        }
        if (size > Integer.MAX_VALUE - 64) {
            throw new DbException(DbError.IO_ERROR, "WAL of " + path + " is too large to recover: " + size + " bytes");
        }
        walImage = new byte[(int) size];
        pending = walF.pread(0, Completion.read(walImage, null));
        state = State.READING_WAL;
        return Transition.await(pending);
    }

    private Transition<Database> walRead() {
        Database.checkIo(pending, "reading the WAL of " + path);
        state = State.RECOVER_WAL;
        return Transition.proceed();
    }

    private Transition<Database> recoverWal() {
        boolean hadWal = walImage != null;
        RecoveredWal r = walImage == null ? RecoveredWal.empty() : WalRecovery.recover(walImage, pageSize);
        byte[] image = walImage;
        walImage = null;
        if (recovery != RecoveryPath.NEW_DATABASE) {
            recovery = !hadWal ? RecoveryPath.NO_WAL : !r.headerValid() ? RecoveryPath.WAL_INVALID
                : r.maxFrame() == 0 ? RecoveryPath.WAL_EMPTY : RecoveryPath.WAL_REPLAYED;
        }
        if (r.headerValid() && r.maxFrame() > 0) {
            index = new WalIndex(r.salt1(), r.salt2(), r.checkpointSeq(), WalFormat.headerChecksum(image), false);
            index.publish(r.pageOfFrame(), r.lastChecksum(), r.dbPages());
            long validEnd = WalFormat.frameOffset(pageSize, r.maxFrame() + 1);
            recoveredPrefix = java.util.Arrays.copyOf(image, (int) validEnd);
            if (walF.size() > validEnd) {
                // Cut off what follows the last valid commit: otherwise frames of dropped
                // transactions could validate again once new frames recreate their predecessors.
                pending = walF.truncate(validEnd, Completion.truncate(null));
                state = State.TRUNCATING_WAL;
                recovery = RecoveryPath.WAL_TAIL_CUT;
                return Transition.await(pending);
            }
            return writeRecoveredPrefix();
        }
        // New salts: nothing left in the file can validate against the next header.
        long salts = io.random().nextLong();
        index = new WalIndex((int) (salts >>> 32), (int) salts, r.checkpointSeq() + 1, 0, true);
        state = State.DONE;
        return Transition.proceed();
    }

    private Transition<Database> rewriteWal() {
        Database.checkIo(pending, "truncating the WAL of " + path + " after its last valid commit");
        return writeRecoveredPrefix();
    }

    /** Writes the recovered header and frames again: they may be visible without being durable (class comment). */
    private Transition<Database> writeRecoveredPrefix() {
        byte[] bytes = recoveredPrefix;
        recoveredPrefix = null;
        pending = walF.pwrite(0, bytes, Completion.write(null));
        state = State.REWRITING_WAL;
        return Transition.await(pending);
    }

    private Transition<Database> syncWal() {
        Database.checkIo(pending, "writing the recovered frames of the WAL of " + path + " again");
        pending = walF.sync(Completion.sync(null));
        state = State.SYNCING_WAL;
        return Transition.await(pending);
    }

    private Transition<Database> walSynced() {
        Database.checkIo(pending, "syncing the WAL of " + path);
        state = State.DONE;
        return Transition.proceed();
    }
}
