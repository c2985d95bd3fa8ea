package dev.whopper.core.db;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.CompletionGroup;
import dev.whopper.core.io.YieldInjector;
import dev.whopper.core.sm.StateTransition;
import dev.whopper.core.sm.Transition;
import dev.whopper.core.storage.cache.PageCache;
import dev.whopper.core.storage.page.PageEnvelope;
import dev.whopper.core.storage.wal.WalFormat;
import dev.whopper.core.storage.wal.WalIndex;
import java.util.ArrayList;

/**
 * Copies committed WAL frames into the database file. Phases (a yield point between each):
 * take CHECKPOINTER (and for FULL/RESTART/TRUNCATE also WRITER, then wait until every reader sees the
 * whole WAL); plan: the newest frame of each page up to {@code mxSafe = min(maxFrame, oldest read mark)}
 * not yet backfilled; read those images (cache or WAL); write them to the database file; sync it; record
 * the backfill; for RESTART/TRUNCATE wait until no reader uses the WAL and start a new WAL generation
 * (TRUNCATE also truncates the WAL file). Frames above the oldest reader's snapshot are never copied, so
 * no page a live reader still needs from the database file is overwritten.
 */
final class CheckpointOp implements StateTransition<CheckpointResult> {
    private enum State { LOCK_CHECKPOINTER, LOCK_WRITER, WAIT_READERS, PLAN, READ, WRITE, TRIM, SYNC, SYNCED, RESET, TRUNCATED, DONE }

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
        LockTable locks = db.locks();
        WalIndex wal = db.wal();
        switch (state) {
            case LOCK_CHECKPOINTER -> {
                db.checkOpen();
                db.checkWritable();
                if (!locks.tryCheckpointer(owner)) {
                    if (auto) {
                        return Transition.done(new CheckpointResult(wal.maxFrame(), wal.backfilled(), 0, false));
                    }
                    return Transition.io(backoff.onBusy("checkpoint: another checkpoint is running"));
                }
                holdsCheckpointer = true;
                return phase(mode == CheckpointMode.PASSIVE ? State.PLAN : State.LOCK_WRITER);
            }
            case LOCK_WRITER -> {
                if (!locks.tryWriter(owner)) {
                    return Transition.io(backoff.onBusy("checkpoint " + mode + ": a writer holds the WRITER lock"));
                }
                holdsWriter = true;
                state = State.WAIT_READERS;
                return Transition.proceed();
            }
            case WAIT_READERS -> {
                if (locks.oldestReadMark(wal.maxFrame()) < wal.maxFrame()) {
                    return Transition.io(backoff.onBusy("checkpoint " + mode + ": readers still use older snapshots"));
                }
                return phase(State.PLAN);
            }
            case PLAN -> {
                walFrames = wal.maxFrame();
                mxSafe = Math.min(walFrames, locks.oldestReadMark(walFrames));
                int backfilled = wal.backfilled();
                if (mxSafe <= backfilled) {
                    mxSafe = backfilled;
                    state = State.RESET;
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
                images = new byte[n][];
                PageCache cache = db.cache();
                CompletionGroup group = new CompletionGroup(n);
                int pageSize = db.pageSize();
                for (int i = 0; i < n; i++) {
                    pages[i] = todo.get(i)[0];
                    frames[i] = todo.get(i)[1];
                    PageCache.Entry e = cache.get(pages[i], frames[i]);
                    if (e != null) {
                        images[i] = e.image();
                    } else {
                        images[i] = new byte[pageSize];
                        Completion c = Completion.read(images[i], null);
                        group.add(c);
                        db.walFile().pread(WalFormat.frameOffset(pageSize, frames[i]) + WalFormat.FRAME_HEADER_SIZE, c);
                    }
                }
                pending = group.build();
                state = State.READ;
                return Transition.await(pending);
            }
            case READ -> {
                if (pending.failed()) {
                    throw Database.ioError("checkpoint: reading WAL frames", pending.error());
                }
                for (int i = 0; i < pages.length; i++) {
                    String problem = PageEnvelope.verify(images[i], pages[i]);
                    if (problem != null) {
                        throw new DbException(DbError.CORRUPT, "checkpoint: " + problem + " (WAL frame " + frames[i] + ")");
                    }
                }
                return phase(State.WRITE);
            }
            case WRITE -> {
                CompletionGroup group = new CompletionGroup(pages.length);
                long pageSize = db.pageSize();
                for (int i = 0; i < pages.length; i++) {
                    Completion c = Completion.write(null);
                    group.add(c);
                    db.dbFile().pwrite((pages[i] - 1) * pageSize, images[i], c);
                }
                pending = group.build();
                state = State.TRIM;
                return Transition.await(pending);
            }
            case TRIM -> {
                if (pending.failed()) {
                    throw Database.ioError("checkpoint: writing " + pages.length + " pages to the database file", pending.error());
                }
                pagesWritten = pages.length;
                long size = (long) trimToPages * db.pageSize();
                state = State.SYNC;
                if (trimToPages > 0 && db.dbFile().size() > size) {
                    // Pages past the newest commit's page count are not part of the database (left by
                    // commits lost to a damaged WAL): cut them off, as SQLite does.
                    pending = db.dbFile().truncate(size, Completion.truncate(null));
                    return Transition.await(pending);
                }
                return Transition.proceed();
            }
            case SYNC -> {
                if (pending.failed()) {
                    throw Database.ioError("checkpoint: trimming the database file", pending.error());
                }
                pending = db.dbFile().sync(Completion.sync(null));
                state = State.SYNCED;
                return Transition.await(pending);
            }
            case SYNCED -> {
                if (pending.failed()) {
                    throw Database.ioError("checkpoint: syncing the database file", pending.error());
                }
                if (mxSafe > wal.backfilled()) {
                    wal.setBackfilled(mxSafe);
                }
                return phase(State.RESET);
            }
            case RESET -> {
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
                    state = State.TRUNCATED;
                    return Transition.await(pending);
                }
                state = State.DONE;
                return Transition.proceed();
            }
            case TRUNCATED -> {
                if (pending.failed()) {
                    throw Database.ioError("checkpoint TRUNCATE: truncating the WAL", pending.error());
                }
                state = State.DONE;
                return Transition.proceed();
            }
            case DONE -> {
                CheckpointResult r = new CheckpointResult(walFrames, wal.backfilled(), pagesWritten, walReset);
                release();
                return Transition.done(r);
            }
            default -> throw new IllegalStateException("checkpoint: state " + state);
        }
    }
}
