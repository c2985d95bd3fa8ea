package dev.whopper.core.db;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.CompletionGroup;
import dev.whopper.core.io.File;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.YieldInjector;
import dev.whopper.core.sm.StateMachine;
import dev.whopper.core.sm.StateTransition;
import dev.whopper.core.sm.Transition;
import dev.whopper.core.storage.cache.PageCache;
import dev.whopper.core.storage.page.PageEnvelope;
import dev.whopper.core.storage.wal.WalFormat;
import dev.whopper.core.storage.wal.WalIndex;
import java.util.List;

/**
 * Commits a write transaction: (write and sync the WAL header when a new WAL generation starts), write
 * the dirty pages and the new header page as WAL frames in one {@link CompletionGroup} (the header page's
 * frame last, carrying the commit marker), sync the WAL, then publish: advance maxFrame, insert the new
 * versions into the shared cache, release WRITER. Only a successful sync acknowledges the commit. A
 * failed write rolls the transaction back; a failed sync also makes the database read-only until it is
 * reopened. Afterwards, when the WAL holds at least {@code autoCheckpointFrames} frames not yet in the
 * database file, runs a PASSIVE checkpoint (its failures do not affect the commit).
 */
final class CommitOp implements StateTransition<Void> {
    /**
     * Where the machine is. A state named after an activity in progress ({@code WRITING_HEADER}, ...)
     * has its I/O in flight in {@code pending}: its method checks that I/O first.
     */
    private enum State {
        /** Checking that there is something to commit, building the frames' contents. */
        START,
        /** A new WAL generation: writing the WAL header. */
        WRITING_HEADER,
        /** Syncing the WAL header. */
        SYNCING_HEADER,
        /** Submitting the frame writes, one by one (a yield point between two). */
        WRITE_FRAMES,
        /** Writing the frames. */
        WRITING_FRAMES,
        /** Syncing the WAL. */
        SYNCING,
        /** The WAL sync failed: cutting this commit's frames off the WAL (they can never become durable). */
        DISCARDING_FRAMES,
        /** Syncing the cut, so that a reopened database cannot read the failed commit back. */
        SYNCING_DISCARD,
        /** Publishing the commit. */
        PUBLISH,
        /** Running the auto-checkpoint after the commit. */
        AUTO_CHECKPOINT
    }

    private final Database db;
    private final Transaction txn;
    private final YieldInjector yields;
    private final long owner;
    private State state = State.START;
    private int[] pages;
    private byte[][] images;
    private byte[][] frameHeaders;
    private byte[] walHeader;
    private int newChecksum;
    private int dbPages;
    private int next;
    private int yieldedBefore = -1;
    private boolean yieldedPublish;
    private CompletionGroup group;
    private Completion pending;
    /** The error a failed WAL sync is reported with, once its frames are cut off. */
    private DbException failure;
    private StateMachine<CheckpointResult> autoCheckpoint;

    CommitOp(Database db, Transaction txn, YieldInjector yields, long owner) {
        this.db = db;
        this.txn = txn;
        this.yields = yields;
        this.owner = owner;
    }

    @Override
    public Transition<Void> transition() {
        if (state == State.AUTO_CHECKPOINT) {
            return runAutoCheckpoint();
        }
        try {
            return step();
        } catch (RuntimeException | Error e) {
            txn.end();
            throw e;
        }
    }

    private Transition<Void> step() {
        return switch (state) {
            case START -> start();
            case WRITING_HEADER -> syncHeader();
            case SYNCING_HEADER -> headerSynced();
            case WRITE_FRAMES -> writeFrames();
            case WRITING_FRAMES -> syncFrames();
            case SYNCING -> synced();
            case DISCARDING_FRAMES -> syncDiscard();
            case SYNCING_DISCARD -> throw failure;
            case PUBLISH -> publish();
            case AUTO_CHECKPOINT -> throw new IllegalStateException("commit: state " + state);
        };
    }

    /** A failed WAL sync also makes the database refuse writes until it is reopened (the fsync lesson). */
    private void checkSync(String what) {
        if (pending.failed()) {
            db.poison("WAL sync failed: " + pending.error());
            throw Database.ioError(what, pending.error());
        }
    }

    private Transition<Void> start() {
        if (!txn.isWriter() || !txn.hasChanges()) {
            txn.end();
            return Transition.done(null);
        }
        db.checkOpen();
        db.checkWritable();
        prepare();
        WalIndex wal = db.wal();
        if (wal.headerPending()) {
            walHeader = WalFormat.header(db.pageSize(), wal.checkpointSeq(), wal.salt1(), wal.salt2());
            pending = db.walFile().pwrite(0, walHeader, Completion.write(null));
            state = State.WRITING_HEADER;
            return Transition.await(pending);
        }
        buildFrames();
        state = State.WRITE_FRAMES;
        return Transition.proceed();
    }

    private Transition<Void> syncHeader() {
        Database.checkIo(pending, "commit: writing the WAL header (transaction rolled back)");
        pending = db.walFile().sync(Completion.sync(null).label(db.walSyncLabel()));
        state = State.SYNCING_HEADER;
        return Transition.await(pending);
    }

    private Transition<Void> headerSynced() {
        checkSync("commit: syncing the WAL header (transaction rolled back; database now read-only until reopened)");
        db.wal().headerWritten(WalFormat.headerChecksum(walHeader));
        buildFrames();
        state = State.WRITE_FRAMES;
        return Transition.proceed();
    }

    private Transition<Void> writeFrames() {
        if (group == null) {
            group = new CompletionGroup(pages.length);
        }
        int pageSize = db.pageSize();
        WalIndex wal = db.wal();
        while (next < pages.length) {
            if (next > 0 && yieldedBefore != next && yields.shouldYield(EngineYieldPoint.BETWEEN_WAL_FRAME_WRITES)) {
                yieldedBefore = next;
                return Transition.io(Completion.yielded());
            }
            int frame = wal.maxFrame() + 1 + next;
            Completion c = Completion.write(null);
            group.add(c);
            next++;
            db.walFile().pwritev(WalFormat.frameOffset(pageSize, frame), List.of(frameHeaders[next - 1], images[next - 1]), c);
        }
        int frames = pages.length;
        File walFile = db.walFile();
        pending = group.build().label(() -> "WAL write of " + frames + " frame(s) to " + walFile.path());
        state = State.WRITING_FRAMES;
        return Transition.await(pending);
    }

    private Transition<Void> syncFrames() {
        Database.checkIo(pending, "commit: writing " + pages.length + " WAL frames (transaction rolled back)");
        pending = db.walFile().sync(Completion.sync(null).label(db.walSyncLabel()));
        state = State.SYNCING;
        return Transition.await(pending);
    }

    /**
     * After a failed WAL sync the kernel may have dropped the frames' dirty pages (fsyncgate): they stay readable
     * but never become durable. A database reopened later would read them back and chain new commits after them,
     * and a crash would then cut the WAL at them and lose those acknowledged commits. So the frames are cut off
     * the WAL (best effort: a cut that fails leaves the database read-only all the same) before the error is
     * reported.
     */
    private Transition<Void> synced() {
        if (pending.failed()) {
            db.poison("WAL sync failed: " + pending.error());
            failure = Database.ioError("commit: WAL sync (commit not acknowledged; database now read-only until reopened)",
                pending.error());
            long end = WalFormat.frameOffset(db.pageSize(), db.wal().maxFrame() + 1);
            pending = db.walFile().truncate(end, Completion.truncate(null));
            state = State.DISCARDING_FRAMES;
            return Transition.await(pending);
        }
        state = State.PUBLISH;
        return Transition.proceed();
    }

    private Transition<Void> syncDiscard() {
        if (pending.failed()) {
            throw failure; // the cut failed: read-only until reopened, as after any failed sync
        }
        pending = db.walFile().sync(Completion.sync(null).label(db.walSyncLabel()));
        state = State.SYNCING_DISCARD;
        return Transition.await(pending);
    }

    private Transition<Void> publish() {
        if (!yieldedPublish && yields.shouldYield(EngineYieldPoint.BEFORE_COMMIT_PUBLISH)) {
            yieldedPublish = true;
            return Transition.io(Completion.yielded());
        }
        WalIndex wal = db.wal();
        int first = wal.maxFrame() + 1;
        wal.publish(pages, newChecksum, dbPages);
        db.committed(owner, WalFormat.frameOffset(db.pageSize(), first + pages.length));
        db.countCommit();
        db.countTreeChanges(txn.treeCounts());
        PageCache cache = db.cache();
        for (int i = 0; i < pages.length; i++) {
            cache.put(pages[i], first + i, images[i]);
        }
        txn.end();
        int threshold = db.options().autoCheckpointFrames();
        if (threshold > 0 && wal.maxFrame() - wal.backfilled() >= threshold) {
            autoCheckpoint = new StateMachine<>(new CheckpointOp(db, owner, CheckpointMode.PASSIVE, true, yields));
            state = State.AUTO_CHECKPOINT;
            return Transition.proceed();
        }
        return Transition.done(null);
    }

    private Transition<Void> runAutoCheckpoint() {
        try {
            IOResult<CheckpointResult> r = autoCheckpoint.step();
            if (r.isIo()) return Transition.from(r);
            db.countAutoCheckpoint(r.value() != null);
        } catch (DbException e) {
            db.countAutoCheckpointFailure();
            // The commit is durable and published; a failed auto-checkpoint is retried after a later commit.
        }
        return Transition.done(null);
    }

    private void prepare() {
        DirtyPages dirty = txn.pager().dirtyPages();
        int[] dirtyPages = dirty.sortedPages();
        int n = dirtyPages.length + 1;
        pages = new int[n];
        images = new byte[n][];
        int i = 0;
        for (int p : dirtyPages) {
            if (p == 1) {
                throw new IllegalStateException("page 1 in the dirty set");
            }
            pages[i] = p;
            images[i] = dirty.get(p);
            PageEnvelope.seal(images[i], pages[i]);
            i++;
        }
        pages[i] = 1;
        images[i] = txn.newHeader().toPage();
        dbPages = txn.pager().pageCount();
    }

    private void buildFrames() {
        WalIndex wal = db.wal();
        frameHeaders = new byte[pages.length][];
        int prev = wal.lastChecksum();
        for (int i = 0; i < pages.length; i++) {
            int commit = i == pages.length - 1 ? dbPages : 0;
            frameHeaders[i] = WalFormat.frameHeader(pages[i], commit, wal.salt1(), wal.salt2(), prev, images[i]);
            prev = PageEnvelope.getInt(frameHeaders[i], 16);
        }
        newChecksum = prev;
    }
}
