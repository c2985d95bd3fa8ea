package dev.whopper.core.storage.btree;

import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.YieldInjector;

/**
 * What the B+tree needs from the layer below it (the transaction's view of the pager). One
 * {@code PageStore} belongs to one transaction of one connection; it is not shared.
 *
 * <p>Pages are {@code byte[]} of {@link #pageSize()} bytes; the tree may use bytes
 * {@code [0, usableSize())}, the pager owns the rest (the checksum trailer). Page numbers start at 1;
 * page 1 is the database header and never a tree page.
 *
 * <p>Every method that may need I/O returns {@link IOResult}: on {@code IO} the caller returns it
 * upward and calls again later with the same arguments; calls are idempotent until they return Done
 * (in particular {@link #allocate()} allocates once, on the call that returns Done). When the awaited
 * I/O failed, the repeated call throws (for example {@link dev.whopper.core.io.IOFailureException}
 * with {@code CORRUPT} for a checksum mismatch); the tree propagates the exception.
 *
 * <p>What the tree relies on (see {@code docs/btree.md}): an image returned by {@link #write(int)}
 * stays this transaction's image of the page for the rest of the operation, even across later calls
 * that return {@code IO}; and {@link #read(int)} may return that same array for a page the
 * transaction already wrote (the tree decodes everything it read before it writes anything).
 */
public interface PageStore {
    /** @return page size in bytes (a power of two, 512..65536) */
    int pageSize();

    /** @return bytes at the start of each page that the tree may use */
    int usableSize();

    /**
     * Reads a page as this transaction sees it: its own dirty copy if it wrote the page, else the
     * committed version at its snapshot. The returned array must not be modified.
     *
     * @param pageNo page number, &gt;= 2
     * @return the page image
     */
    IOResult<byte[]> read(int pageNo);

    /**
     * Returns this transaction's private, writable copy of a page (copy-on-write on first call).
     * Requires a write transaction.
     *
     * @param pageNo page number, &gt;= 2
     * @return the writable page image
     */
    IOResult<byte[]> write(int pageNo);

    /**
     * Allocates a page (reusing the freelist first, else growing the database) and returns its
     * number; its writable image is zero-filled and obtained with {@link #write(int)}.
     *
     * @return the new page number
     */
    IOResult<Integer> allocate();

    /**
     * Returns a page to the freelist. The tree must not reference it afterwards.
     *
     * @param pageNo page number, &gt;= 2
     * @return done when freed
     */
    IOResult<Void> free(int pageNo);

    /** @return the tree's root page number, or 0 when the tree has no root yet */
    int rootPage();

    /**
     * Records a new root page number (written with the transaction).
     *
     * @param pageNo the new root
     */
    void setRootPage(int pageNo);

    /**
     * The operation in progress planned a structural change (for statistics only; the store must not act on it).
     * A change is told once, when it is planned; it takes effect only if the transaction commits.
     *
     * @param change what changed
     */
    default void treeChanged(TreeChange change) {
    }

    /** @return the yield injector installed for this connection ({@link YieldInjector#NONE} in production) */
    YieldInjector yields();
}
