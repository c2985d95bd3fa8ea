package dev.whopper.core.db;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.CompletionError;
import dev.whopper.core.io.ErrorCode;
import dev.whopper.core.io.File;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.YieldInjector;
import dev.whopper.core.storage.cache.PageCache;
import dev.whopper.core.storage.page.FreelistPage;
import dev.whopper.core.storage.page.HeaderPage;
import dev.whopper.core.storage.page.PageEnvelope;
import dev.whopper.core.storage.wal.WalFormat;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * The pages of one transaction, and the one place that loads, allocates and frees them.
 *
 * <ul>
 *   <li>Load ({@link #readCommitted}): the committed version at a snapshot comes from the shared
 *       {@link PageCache}; on a miss, from the WAL frame the WAL index names, else from the database
 *       file, through one shared in-flight load per version (verified against its envelope before it
 *       is cached). The pages found in the cache stay pinned until {@link #releasePins()}.</li>
 *   <li>Write ({@link #write}): the writer's private copies ({@link DirtyPages}), copy-on-write.</li>
 *   <li>Allocate ({@link #allocate}): the freelist's head first, else a new page at the end.</li>
 *   <li>Free ({@link #free}): the page becomes the freelist's new head.</li>
 * </ul>
 *
 * The page count and the freelist start as the header of the transaction's snapshot says
 * ({@link #useHeader}) and change with allocations and frees; the commit writes them in the new header.
 * Calls that return {@code IO} change nothing, so they can be repeated with the same arguments.
 */
final class Pager {
    private final Database db;
    private final YieldInjector yields;
    private final int pageSize;
    private DirtyPages dirty;
    private boolean headerLoaded;
    private int pageCount;
    private int freelistHead;
    private int freelistCount;
    private final ArrayList<PageCache.Entry> pinned = new ArrayList<>();
    private PageCache.Load waiting;

    /**
     * @param db     the database
     * @param yields the connection's injector (the PAGE_CACHE_HIT yield point)
     */
    Pager(Database db, YieldInjector yields) {
        this.db = db;
        this.yields = yields;
        this.pageSize = db.pageSize();
    }

    /** Takes the page count and the freelist from the snapshot's header. */
    void useHeader(HeaderPage h) {
        pageCount = h.pageCount();
        freelistHead = h.freelistHead();
        freelistCount = h.freelistCount();
        headerLoaded = true;
    }

    /** Starts keeping private copies (the transaction became the writer). */
    void startWriting() {
        dirty = new DirtyPages();
    }

    /** @return pages in the database as this transaction sees it */
    int pageCount() {
        return pageCount;
    }

    /** @return the first free page, 0 when none */
    int freelistHead() {
        return freelistHead;
    }

    /** @return free pages */
    int freelistCount() {
        return freelistCount;
    }

    /** @return true when the writer changed a page */
    boolean hasChanges() {
        return dirty != null && !dirty.isEmpty();
    }

    /** @return the writer's private copies (null before {@link #startWriting()}) */
    DirtyPages dirtyPages() {
        return dirty;
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

    /** An operation finished: unpins its pages, forgets any load it waited on. */
    void endOperation() {
        releasePins();
        waiting = null;
    }

    /** The transaction ended: as {@link #endOperation()}, and drops the private copies. */
    void end() {
        endOperation();
        dirty = null;
    }

    private void checkPageNo(int pageNo) {
        if (pageNo < 2 || (headerLoaded && pageNo > pageCount)) {
            throw new DbException(DbError.CORRUPT, "reference to page " + pageNo + " (database has pages 2.."
                + pageCount + " for the tree)");
        }
    }

    /**
     * A tree page as the transaction sees it: its private copy, else the committed version.
     *
     * @param pageNo   page, &gt;= 2
     * @param snapshot the transaction's snapshot
     * @return the image (not to be modified)
     */
    IOResult<byte[]> read(int pageNo, int snapshot) {
        checkPageNo(pageNo);
        if (dirty != null) {
            byte[] d = dirty.get(pageNo);
            if (d != null) {
                return IOResult.done(d);
            }
        }
        return readCommitted(pageNo, snapshot);
    }

    /**
     * Loads the committed version of a page at {@code snapshot}: shared cache, else WAL frame or database
     * file (sharing a load in flight).
     *
     * @param pageNo   page
     * @param snapshot a maxFrame value, &gt;= 0
     * @return the image (not to be modified)
     */
    IOResult<byte[]> readCommitted(int pageNo, int snapshot) {
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
                l = startLoad(pageNo, version);
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

    /**
     * Starts loading one page version into the shared cache (the cache records it as in flight).
     *
     * @param pageNo  page
     * @param version frame, or 0 for the database file
     * @return the load
     */
    private PageCache.Load startLoad(int pageNo, int version) {
        PageCache cache = db.cache();
        PageCache.Load load = cache.beginLoad(pageNo, version);
        byte[] buf = new byte[pageSize];
        boolean fromWal = version != 0;
        File file = fromWal ? db.walFile() : db.dbFile();
        long offset = fromWal ? WalFormat.frameOffset(pageSize, version) + WalFormat.FRAME_HEADER_SIZE
            : (long) (pageNo - 1) * pageSize;
        Completion c = Completion.read(buf, done -> {
            if (done.failed()) {
                CompletionError e = done.error();
                if (e.code() == ErrorCode.SHORT_READ && file.size() < offset + pageSize) {
                    // The file really ends before the page: a lost or truncated write, i.e. corruption.
                    // (A short read of a range the file covers is a device fault: IO_ERROR below.)
                    cache.failLoad(load, new DbException(DbError.CORRUPT, "page " + pageNo + " is missing: "
                        + (fromWal ? "WAL frame " + version + " is beyond the end of the WAL" : "beyond the end of the database file")
                        + " (" + e.message() + ")"));
                } else {
                    cache.failLoad(load, Database.ioError("reading page " + pageNo
                        + (fromWal ? " from WAL frame " + version : " from the database file"), e));
                }
                return;
            }
            String problem = PageEnvelope.verify(buf, pageNo);
            if (problem != null) {
                cache.failLoad(load, new DbException(DbError.CORRUPT, problem
                    + (fromWal ? " (WAL frame " + version + ")" : " (database file " + db.path() + ")"), null,
                    new PageSource(file.path(), offset, pageSize)));
                return;
            }
            cache.finishLoad(load, buf);
        });
        // Every reader of this page version waits on c: its label names the page (formatted when printed).
        c.label(() -> "read page " + pageNo + (fromWal ? " (WAL frame " + version + ")" : "") + " of " + file.path());
        cache.attach(load, c);
        file.pread(offset, c);
        return load;
    }

    /**
     * The writer's private copy of a tree page (copied from the committed version on first use).
     *
     * @param pageNo   page, &gt;= 2
     * @param snapshot the transaction's snapshot
     * @return the writable image
     */
    IOResult<byte[]> write(int pageNo, int snapshot) {
        checkPageNo(pageNo);
        byte[] d = dirty.get(pageNo);
        if (d != null) {
            return IOResult.done(d);
        }
        IOResult<byte[]> r = readCommitted(pageNo, snapshot);
        if (r.isIo()) return r;
        byte[] copy = Arrays.copyOf(r.value(), pageSize);
        dirty.put(pageNo, copy);
        return IOResult.done(copy);
    }

    /**
     * Allocates a page: the freelist's head (checked to be a free page) when there is one, else a new
     * page at the end. Its private copy is zero-filled.
     *
     * @param snapshot the transaction's snapshot
     * @return the page number
     */
    IOResult<Integer> allocate(int snapshot) {
        if (freelistHead != 0) {
            int head = freelistHead;
            checkPageNo(head);
            IOResult<byte[]> r = read(head, snapshot);
            if (r.isIo()) return r.cast();
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

    /**
     * Frees a page: it becomes the freelist's head.
     *
     * @param pageNo page, &gt;= 2
     */
    void free(int pageNo) {
        checkPageNo(pageNo);
        dirty.put(pageNo, FreelistPage.create(pageSize, freelistHead));
        freelistHead = pageNo;
        freelistCount++;
    }
}
