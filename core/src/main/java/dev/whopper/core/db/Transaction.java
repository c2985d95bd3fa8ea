package dev.whopper.core.db;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.YieldInjector;
import dev.whopper.core.storage.btree.PageStore;
import dev.whopper.core.storage.cache.PageCache;
import dev.whopper.core.storage.page.FreelistPage;
import dev.whopper.core.storage.page.HeaderPage;
import dev.whopper.core.storage.page.PageEnvelope;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * One transaction of one connection, and the B+tree's view of the pager ({@link PageStore}). A reader
 * sees the committed versions at its snapshot (a WAL maxFrame, registered as a read mark); the writer
 * additionally sees its private dirty copies, which become WAL frames at commit.
 */
final class Transaction implements PageStore {
    /** Outcome of {@link #tryUpgrade()}. */
    enum Upgrade { OK, BUSY, BUSY_SNAPSHOT }

    private final Database db;
    private final long owner;
    private final YieldInjector yields;
    private final int pageSize;
    private int snapshot = -1;
    private boolean writer;
    private DirtyPages dirty;
    private boolean headerLoaded;
    private int pageCount;
    private int freelistHead;
    private int freelistCount;
    private int root;
    private long changeCounter;
    private final ArrayList<PageCache.Entry> pinned = new ArrayList<>();
    private PageCache.Load waiting;
    private boolean ended;

    Transaction(Database db, long owner, YieldInjector yields) {
        this.db = db;
        this.owner = owner;
        this.yields = yields;
        this.pageSize = db.pageSize();
    }

    boolean hasSnapshot() {
        return snapshot >= 0;
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
        dirty = new DirtyPages();
        // Restart the WAL when it is entirely in the database file and nobody else reads it (SQLite does
        // the same at the start of a write transaction): keeps the WAL from growing forever.
        if (db.wal().maxFrame() > 0 && db.wal().backfilled() == db.wal().maxFrame() && locks.readers() == 1
            && locks.checkpointer() == 0) {
            locks.removeReadMark(snapshot);
            db.resetWal();
            snapshot = 0;
            locks.addReadMark(0);
        }
        return Upgrade.OK;
    }

    /** Loads the header fields at the snapshot (root, page count, freelist). */
    IOResult<Void> loadHeader() {
        if (headerLoaded) {
            return IOResult.done();
        }
        IOResult<byte[]> r = readCommitted(1);
        if (r.isIo()) {
            return r.cast();
        }
        HeaderPage h = db.decodeHeader(r.value());
        if (h.pageSize() != pageSize || h.pageCount() < 1) {
            throw new DbException(DbError.CORRUPT, "page 1: header says page size " + h.pageSize() + " and "
                + h.pageCount() + " pages (expected page size " + pageSize + ", >= 1 page)");
        }
        pageCount = h.pageCount();
        freelistHead = h.freelistHead();
        freelistCount = h.freelistCount();
        root = h.treeRoot();
        changeCounter = h.changeCounter();
        headerLoaded = true;
        return IOResult.done();
    }

    int pageCount() {
        return pageCount;
    }

    int freelistHead() {
        return freelistHead;
    }

    int freelistCount() {
        return freelistCount;
    }

    boolean hasChanges() {
        return dirty != null && !dirty.isEmpty();
    }

    DirtyPages dirtyPages() {
        return dirty;
    }

    /** @return the header this transaction commits (change counter advanced) */
    HeaderPage newHeader() {
        return new HeaderPage(pageSize, pageCount, freelistHead, freelistCount, root, changeCounter + 1);
    }

    /** Unpins the pages read during the current operation. */
    void releasePins() {
        PageCache cache = db.cache();
        for (int i = 0; i < pinned.size(); i++) {
            PageCache.Entry e = pinned.get(i);
            if (e.pins() > 0) {
                cache.unpin(e);
            }
        }
        pinned.clear();
    }

    /** Called when an operation of the connection finishes: unpins its pages, forgets any load it waited on. */
    void endOperation() {
        releasePins();
        waiting = null;
    }

    /** Ends the transaction: drops dirty pages, releases the read mark and WRITER. Idempotent. */
    void end() {
        if (ended) {
            return;
        }
        ended = true;
        releasePins();
        waiting = null;
        dirty = null;
        if (writer) {
            writer = false;
            db.locks().releaseWriter(owner);
        }
        if (snapshot >= 0) {
            db.locks().removeReadMark(snapshot);
            snapshot = -1;
        }
    }

    boolean ended() {
        return ended;
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

    private void checkPageNo(int pageNo) {
        if (pageNo < 2 || (headerLoaded && pageNo > pageCount)) {
            throw new DbException(DbError.CORRUPT, "reference to page " + pageNo + " (database has pages 2.."
                + pageCount + " for the tree)");
        }
    }

    @Override
    public IOResult<byte[]> read(int pageNo) {
        checkPageNo(pageNo);
        if (dirty != null) {
            byte[] d = dirty.get(pageNo);
            if (d != null) {
                return IOResult.done(d);
            }
        }
        return readCommitted(pageNo);
    }

    /** Reads the committed version of a page at this transaction's snapshot. */
    IOResult<byte[]> readCommitted(int pageNo) {
        if (snapshot < 0) {
            throw new IllegalStateException("read without a snapshot");
        }
        int version = db.wal().lookup(pageNo, snapshot);
        PageCache cache = db.cache();
        PageCache.Entry e = cache.get(pageNo, version);
        if (e != null) {
            if (yields.shouldYield(EngineYieldPoint.PAGE_CACHE_HIT)) {
                return IOResult.io(Completion.yielded());
            }
            waiting = null;
            cache.pin(e);
            pinned.add(e);
            return IOResult.done(e.image());
        }
        PageCache.Load l = waiting;
        if (l == null || l.page() != pageNo || l.version() != version) {
            l = cache.inFlight(pageNo, version);
            if (l == null) {
                l = db.startLoad(pageNo, version);
            }
        }
        if (l.done()) {
            waiting = null;
            if (l.error() != null) {
                RuntimeException err = l.error();
                if (err instanceof DbException de) {
                    throw new DbException(de.error(), de.detail(), de);
                }
                throw err;
            }
            return IOResult.done(l.image());
        }
        waiting = l;
        return IOResult.io(l.completion());
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
        checkPageNo(pageNo);
        byte[] d = dirty.get(pageNo);
        if (d != null) {
            return IOResult.done(d);
        }
        IOResult<byte[]> r = readCommitted(pageNo);
        if (r.isIo()) {
            return r;
        }
        byte[] copy = Arrays.copyOf(r.value(), pageSize);
        dirty.put(pageNo, copy);
        return IOResult.done(copy);
    }

    @Override
    public IOResult<Integer> allocate() {
        requireWriter("allocate()");
        if (freelistHead != 0) {
            int head = freelistHead;
            checkPageNo(head);
            IOResult<byte[]> r = read(head);
            if (r.isIo()) {
                return r.cast();
            }
            byte[] p = r.value();
            if (!FreelistPage.isFree(p)) {
                throw new DbException(DbError.CORRUPT, "freelist head page " + head + " is not a free page");
            }
            int next = FreelistPage.next(p);
            if (next < 0 || next == head || (next != 0 && next > pageCount) || freelistCount <= 0) {
                throw new DbException(DbError.CORRUPT, "free page " + head + " links to page " + next
                    + " (freelist length " + freelistCount + ", " + pageCount + " pages)");
            }
            freelistHead = next;
            freelistCount--;
            dirty.put(head, new byte[pageSize]);
            return IOResult.done(head);
        }
        if (pageCount == Integer.MAX_VALUE) {
            throw new DbException(DbError.TOO_BIG, "database is full (" + pageCount + " pages)");
        }
        int p = ++pageCount;
        dirty.put(p, new byte[pageSize]);
        return IOResult.done(p);
    }

    @Override
    public IOResult<Void> free(int pageNo) {
        requireWriter("free", pageNo);
        checkPageNo(pageNo);
        dirty.put(pageNo, FreelistPage.create(pageSize, freelistHead));
        freelistHead = pageNo;
        freelistCount++;
        return IOResult.done();
    }

    @Override
    public int rootPage() {
        return root;
    }

    @Override
    public void setRootPage(int pageNo) {
        requireWriter("setRootPage", pageNo);
        if (pageNo < 0 || pageNo == 1 || pageNo > pageCount) {
            throw new IllegalArgumentException("root page: " + pageNo + " (expected: 0 or 2.." + pageCount + ")");
        }
        root = pageNo;
    }

    @Override
    public YieldInjector yields() {
        return yields;
    }
}
