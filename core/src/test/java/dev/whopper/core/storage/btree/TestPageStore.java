package dev.whopper.core.storage.btree;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.CompletionError;
import dev.whopper.core.io.ErrorCode;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.YieldInjector;
import dev.whopper.core.io.YieldPoint;
import dev.whopper.core.random.SplitMix64;
import dev.whopper.core.sm.StateMachine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An in-memory {@link PageStore} for tests: pages in a list (page 1 is a header stand-in), a freelist
 * that allocation reuses lowest-first, a 4-byte trailer per page filled with a pattern the tree must
 * never touch, and optional misbehaviour: each call returns IO with a pending completion with
 * probability {@code ioProbability} (the call is performed when it is repeated after the completion
 * finished), and yields are injected with probability {@code yieldProbability}.
 */
final class TestPageStore implements PageStore {
    static final int TRAILER = 4;
    static final byte TRAILER_BYTE = (byte) 0xA5;
    static final byte FREED_BYTE = (byte) 0xDD;

    private final int pageSize;
    private final ArrayList<byte[]> pages = new ArrayList<>();
    private final TreeSet<Integer> freelist = new TreeSet<>();
    private final SplitMix64 rnd;
    private final double ioProbability;
    private final double yieldProbability;
    private final LinkedHashMap<String, Completion> tickets = new LinkedHashMap<>();
    private final ArrayList<Completion> inFlight = new ArrayList<>();
    private final TreeMap<String, Integer> yieldsTaken = new TreeMap<>();
    private final YieldInjector injector;
    /** Read images handed out, with a copy of their content at that time. */
    private final ArrayList<byte[][]> handedOut = new ArrayList<>();
    private int root;
    int allocations;
    int reused;
    int frees;
    int ioReturns;
    /**
     * When true, read() returns the live page array, the same one write() returns (as a pager may
     * for pages this transaction already wrote); when false, a copy that must stay unmodified.
     */
    boolean aliasReads;
    /** Chance that an IO return of a read or write finishes with an I/O error instead of success. */
    double failProbability;
    int failures;

    TestPageStore(int pageSize, long seed, double ioProbability, double yieldProbability) {
        this.pageSize = pageSize;
        this.rnd = new SplitMix64(seed);
        this.ioProbability = ioProbability;
        this.yieldProbability = yieldProbability;
        pages.add(null);
        pages.add(newPage());
        this.injector = this::decideYield;
    }

    TestPageStore(int pageSize) {
        this(pageSize, 1, 0, 0);
    }

    private boolean decideYield(YieldPoint p) {
        if (rnd.chance(yieldProbability)) {
            yieldsTaken.merge(p.name(), 1, Integer::sum);
            return true;
        }
        return false;
    }

    private byte[] newPage() {
        byte[] p = new byte[pageSize];
        Arrays.fill(p, pageSize - TRAILER, pageSize, TRAILER_BYTE);
        return p;
    }

    /** @return null to go on now, or a completion the caller must wait for */
    private Completion gate(String op) {
        Completion c = tickets.get(op);
        if (c != null) {
            if (!c.finished()) {
                return c;
            }
            tickets.remove(op);
            if (c.failed()) {
                throw c.error().toException();
            }
            return null;
        }
        if (rnd.chance(ioProbability)) {
            c = Completion.write(null);
            if ((op.startsWith("read") || op.startsWith("write")) && rnd.chance(failProbability)) {
                failures++;
                c.fail(new CompletionError(ErrorCode.IO_ERROR, op + " failed"));
                tickets.put(op, c);
                ioReturns++;
                return c;
            }
            tickets.put(op, c);
            inFlight.add(c);
            ioReturns++;
            return c;
        }
        return null;
    }

    /** Finishes one in-flight completion, chosen at random. @return false when none is in flight */
    boolean finishOne() {
        if (inFlight.isEmpty()) {
            return false;
        }
        Completion c = inFlight.remove(rnd.nextInt(inFlight.size()));
        c.complete(0);
        return true;
    }

    private void checkPage(int pageNo) {
        if (pageNo < 2 || pageNo >= pages.size()) {
            throw new AssertionError("page " + pageNo + " out of range [2, " + pages.size() + ")");
        }
        if (freelist.contains(pageNo)) {
            throw new AssertionError("page " + pageNo + " is on the freelist");
        }
    }

    @Override
    public int pageSize() {
        return pageSize;
    }

    @Override
    public int usableSize() {
        return pageSize - TRAILER;
    }

    @Override
    public IOResult<byte[]> read(int pageNo) {
        Completion c = gate("read " + pageNo);
        if (c != null) {
            return IOResult.io(c);
        }
        checkPage(pageNo);
        if (aliasReads) {
            return IOResult.done(pages.get(pageNo));
        }
        byte[] img = pages.get(pageNo).clone();
        handedOut.add(new byte[][] {img, img.clone()});
        return IOResult.done(img);
    }

    @Override
    public IOResult<byte[]> write(int pageNo) {
        Completion c = gate("write " + pageNo);
        if (c != null) {
            return IOResult.io(c);
        }
        checkPage(pageNo);
        return IOResult.done(pages.get(pageNo));
    }

    @Override
    public IOResult<Integer> allocate() {
        Completion c = gate("allocate");
        if (c != null) {
            return IOResult.io(c);
        }
        allocations++;
        Integer p = freelist.pollFirst();
        if (p != null) {
            reused++;
            byte[] img = pages.get(p);
            Arrays.fill(img, 0, pageSize - TRAILER, (byte) 0);
            return IOResult.done(p);
        }
        pages.add(newPage());
        return IOResult.done(pages.size() - 1);
    }

    @Override
    public IOResult<Void> free(int pageNo) {
        Completion c = gate("free " + pageNo);
        if (c != null) {
            return IOResult.io(c);
        }
        checkPage(pageNo);
        if (pageNo == root) {
            throw new AssertionError("freeing the current root page " + pageNo);
        }
        frees++;
        freelist.add(pageNo);
        Arrays.fill(pages.get(pageNo), 0, pageSize - TRAILER, FREED_BYTE);
        return IOResult.done();
    }

    @Override
    public int rootPage() {
        return root;
    }

    @Override
    public void setRootPage(int pageNo) {
        if (pageNo != 0) {
            checkPage(pageNo);
        }
        root = pageNo;
    }

    @Override
    public YieldInjector yields() {
        return injector;
    }

    /** @return the raw, live image of a page (tests corrupt pages through it) */
    byte[] raw(int pageNo) {
        return pages.get(pageNo);
    }

    /** @return pages in the file, including page 1 */
    int pageCount() {
        return pages.size() - 1;
    }

    List<Integer> freelist() {
        return List.copyOf(freelist);
    }

    Map<String, Integer> yieldsTaken() {
        return yieldsTaken;
    }

    /** Forgets calls left waiting by an operation that failed (as a rolled-back transaction would). */
    void abandonPending() {
        tickets.clear();
        inFlight.clear();
        handedOut.clear();
    }

    /**
     * Asserts what must hold between operations: no call left waiting, read images unmodified,
     * trailers intact.
     */
    void verifyQuiescent() {
        if (!tickets.isEmpty()) {
            throw new AssertionError("calls left waiting after the operation finished: " + tickets.keySet());
        }
        for (byte[][] h : handedOut) {
            if (!Arrays.equals(h[0], h[1])) {
                throw new AssertionError("the tree modified a page image returned by read()");
            }
        }
        handedOut.clear();
        for (int p = 1; p < pages.size(); p++) {
            byte[] img = pages.get(p);
            for (int i = pageSize - TRAILER; i < pageSize; i++) {
                if (img[i] != TRAILER_BYTE) {
                    throw new AssertionError("trailer of page " + p + " was overwritten");
                }
            }
        }
    }

    /**
     * Drives a machine to its end, finishing this store's pending completions while it waits.
     *
     * @return the machine's value
     */
    <T> T drive(StateMachine<T> m) {
        for (int steps = 0; steps < 1_000_000; steps++) {
            IOResult<T> r = m.step();
            if (r.isDone()) {
                verifyQuiescent();
                return r.value();
            }
            Completion c = r.completion();
            int guard = 0;
            while (!c.finished()) {
                if (!finishOne() || ++guard > 10_000) {
                    throw new AssertionError("machine waits on " + c + " that nobody will finish");
                }
            }
        }
        throw new AssertionError("machine did not finish in 1000000 steps");
    }
}
