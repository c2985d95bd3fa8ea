package dev.whopper.core.db;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.CompletionGroup;
import dev.whopper.core.io.File;
import dev.whopper.core.io.YieldInjector;
import dev.whopper.core.sm.StateTransition;
import dev.whopper.core.sm.Transition;
import dev.whopper.core.storage.page.PageEnvelope;
import dev.whopper.core.storage.wal.WalFormat;
import dev.whopper.core.storage.wal.WalIndex;
import java.util.ArrayList;

/**
 * Copies committed WAL frames into the database file. Phases (a yield point between each):
 * take CHECKPOINTER (and for FULL/RESTART/TRUNCATE also WRITER, then wait until every reader sees the
 * whole WAL); plan: the newest frame of each page up to {@code mxSafe = min(maxFrame, oldest read mark)}
 * not yet backfilled; read the WAL after the backfill mark from disk and check it as recovery would (a
 * frame that fails is CORRUPT, nothing copied, the database refuses writes until reopened); write the
 * images to the database file; sync it; record the backfill; for RESTART/TRUNCATE wait until no reader
 * uses the WAL and start a new WAL generation (TRUNCATE also truncates the WAL file). Frames above the
 * oldest reader's snapshot are never copied, so no page a live reader still needs from the database file
 * is overwritten.
 */
final class CheckpointOp implements StateTransition<CheckpointResult> {
    /**
     * Where the machine is. A state named after an activity in progress ({@code READING},
     * {@code WRITING}, ...) has its I/O in flight in {@code pending}: its method checks that I/O first.
     */
    private enum State {
        /** Taking CHECKPOINTER. */
        LOCK_CHECKPOINTER,
        /** FULL/RESTART/TRUNCATE: taking WRITER. */
        LOCK_WRITER,
        /** FULL/RESTART/TRUNCATE: waiting until every reader sees the whole WAL. */
        WAIT_READERS,
        /** Choosing the frames to copy and starting to read the WAL after the backfill mark. */
        PLAN,
        /** Reading the WAL header and frames. */
        READING,
        /** Starting to write the pages to the database file. */
        WRITE_PAGES,
        /** Writing pages to the database file. */
        WRITING,
        /** Cutting the database file to the newest commit's page count. */
        TRIMMING,
        /** Syncing the database file. */
        SYNCING,
        /** RESTART/TRUNCATE: waiting until no reader uses the WAL, then starting a new WAL generation. */
        RESTART_WAL,
        /** TRUNCATE: truncating the WAL file. */
        TRUNCATING_WAL,
        /** Releasing the locks and reporting. */
        DONE
    }

    private final Database db;
    private final long owner;
    private final CheckpointMode mode;
    private final boolean auto;
    private final YieldInjector yields;
    private final Backoff backoff;
    private State state = State.LOCK_CHECKPOINTER;
    private boolean holdsCheckpointer;
    private boolean holdsWriter;
    private int walFrames;
    private int mxSafe;
    /** Database size in pages at mxSafe when mxSafe is the newest commit, else 0 (no trimming). */
    private int trimToPages;
    private int[] pages;
    private int[] frames;
    private byte[][] images;
    /** The WAL header and the frames after the backfill mark up to mxSafe, as read from disk. */
    private byte[] walHeader;
    private byte[] walFrameBytes;
    /** Cumulative checksum of frame mxSafe, verified on disk. */
    private int mxSafeChecksum;
    private Completion pending;
    private int pagesWritten;
    private boolean walReset;

    CheckpointOp(Database db, long owner, CheckpointMode mode, boolean auto, YieldInjector yields) {
        this.db = db;
        this.owner = owner;
        this.mode = mode;
        this.auto = auto;
        this.yields = yields;
        this.backoff = new Backoff(db.io(), db.options().busyTimeoutNanos());
    }

    @Override
    public Transition<CheckpointResult> transition() {
        try {
            return step();
        } catch (RuntimeException | Error e) {
            release();
            throw e;
        }
    }

    private void release() {
        LockTable locks = db.locks();
        if (holdsWriter) {
            holdsWriter = false;
            locks.releaseWriter(owner);
        }
        if (holdsCheckpointer) {
            holdsCheckpointer = false;
            locks.releaseCheckpointer(owner);
        }
    }

    private Transition<CheckpointResult> phase(State next) {
        state = next;
        if (yields.shouldYield(EngineYieldPoint.BETWEEN_CHECKPOINT_PHASES)) {
            return Transition.io(Completion.yielded());
        }
        return Transition.proceed();
    }

    private Transition<CheckpointResult> step() {
        return switch (state) {
            case LOCK_CHECKPOINTER -> lockCheckpointer();
            case LOCK_WRITER -> lockWriter();
            case WAIT_READERS -> waitReaders();
            case PLAN -> plan();
            case READING -> verifyReads();
            case WRITE_PAGES -> writePages();
            case WRITING -> trim();
            case TRIMMING -> sync();
            case SYNCING -> recordBackfill();
            case RESTART_WAL -> restartWal();
            case TRUNCATING_WAL -> walTruncated();
            case DONE -> done();
        };
    }

    private Transition<CheckpointResult> lockCheckpointer() {
        db.checkOpen();
        db.checkWritable();
        if (!db.locks().tryCheckpointer(owner)) {
            if (auto) {
                return Transition.done(null); // skipped: another checkpoint is running
            }
            return Transition.io(backoff.onBusy("checkpoint: another checkpoint is running"));
        }
        holdsCheckpointer = true;
        return phase(mode == CheckpointMode.PASSIVE ? State.PLAN : State.LOCK_WRITER);
    }

    private Transition<CheckpointResult> lockWriter() {
        if (!db.locks().tryWriter(owner)) {
            return Transition.io(backoff.onBusy("checkpoint " + mode + ": a writer holds the WRITER lock"));
        }
        holdsWriter = true;
        state = State.WAIT_READERS;
        return Transition.proceed();
    }

    private Transition<CheckpointResult> waitReaders() {
        int maxFrame = db.wal().maxFrame();
        if (db.locks().oldestReadMark(maxFrame) < maxFrame) {
            return Transition.io(backoff.onBusy("checkpoint " + mode + ": readers still use older snapshots"));
        }
        return phase(State.PLAN);
    }

    private Transition<CheckpointResult> plan() {
        WalIndex wal = db.wal();
        walFrames = wal.maxFrame();
        mxSafe = Math.min(walFrames, db.locks().oldestReadMark(walFrames));
        int backfilled = wal.backfilled();
        if (mxSafe <= backfilled) {
            mxSafe = backfilled;
            state = State.RESTART_WAL;
            return Transition.proceed();
        }
        trimToPages = mxSafe == walFrames ? wal.dbPages() : 0;
        int[][] newest = wal.newestFramesUpTo(mxSafe);
        ArrayList<int[]> todo = new ArrayList<>(newest.length);
        for (int[] pf : newest) {
            if (pf[1] > backfilled) {
                todo.add(pf);
            }
        }
        int n = todo.size();
        pages = new int[n];
        frames = new int[n];
        for (int i = 0; i < n; i++) {
            pages[i] = todo.get(i)[0];
            frames[i] = todo.get(i)[1];
        }
        return readWal(backfilled);
    }

    /**
     * Reads the WAL header and every frame after the backfill mark up to {@code mxSafe} from disk: the
     * pages are copied from these bytes, not from the cache, and only once recovery would replay them.
     * Otherwise a frame damaged on disk (a flipped bit in its only copy) would end the log a crash
     * recovers, while the database file already held the newer pages copied from the cache: the
     * recovered database would mix page versions of different commits.
     */
    private Transition<CheckpointResult> readWal(int backfilled) {
        int pageSize = db.pageSize();
        long from = WalFormat.frameOffset(pageSize, backfilled + 1);
        long to = WalFormat.frameOffset(pageSize, mxSafe + 1);
        if (to - from > Integer.MAX_VALUE - 64) {
            throw new DbException(DbError.IO_ERROR, "checkpoint: " + (mxSafe - backfilled) + " WAL frames are too many to copy at once");
        }
        walHeader = new byte[WalFormat.HEADER_SIZE];
        walFrameBytes = new byte[(int) (to - from)];
        File walFile = db.walFile();
        CompletionGroup group = new CompletionGroup(2);
        Completion header = Completion.read(walHeader, null);
        group.add(header);
        walFile.pread(0, header);
        Completion body = Completion.read(walFrameBytes, null);
        group.add(body);
        walFile.pread(from, body);
        int n = mxSafe - backfilled;
        pending = group.build().label(() -> "checkpoint read of " + n + " WAL frame(s) of " + walFile.path());
        state = State.READING;
        return Transition.await(pending);
    }

    private Transition<CheckpointResult> verifyReads() {
        Database.checkIo(pending, "checkpoint: reading WAL frames");
        WalIndex wal = db.wal();
        int backfilled = wal.backfilled();
        mxSafeChecksum = verifyChain(wal, backfilled);
        int pageSize = db.pageSize();
        long base = WalFormat.frameOffset(pageSize, backfilled + 1);
        images = new byte[pages.length][];
        for (int i = 0; i < pages.length; i++) {
            int off = (int) (WalFormat.frameOffset(pageSize, frames[i]) - base) + WalFormat.FRAME_HEADER_SIZE;
            images[i] = java.util.Arrays.copyOfRange(walFrameBytes, off, off + pageSize);
            String problem = PageEnvelope.verify(images[i], pages[i]);
            if (problem != null) {
                throw new DbException(DbError.CORRUPT, "checkpoint: " + problem + " (WAL frame " + frames[i] + ")");
            }
        }
        walHeader = null;
        walFrameBytes = null;
        return phase(State.WRITE_PAGES);
    }

    /**
     * Checks the frames read after the backfill mark as recovery would: the header is valid with this
     * generation's salts, each frame has them too and its cumulative checksum chains on from the
     * mark's. A frame that fails is CORRUPT and nothing is copied: recovery would stop there. It also
     * poisons the database (writes and checkpoints refused until a reopen): a commit is no longer durable.
     *
     * @return the cumulative checksum of frame {@code mxSafe}
     */
    private int verifyChain(WalIndex wal, int backfilled) {
        String where = "checkpoint: the WAL of " + db.walFile().path();
        int headerSum;
        try {
            headerSum = WalFormat.headerChecksum(walHeader);
        } catch (IllegalArgumentException e) {
            throw walDamaged(where, "its header is damaged (" + e.getMessage() + ")", backfilled);
        }
        if (PageEnvelope.getInt(walHeader, 16) != wal.salt1() || PageEnvelope.getInt(walHeader, 20) != wal.salt2()
            || backfilled == 0 && headerSum != wal.backfilledChecksum()) {
            throw walDamaged(where, "its header is not this generation's", backfilled);
        }
        int pageSize = db.pageSize();
        int frameSize = WalFormat.FRAME_HEADER_SIZE + pageSize;
        int prev = wal.backfilledChecksum();
        for (int f = backfilled + 1; f <= mxSafe; f++) {
            int off = (f - backfilled - 1) * frameSize;
            int sum = WalFormat.frameChecksum(prev, walFrameBytes, off, walFrameBytes, off + WalFormat.FRAME_HEADER_SIZE, pageSize);
            if (PageEnvelope.getInt(walFrameBytes, off + 8) != wal.salt1() || PageEnvelope.getInt(walFrameBytes, off + 12) != wal.salt2()
                || sum != PageEnvelope.getInt(walFrameBytes, off + 16)) {
                throw walDamaged(where, "frame " + f + " fails its checksum on disk", backfilled);
            }
            prev = sum;
        }
        return prev;
    }

    /**
     * The WAL on disk no longer holds what its syncs made durable: as after a failed sync, the database
     * refuses writes and checkpoints until a reopen lets recovery decide what is left.
     *
     * @return the CORRUPT error to throw
     */
    private DbException walDamaged(String where, String problem, int backfilled) {
        db.poison("checkpoint: the WAL " + problem + ", so recovery would end the log there");
        return new DbException(DbError.CORRUPT, where + ": " + problem + ", so recovery would end the log there; no page"
            + " after frame " + backfilled + " is copied");
    }

    private Transition<CheckpointResult> writePages() {
        CompletionGroup group = new CompletionGroup(pages.length);
        long pageSize = db.pageSize();
        for (int i = 0; i < pages.length; i++) {
            Completion c = Completion.write(null);
            group.add(c);
            db.dbFile().pwrite((pages[i] - 1) * pageSize, images[i], c);
        }
        int n = pages.length;
        File dbFile = db.dbFile();
        pending = group.build().label(() -> "checkpoint write of " + n + " page(s) to " + dbFile.path());
        state = State.WRITING;
        return Transition.await(pending);
    }

    /**
     * The pages are written; pages past the newest commit's page count are not part of the database
     * (left by commits lost to a damaged WAL): cut them off, as SQLite does.
     */
    private Transition<CheckpointResult> trim() {
        Database.checkIo(pending, "checkpoint: writing " + pages.length + " pages to the database file");
        pagesWritten = pages.length;
        long size = (long) trimToPages * db.pageSize();
        state = State.TRIMMING;
        if (trimToPages > 0 && db.dbFile().size() > size) {
            pending = db.dbFile().truncate(size, Completion.truncate(null));
            return Transition.await(pending);
        }
        return Transition.proceed();
    }

    private Transition<CheckpointResult> sync() {
        // Without a trim, pending is still the (succeeded) page writes.
        Database.checkIo(pending, "checkpoint: trimming the database file");
        pending = db.dbFile().sync(Completion.sync(null).label(db.dbSyncLabel()));
        state = State.SYNCING;
        return Transition.await(pending);
    }

    private Transition<CheckpointResult> recordBackfill() {
        Database.checkIo(pending, "checkpoint: syncing the database file");
        WalIndex wal = db.wal();
        if (mxSafe > wal.backfilled()) {
            wal.setBackfilled(mxSafe, mxSafeChecksum);
        }
        return phase(State.RESTART_WAL);
    }

    private Transition<CheckpointResult> restartWal() {
        WalIndex wal = db.wal();
        LockTable locks = db.locks();
        boolean restart = mode == CheckpointMode.RESTART || mode == CheckpointMode.TRUNCATE;
        if (!restart || wal.maxFrame() == 0 && mode == CheckpointMode.RESTART) {
            state = State.DONE;
            return Transition.proceed();
        }
        if (wal.backfilled() != wal.maxFrame()) {
            throw new IllegalStateException("checkpoint " + mode + ": backfilled " + wal.backfilled() + " of " + wal.maxFrame());
        }
        // With frames in the WAL, any reader might read them: wait until there is none. With an
        // empty WAL every read mark is 0 and nobody reads the WAL.
        if (wal.maxFrame() > 0 && locks.readers() > 0) {
            return Transition.io(backoff.onBusy("checkpoint " + mode + ": " + locks.readers() + " reader(s) still use the WAL"));
        }
        db.resetWal();
        walReset = true;
        if (mode == CheckpointMode.TRUNCATE) {
            pending = db.walFile().truncate(0, Completion.truncate(null));
            state = State.TRUNCATING_WAL;
            return Transition.await(pending);
        }
        state = State.DONE;
        return Transition.proceed();
    }

    private Transition<CheckpointResult> walTruncated() {
        Database.checkIo(pending, "checkpoint TRUNCATE: truncating the WAL");
        state = State.DONE;
        return Transition.proceed();
    }

    private Transition<CheckpointResult> done() {
        CheckpointResult r = new CheckpointResult(walFrames, db.wal().backfilled(), pagesWritten, walReset);
        release();
        return Transition.done(r);
    }
}
