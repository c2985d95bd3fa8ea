package dev.whopper.core.db;

import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.YieldInjector;
import dev.whopper.core.storage.btree.PageStore;
import dev.whopper.core.storage.page.HeaderPage;
import dev.whopper.core.storage.page.PageEnvelope;

/**
 * One transaction of one connection, and the B+tree's view of it ({@link PageStore}): its snapshot (a
 * WAL maxFrame, registered as a read mark), the WRITER lock once it writes, and the header fields it
 * reads and commits. Its pages are its {@link Pager}'s: a reader sees the committed versions at its
 * snapshot; the writer additionally sees its private dirty copies, which become WAL frames at commit.
 */
final class Transaction implements PageStore {
    /** Outcome of {@link #tryUpgrade()}. */
    enum Upgrade { OK, BUSY, BUSY_SNAPSHOT }

    private final Database db;
    private final long owner;
    private final YieldInjector yields;
    private final int pageSize;
    private final Pager pager;
    private int snapshot = -1;
    private boolean writer;
    private boolean headerLoaded;
    private int root;
    private long changeCounter;
    private boolean ended;
    /** What this transaction did to the tree's structure (counted into the database's stats at commit). */
    private final TreeCounts treeCounts = new TreeCounts();

    Transaction(Database db, long owner, YieldInjector yields) {
        this.db = db;
        this.owner = owner;
        this.yields = yields;
        this.pageSize = db.pageSize();
        this.pager = new Pager(db, yields);
    }

    /** @return what this transaction did to the tree's structure */
    TreeCounts treeCounts() {
        return treeCounts;
    }

    @Override
    public void treeChanged(dev.whopper.core.storage.btree.TreeChange change) {
        treeCounts.count(change);
    }

    /** @return the pages of this transaction */
    Pager pager() {
        return pager;
    }

    int snapshot() {
        return snapshot;
    }

    boolean isWriter() {
        return writer;
    }

    /** Takes the snapshot (newest commit) when this transaction has none yet. */
    void ensureSnapshot() {
        if (snapshot < 0) {
            snapshot = db.wal().maxFrame();
            db.locks().addReadMark(snapshot);
        }
    }

    /**
     * Takes the WRITER lock. A transaction that has read at an older snapshot cannot write (its reads
     * would not be serializable): BUSY_SNAPSHOT.
     */
    Upgrade tryUpgrade() {
        if (writer) {
            return Upgrade.OK;
        }
        db.checkWritable();
        LockTable locks = db.locks();
        if (!locks.tryWriter(owner)) {
            return Upgrade.BUSY;
        }
        if (snapshot >= 0 && snapshot != db.wal().maxFrame()) {
            locks.releaseWriter(owner);
            return Upgrade.BUSY_SNAPSHOT;
        }
        ensureSnapshot();
        writer = true;
        pager.startWriting();
        snapshot = db.restartWalForNewWriter(snapshot);
        return Upgrade.OK;
    }

    /** Loads the header fields at the snapshot (root, page count, freelist). */
    IOResult<Void> loadHeader() {
        if (headerLoaded) {
            return IOResult.done();
        }
        IOResult<byte[]> r = readCommitted(1);
        if (r.isIo()) return r.cast();
        HeaderPage h = db.decodeHeader(r.value());
        if (h.pageSize() != pageSize || h.pageCount() < 1) {
            throw new DbException(DbError.CORRUPT, "page 1: header says page size " + h.pageSize() + " and "
                + h.pageCount() + " pages (expected page size " + pageSize + ", >= 1 page)");
        }
        pager.useHeader(h);
        root = h.treeRoot();
        changeCounter = h.changeCounter();
        headerLoaded = true;
        return IOResult.done();
    }

    boolean hasChanges() {
        return pager.hasChanges();
    }

    /** @return the header this transaction commits (change counter advanced) */
    HeaderPage newHeader() {
        return new HeaderPage(pageSize, pager.pageCount(), pager.freelistHead(), pager.freelistCount(), root, changeCounter + 1);
    }

    /** Called when an operation of the connection finishes: unpins its pages, forgets any load it waited on. */
    void endOperation() {
        pager.endOperation();
    }

    /** Ends the transaction: drops dirty pages, releases the read mark and WRITER. Idempotent. */
    void end() {
        if (ended) {
            return;
        }
        ended = true;
        pager.end();
        if (writer) {
            writer = false;
            db.locks().releaseWriter(owner);
        }
        if (snapshot >= 0) {
            db.locks().removeReadMark(snapshot);
            snapshot = -1;
        }
    }

    /** Reads the committed version of a page at this transaction's snapshot. */
    IOResult<byte[]> readCommitted(int pageNo) {
        return pager.readCommitted(pageNo, snapshot);
    }

    // ---- PageStore ----

    @Override
    public int pageSize() {
        return pageSize;
    }

    @Override
    public int usableSize() {
        return PageEnvelope.usableSize(pageSize);
    }

    @Override
    public IOResult<byte[]> read(int pageNo) {
        return pager.read(pageNo, snapshot);
    }

    private void requireWriter(String what) {
        if (!writer) {
            throw new DbException(DbError.MISUSE, what + " in a read transaction (the WRITER lock is not held)");
        }
    }

    /** {@link #requireWriter(String)} for a call naming a page; builds the message only on failure. */
    private void requireWriter(String call, int pageNo) {
        if (!writer) {
            requireWriter(call + "(" + pageNo + ")");
        }
    }

    @Override
    public IOResult<byte[]> write(int pageNo) {
        requireWriter("write", pageNo);
        return pager.write(pageNo, snapshot);
    }

    @Override
    public IOResult<Integer> allocate() {
        requireWriter("allocate()");
        boolean fromFreelist = pager.freelistHead() != 0;
        IOResult<Integer> r = pager.allocate(snapshot);
        if (r.isDone() && fromFreelist) {
            treeCounts.reused();
        }
        return r;
    }

    @Override
    public IOResult<Void> free(int pageNo) {
        requireWriter("free", pageNo);
        pager.free(pageNo);
        treeCounts.freed();
        return IOResult.done();
    }

    @Override
    public int rootPage() {
        return root;
    }

    @Override
    public void setRootPage(int pageNo) {
        requireWriter("setRootPage", pageNo);
        if (pageNo < 0 || pageNo == 1 || pageNo > pager.pageCount()) {
            throw new IllegalArgumentException("root page: " + pageNo + " (expected: 0 or 2.." + pager.pageCount() + ")");
        }
        root = pageNo;
    }

    @Override
    public YieldInjector yields() {
        return yields;
    }
}
