package dev.whopper.core.storage.btree;

import dev.whopper.core.io.IOResult;
import dev.whopper.core.sm.StateTransition;
import dev.whopper.core.sm.Transition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;

/**
 * {@link BTree#check()}: a depth-first walk (left to right) with an explicit stack. A frame is popped
 * only after its page was read, so a re-entry reads the same page again.
 */
final class CheckOp implements StateTransition<TreeCheck> {
    /** Problems beyond this many are summarized in one line. */
    static final int MAX_PROBLEMS = 100;

    private record Frame(int page, int depth, byte[] lo, byte[] hi) { }

    private final BTree tree;
    private final ArrayDeque<Frame> stack = new ArrayDeque<>();
    private final ArrayList<String> problems = new ArrayList<>();
    private int omitted;
    private final BitSet visited = new BitSet();
    /** Per depth (index depth-1): pages in left-to-right order and their right-sibling fields. */
    private final ArrayList<ArrayList<int[]>> levels = new ArrayList<>();
    private int root = -1;
    private int leafDepth;
    private long entries;

    CheckOp(BTree tree) {
        this.tree = tree;
    }

    private void problem(String s) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(s);
        } else {
            omitted++;
        }
    }

    private static String hex(byte[] k) {
        return k == null ? "-" : HexFormat.of().formatHex(k);
    }

    @Override
    public Transition<TreeCheck> transition() {
        if (root == -1) {
            root = tree.store.rootPage();
            if (root == 0) {
                return Transition.done(new TreeCheck(List.of(), new int[0], 0, 0));
            }
            if (root < 2) {
                return Transition.done(new TreeCheck(List.of("root page number " + root + " is invalid"), new int[0], 0, 0));
            }
            stack.push(new Frame(root, 1, null, null));
        }
        if (stack.isEmpty()) {
            return Transition.done(finish());
        }
        Frame f = stack.peek();
        if (visited.get(f.page())) {
            stack.pop();
            problem("page " + f.page() + " is reached twice");
            return Transition.proceed();
        }
        IOResult<byte[]> r = tree.store.read(f.page());
        if (r.isIo()) return Transition.from(r);
        stack.pop();
        visited.set(f.page());
        visit(f, r.value());
        return tree.yieldOr(BTreeYieldPoint.PAGE_LOADED);
    }

    private void visit(Frame f, byte[] img) {
        int page = f.page();
        String structure = NodeLayout.structureProblem(img, tree.usable);
        if (structure != null) {
            problem("page " + page + ": " + structure);
            return;
        }
        String layout = layoutProblem(img);
        if (layout != null) {
            problem("page " + page + ": " + layout);
        }
        while (levels.size() < f.depth()) {
            levels.add(new ArrayList<>());
        }
        levels.get(f.depth() - 1).add(new int[] {page, NodeLayout.right(img)});
        boolean leaf = NodeLayout.isLeaf(img);
        int n = NodeLayout.count(img);
        int content = NodeLayout.contentSize(img);
        if (page != root && tree.underfull(content)) {
            problem("page " + page + " is underfull: " + content + " of " + tree.capacity
                    + " content bytes used (minimum a quarter)");
        }
        byte[] prev = null;
        for (int i = 0; i < n; i++) {
            byte[] k = NodeLayout.key(img, i);
            if (prev != null && Arrays.compareUnsigned(prev, k) >= 0) {
                problem("page " + page + ": key " + i + " (" + hex(k) + ") is not above key " + (i - 1) + " (" + hex(prev) + ")");
            }
            if (f.lo() != null && Arrays.compareUnsigned(k, f.lo()) < 0) {
                problem("page " + page + ": key " + i + " (" + hex(k) + ") is below its lower bound " + hex(f.lo()));
            }
            if (f.hi() != null && Arrays.compareUnsigned(k, f.hi()) >= 0) {
                problem("page " + page + ": key " + i + " (" + hex(k) + ") is not below its upper bound " + hex(f.hi()));
            }
            prev = k;
        }
        if (leaf) {
            entries += n;
            if (leafDepth == 0) {
                leafDepth = f.depth();
            } else if (leafDepth != f.depth()) {
                problem("leaf page " + page + " is at depth " + f.depth() + ", other leaves at depth " + leafDepth);
            }
            return;
        }
        if (n == 0) {
            problem(page == root ? "root page " + page + " is an interior page with a single child"
                    : "interior page " + page + " has no keys");
        }
        if (f.depth() >= BTree.MAX_DEPTH) {
            problem("page " + page + " is at depth " + f.depth() + ": not descending further");
            return;
        }
        for (int i = n; i >= 0; i--) {
            int child = NodeLayout.child(img, i);
            if (child < 2) {
                problem("page " + page + ": child " + i + " has invalid page number " + child);
                continue;
            }
            byte[] lo = i == 0 ? f.lo() : NodeLayout.key(img, i - 1);
            byte[] hi = i == n ? f.hi() : NodeLayout.key(img, i);
            stack.push(new Frame(child, f.depth() + 1, lo, hi));
        }
    }

    /** Reserved header bytes must be zero and no two cells may overlap. */
    private static String layoutProblem(byte[] img) {
        if (img[1] != 0) {
            return "reserved header byte is " + img[1];
        }
        if (NodeLayout.isLeaf(img) && NodeLayout.i32(img, 8) != 0) {
            return "leaf has a child-0 field of " + NodeLayout.i32(img, 8);
        }
        int n = NodeLayout.count(img);
        long[] cells = new long[n];
        for (int i = 0; i < n; i++) {
            int off = NodeLayout.cellOffset(img, i);
            int k = NodeLayout.u16(img, off);
            int len = NodeLayout.isLeaf(img) ? 4 + k + NodeLayout.u16(img, off + 2) : 6 + k;
            cells[i] = ((long) off << 32) | len;
        }
        Arrays.sort(cells);
        for (int i = 1; i < n; i++) {
            int prevEnd = (int) (cells[i - 1] >>> 32) + (int) cells[i - 1];
            if ((int) (cells[i] >>> 32) < prevEnd) {
                return "cells at offsets " + (cells[i - 1] >>> 32) + " and " + (cells[i] >>> 32) + " overlap";
            }
        }
        return null;
    }

    private TreeCheck finish() {
        for (int d = 0; d < levels.size(); d++) {
            List<int[]> lv = levels.get(d);
            for (int i = 0; i < lv.size(); i++) {
                int expected = i + 1 < lv.size() ? lv.get(i + 1)[0] : 0;
                if (lv.get(i)[1] != expected) {
                    problem("page " + lv.get(i)[0] + " (depth " + (d + 1) + "): right sibling is " + lv.get(i)[1]
                            + ", expected " + expected);
                }
            }
        }
        if (omitted > 0) {
            problems.add("... and " + omitted + " more problems");
        }
        return new TreeCheck(problems, visited.stream().toArray(), leafDepth == 0 ? levels.size() : leafDepth, entries);
    }
}
