package dev.whopper.bench;

import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.YieldInjector;
import dev.whopper.core.storage.btree.PageStore;
import java.util.ArrayDeque;
import java.util.ArrayList;

/**
 * The simplest {@link PageStore}: pages in a list, a LIFO freelist, every call Done at once, no
 * yields. Measures the B+tree's own cost without a pager.
 */
public final class MemoryPageStore implements PageStore {
    private final int pageSize;
    private final int usableSize;
    private final ArrayList<byte[]> pages = new ArrayList<>();
    private final ArrayDeque<Integer> freelist = new ArrayDeque<>();
    private int root;

    /**
     * @param pageSize   page size in bytes
     * @param usableSize bytes of each page the tree may use
     */
    public MemoryPageStore(int pageSize, int usableSize) {
        if (usableSize <= 0 || usableSize > pageSize) {
            throw new IllegalArgumentException("usableSize: " + usableSize + " (expected: 1.." + pageSize + ")");
        }
        this.pageSize = pageSize;
        this.usableSize = usableSize;
        pages.add(null);
        pages.add(new byte[pageSize]);
    }

    @Override
    public int pageSize() {
        return pageSize;
    }

    @Override
    public int usableSize() {
        return usableSize;
    }

    @Override
    public IOResult<byte[]> read(int pageNo) {
        return IOResult.done(pages.get(pageNo));
    }

    @Override
    public IOResult<byte[]> write(int pageNo) {
        return IOResult.done(pages.get(pageNo));
    }

    @Override
    public IOResult<Integer> allocate() {
        Integer p = freelist.pollFirst();
        if (p != null) {
            java.util.Arrays.fill(pages.get(p), (byte) 0);
            return IOResult.done(p);
        }
        pages.add(new byte[pageSize]);
        return IOResult.done(pages.size() - 1);
    }

    @Override
    public IOResult<Void> free(int pageNo) {
        freelist.push(pageNo);
        return IOResult.done();
    }

    @Override
    public int rootPage() {
        return root;
    }

    @Override
    public void setRootPage(int pageNo) {
        root = pageNo;
    }

    @Override
    public YieldInjector yields() {
        return YieldInjector.NONE;
    }

    /** @return pages in the store, including page 1 */
    public int pageCount() {
        return pages.size() - 1;
    }
}
