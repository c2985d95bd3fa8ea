package dev.whopper.core.db;

import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.YieldInjector;
import dev.whopper.core.sm.StateMachine;
import dev.whopper.core.sm.StateTransition;
import dev.whopper.core.sm.Transition;
import dev.whopper.core.storage.btree.BTree;
import dev.whopper.core.storage.btree.TreeCheck;
import dev.whopper.core.storage.page.FreelistPage;
import java.util.ArrayList;
import java.util.List;

/**
 * The integrity check, at a read snapshot: the tree's own check, the freelist chain, the checksum of
 * every page 1..pageCount, that every page is exactly one of header / tree / freelist, and the database
 * file's size against the page count (equal once the snapshot is fully checkpointed, never larger).
 */
final class IntegrityCheck implements StateTransition<IntegrityReport> {
    private static final int MAX_PROBLEMS = 100;
    private static final byte HEADER = 1;
    private static final byte TREE = 2;
    private static final byte FREE = 3;

    private enum State { HEADER, TREE, FREELIST, PAGES, FINISH }

    private final Database db;
    private final Transaction txn;
    private final Pager pager;
    private final List<String> problems = new ArrayList<>();
    private final List<PageSource> corruptReads = new ArrayList<>();
    private int unplacedCorruptions;
    private State state = State.HEADER;
    private StateMachine<TreeCheck> treeCheck;
    private byte[] owner;
    private int freePage;
    private int freeSeen;
    private int page;

    IntegrityCheck(Database db) {
        this.db = db;
        this.txn = new Transaction(db, -db.newConnectionId(), YieldInjector.NONE);
        this.pager = txn.pager();
    }

    @Override
    public Transition<IntegrityReport> transition() {
        try {
            Transition<IntegrityReport> t = step();
            if (t instanceof Transition.Io<IntegrityReport>) {
                pager.releasePins();
            }
            return t;
        } catch (RuntimeException | Error e) {
            txn.end();
            throw e;
        }
    }

    private void problem(String p) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(p);
        } else if (problems.size() == MAX_PROBLEMS) {
            problems.add("... more problems not listed");
        }
    }

    /**
     * A page could not be used. Damage (CORRUPT: a checksum mismatch, a missing page, a bad structure) is a
     * finding; anything else (a device's I/O error, misuse) fails the check, since it says nothing about what
     * is stored.
     *
     * @param e    the failure
     * @param where what was being read, prefixed to the problem ("" for none)
     * @throws DbException {@code e} itself unless it is CORRUPT
     */
    private void damage(DbException e, String where) {
        if (e.error() != DbError.CORRUPT) {
            throw e;
        }
        if (e.source() == null) {
            unplacedCorruptions++;
        } else if (!corruptReads.contains(e.source())) {
            corruptReads.add(e.source());
        }
        problem(where + e.detail());
    }

    private void own(int p, byte what, String name) {
        if (p < 1 || p >= owner.length) {
            problem(name + " page " + p + " is outside the database (pages 1.." + (owner.length - 1) + ")");
            return;
        }
        if (owner[p] != 0) {
            problem("page " + p + " is used twice (as " + label(owner[p]) + " and as " + name + ")");
            return;
        }
        owner[p] = what;
    }

    private static String label(byte b) {
        return switch (b) {
            case HEADER -> "header";
            case TREE -> "tree";
            case FREE -> "freelist";
            default -> "?";
        };
    }

    private Transition<IntegrityReport> step() {
        return switch (state) {
            case HEADER -> checkHeader();
            case TREE -> checkTree();
            case FREELIST -> checkFreelist();
            case PAGES -> checkPages();
            case FINISH -> throw new IllegalStateException("integrity check: state " + state);
        };
    }

    private Transition<IntegrityReport> checkHeader() {
        db.checkOpen();
        txn.ensureSnapshot();
        try {
            IOResult<Void> r = txn.loadHeader();
            if (r.isIo()) return Transition.from(r);
        } catch (DbException e) {
            damage(e, "header: ");
            return finish();
        }
        owner = new byte[pager.pageCount() + 1];
        owner[1] = HEADER;
        state = State.TREE;
        return Transition.proceed();
    }

    private Transition<IntegrityReport> checkTree() {
        if (treeCheck == null) {
            treeCheck = new BTree(txn).check();
        }
        try {
            IOResult<TreeCheck> r = treeCheck.step();
            if (r.isIo()) return Transition.from(r);
            TreeCheck c = r.value();
            for (String p : c.problems()) {
                problem("tree: " + p);
            }
            for (int p : c.pagesUsed()) {
                own(p, TREE, "tree");
            }
        } catch (DbException e) {
            damage(e, "tree: ");
        }
        freePage = pager.freelistHead();
        state = State.FREELIST;
        return Transition.proceed();
    }

    private Transition<IntegrityReport> checkFreelist() {
        while (freePage != 0) {
            if (freeSeen > pager.pageCount()) {
                problem("freelist has a cycle (more than " + pager.pageCount() + " pages)");
                break;
            }
            if (freePage < 2 || freePage > pager.pageCount()) {
                problem("freelist links to page " + freePage + " (database has " + pager.pageCount() + " pages)");
                break;
            }
            byte[] img;
            try {
                IOResult<byte[]> r = txn.readCommitted(freePage);
                if (r.isIo()) return Transition.from(r);
                img = r.value();
            } catch (DbException e) {
                damage(e, "freelist: ");
                break;
            }
            if (!FreelistPage.isFree(img)) {
                problem("freelist page " + freePage + " lacks the free-page magic");
                break;
            }
            if (owner[freePage] == FREE) {
                problem("freelist has a cycle at page " + freePage);
                break;
            }
            own(freePage, FREE, "freelist");
            freeSeen++;
            freePage = FreelistPage.next(img);
        }
        if (freeSeen != pager.freelistCount() && freePage == 0) {
            problem("header says " + pager.freelistCount() + " free pages, the freelist has " + freeSeen);
        }
        page = 1;
        state = State.PAGES;
        return Transition.proceed();
    }

    private Transition<IntegrityReport> checkPages() {
        while (page <= pager.pageCount()) {
            try {
                IOResult<byte[]> r = txn.readCommitted(page);
                if (r.isIo()) return Transition.from(r);
            } catch (DbException e) {
                damage(e, "");
            }
            if (owner[page] == 0) {
                problem("page " + page + " is neither header, tree nor freelist (lost page)");
            }
            page++;
            if ((page & 63) == 0) {
                pager.releasePins();
            }
        }
        return finish();
    }

    private Transition<IntegrityReport> finish() {
        if (owner != null) {
            long expected = (long) pager.pageCount() * db.pageSize();
            long size = db.dbFile().size();
            // Fully checkpointed by a checkpoint of this WAL generation: the file holds exactly the pages
            // (the checkpoint trims pages left past the page count). Otherwise pages may still live in the
            // WAL, and pages past the page count (left by commits lost to a damaged WAL before recovery)
            // are not part of the database until a checkpoint trims them.
            boolean fullyCheckpointed = db.wal().backfilled() >= txn.snapshot();
            if (fullyCheckpointed && size < expected) {
                problem("database file is " + size + " bytes, expected " + expected + " (" + pager.pageCount()
                    + " pages of " + db.pageSize() + " bytes, fully checkpointed): pages are missing");
            } else if (fullyCheckpointed && txn.snapshot() > 0 && size > expected) {
                problem("database file is " + size + " bytes, expected " + expected + " (" + pager.pageCount()
                    + " pages of " + db.pageSize() + " bytes, fully checkpointed)");
            }
        }
        txn.end();
        state = State.FINISH;
        return Transition.done(new IntegrityReport(problems, corruptReads, unplacedCorruptions));
    }
}
