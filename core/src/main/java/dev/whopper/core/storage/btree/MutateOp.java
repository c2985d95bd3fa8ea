package dev.whopper.core.storage.btree;

import dev.whopper.core.io.IOResult;
import dev.whopper.core.sm.StateTransition;
import dev.whopper.core.sm.Transition;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link BTree#put} ({@code value != null}) and {@link BTree#delete} ({@code value == null}), in
 * "plan, then apply" style.
 *
 * <ol>
 *   <li>DESCEND: read the path root..leaf, recording each image only after its read returned Done.</li>
 *   <li>MODIFY_LEAF, BALANCE, READ_SIBLING: decode path pages into private {@link Node} copies and
 *       change those, one level per transition, from the leaf up: split an overfull node, merge or
 *       redistribute an underfull one with a sibling (read on demand), collapse or split the root.
 *       New pages get negative placeholder numbers. Nothing outside this object changes.</li>
 *   <li>ALLOCATE: obtain one real page per placeholder, then resolve placeholders.</li>
 *   <li>ACQUIRE: obtain a writable image of every changed page.</li>
 *   <li>APPLY: encode every node into its image (no call that can yield), then SET_ROOT, then
 *       FREE the pages that left the tree.</li>
 * </ol>
 *
 * Every transition either returns {@code Io} before changing anything, or changes only this object's
 * state and moves to the next phase in the same transition, so a re-entry continues exactly there.
 */
final class MutateOp implements StateTransition<Boolean> {
    private enum Phase { START, DESCEND, MODIFY_LEAF, BALANCE, READ_SIBLING, ALLOCATE, ACQUIRE, APPLY, SET_ROOT, FREE,
        FAST_ACQUIRE, FAST_APPLY }

    private final BTree tree;
    private final byte[] key;
    private final byte[] value;
    private Phase phase = Phase.START;
    private boolean result;

    /* DESCEND */
    private int page;
    /** Levels read so far: pathPages[0..pathLen) and pathImages[0..pathLen). */
    private int pathLen;
    private int[] pathPages = new int[4];
    private byte[][] pathImages = new byte[4][];
    /** pathIdx[l] = index of the child of path level l taken to reach level l+1. */
    private int[] pathIdx = new int[4];

    /* planning */
    private Node[] nodes;
    private int level;
    private int siblingPage;
    private boolean siblingLeft;
    private final ArrayList<Node> dirty = new ArrayList<>();
    private final ArrayList<Node> created = new ArrayList<>();
    private final ArrayList<Integer> toFree = new ArrayList<>();
    private boolean rootChanges;
    private int newRoot;

    /* applying */
    private int[] allocated;
    private int allocIdx;
    private List<Node> writes;
    private byte[][] buffers;
    private int acquireIdx;
    private int freeIdx;

    /* fast path: the planned search result, cell count and lowest cell offset of the leaf */
    private int fastIndex;
    private int fastCount;
    private int fastLow;

    MutateOp(BTree tree, byte[] key, byte[] value) {
        this.tree = tree;
        this.key = key;
        this.value = value;
    }

    @Override
    public Transition<Boolean> transition() {
        return switch (phase) {
            case START -> start();
            case DESCEND -> descend();
            case MODIFY_LEAF -> modifyLeaf();
            case BALANCE -> balance();
            case READ_SIBLING -> readSibling();
            case ALLOCATE -> allocate();
            case ACQUIRE -> acquire();
            case APPLY -> apply();
            case SET_ROOT -> setRoot();
            case FREE -> free();
            case FAST_ACQUIRE -> fastAcquire();
            case FAST_APPLY -> fastApply();
        };
    }

    private Transition<Boolean> start() {
        int root = tree.store.rootPage();
        if (root == 0) {
            if (value == null) {
                return Transition.done(false);
            }
            Node leaf = newNode(true);
            leaf.keys.add(key);
            leaf.values.add(value);
            rootChanges = true;
            newRoot = leaf.pageNo;
            result = true;
            phase = Phase.ALLOCATE;
            return Transition.proceed();
        }
        page = root;
        phase = Phase.DESCEND;
        return Transition.proceed();
    }

    private Transition<Boolean> descend() {
        if (pathLen >= BTree.MAX_DEPTH) {
            throw new IllegalStateException("tree deeper than " + BTree.MAX_DEPTH + " levels at page " + page);
        }
        IOResult<byte[]> r = tree.store.read(page);
        if (r.isIo()) return Transition.from(r);
        byte[] img = r.value();
        // Only the header here; an interior page's cells as the search visits them, a leaf's in MODIFY_LEAF
        // (every cell: by fastPutFits or by Node.decode).
        NodeLayout.checkHeader(img, tree.usable, page);
        if (pathLen == pathPages.length) {
            pathPages = java.util.Arrays.copyOf(pathPages, pathLen * 2);
            pathImages = java.util.Arrays.copyOf(pathImages, pathLen * 2);
            pathIdx = java.util.Arrays.copyOf(pathIdx, pathLen * 2);
        }
        pathPages[pathLen] = page;
        pathImages[pathLen] = img;
        pathLen++;
        if (NodeLayout.isLeaf(img)) {
            phase = Phase.MODIFY_LEAF;
        } else {
            int idx = NodeLayout.checkedChildIndex(img, key, tree.usable, page);
            int child = NodeLayout.child(img, idx);
            if (child < 2) {
                throw new MalformedPageException("page " + page + " has invalid child page " + child);
            }
            pathIdx[pathLen - 1] = idx;
            page = child;
        }
        return tree.yieldOr(BTreeYieldPoint.PAGE_LOADED);
    }

    private Node node(int l) {
        if (nodes[l] == null) {
            nodes[l] = Node.decode(pathPages[l], pathImages[l], tree.usable);
        }
        return nodes[l];
    }

    private Node newNode(boolean leaf) {
        Node n = new Node(-(created.size() + 1), leaf);
        created.add(n);
        markDirty(n);
        return n;
    }

    private void markDirty(Node n) {
        if (!n.dirty) {
            n.dirty = true;
            dirty.add(n);
        }
    }

    private void release(Node n) {
        if (n.pageNo < 2) {
            throw new IllegalStateException("freeing page " + n.pageNo + " that was never allocated");
        }
        n.freed = true;
        toFree.add(n.pageNo);
    }

    private Transition<Boolean> modifyLeaf() {
        if (value != null && fastPutFits()) {
            result = true;
            phase = Phase.FAST_ACQUIRE;
            return Transition.proceed();
        }
        level = pathLen - 1;
        nodes = new Node[level + 1];
        Node leaf = node(level);
        int i = leaf.search(key);
        if (value != null) {
            if (i >= 0) {
                leaf.values.set(i, value);
            } else {
                leaf.keys.add(-i - 1, key);
                leaf.values.add(-i - 1, value);
            }
        } else {
            if (i < 0) {
                return Transition.done(false);
            }
            leaf.keys.remove(i);
            leaf.values.remove(i);
        }
        markDirty(leaf);
        result = true;
        phase = Phase.BALANCE;
        return Transition.proceed();
    }

    /*
     * Fast path of a put that needs no balancing: replacing a value by one of the same length, or
     * inserting a cell that fits in the leaf's contiguous free space, is done in the page image itself
     * (no Node decode, no re-encode). The plan is only "edit this leaf"; the edit happens in FAST_APPLY
     * after the writable image was acquired, like APPLY. Anything else takes the general path.
     */

    /** @return true when the put is a same-length replacement or an insert that fits without balancing */
    private boolean fastPutFits() {
        int l = pathLen - 1;
        byte[] img = pathImages[l];
        int pageNo = pathPages[l];
        if (img[0] != NodeLayout.LEAF) {
            throw new IllegalStateException("page " + pageNo + " is not a leaf (type " + img[0] + ")");
        }
        // Only the cells the search visits are checked (and, for an insert, every slot offset): the fast
        // path reads and writes nothing else. The fill bounds hold before the put (every mutation balances),
        // so a same-length replacement keeps them, and an insert that fits the contiguous free space keeps
        // the content within the capacity and the leaf above its lower bound.
        int i = NodeLayout.checkedSearch(img, key, tree.usable, pageNo);
        int n = NodeLayout.count(img);
        int low = 0;
        if (i >= 0) {
            int off = NodeLayout.cellOffset(img, i);
            if (NodeLayout.u16(img, off + 2) != value.length) {
                return false;
            }
        } else {
            low = NodeLayout.lowestCellOffset(img, tree.usable, pageNo);
            int len = 4 + key.length + value.length;
            if (n + 1 > 0xFFFF || low - len < NodeLayout.HEADER + 2 * (n + 1)) {
                return false;
            }
        }
        fastIndex = i;
        fastCount = n;
        fastLow = low;
        return true;
    }

    private Transition<Boolean> fastAcquire() {
        int leafPage = pathPages[pathLen - 1];
        IOResult<byte[]> r = tree.store.write(leafPage);
        if (r.isIo()) return Transition.from(r);
        buffers = new byte[][] {r.value()};
        phase = Phase.FAST_APPLY;
        return tree.yieldOr(BTreeYieldPoint.BEFORE_APPLY);
    }

    private Transition<Boolean> fastApply() {
        byte[] p = buffers[0];
        int leafPage = pathPages[pathLen - 1];
        // The writable image has the content of the image planned on (same array, or its copy).
        if (NodeLayout.count(p) != fastCount || p[0] != NodeLayout.LEAF) {
            throw new IllegalStateException("page " + leafPage + " changed between plan and apply");
        }
        if (fastIndex >= 0) {
            int off = NodeLayout.cellOffset(p, fastIndex);
            System.arraycopy(value, 0, p, off + 4 + key.length, value.length);
        } else {
            int at = -fastIndex - 1;
            int n = fastCount;
            int len = 4 + key.length + value.length;
            int off = fastLow - len;
            NodeLayout.putU16(p, off, key.length);
            NodeLayout.putU16(p, off + 2, value.length);
            System.arraycopy(key, 0, p, off + 4, key.length);
            System.arraycopy(value, 0, p, off + 4 + key.length, value.length);
            int slot = NodeLayout.HEADER + 2 * at;
            System.arraycopy(p, slot, p, slot + 2, 2 * (n - at));
            NodeLayout.putU16(p, slot, off);
            NodeLayout.putU16(p, 2, n + 1);
        }
        return Transition.done(result);
    }

    /** Balances the node at {@code level}, which this operation changed. */
    private Transition<Boolean> balance() {
        Node n = nodes[level];
        int size = n.contentSize();
        if (level == 0) {
            if (size > tree.capacity) {
                tree.store.treeChanged(TreeChange.ROOT_SPLIT);
                Node root = newNode(false);
                root.children.add(n.pageNo);
                byte[] sep = split(n);
                root.keys.add(sep);
                root.children.add(n.right);
                rootChanges = true;
                newRoot = root.pageNo;
            } else if (n.keys.isEmpty()) {
                // Interior root with one child: the child becomes the root; empty root leaf: empty tree.
                tree.store.treeChanged(TreeChange.ROOT_COLLAPSE);
                rootChanges = true;
                newRoot = n.leaf ? 0 : n.children.get(0);
                release(n);
            }
            phase = Phase.ALLOCATE;
            return Transition.proceed();
        }
        int idx = pathIdx[level - 1];
        if (size > tree.capacity) {
            tree.store.treeChanged(TreeChange.SPLIT);
            Node parent = node(level - 1);
            byte[] sep = split(n);
            parent.keys.add(idx, sep);
            parent.children.add(idx + 1, n.right);
            markDirty(parent);
            level--;
            return tree.yieldOr(BTreeYieldPoint.BALANCE_LEVEL);
        }
        if (tree.underfull(size)) {
            Node parent = node(level - 1);
            if (parent.children.size() < 2) {
                throw new IllegalStateException("non-root interior page " + parent.pageNo + " has a single child");
            }
            siblingLeft = idx > 0;
            siblingPage = parent.children.get(siblingLeft ? idx - 1 : idx + 1);
            phase = Phase.READ_SIBLING;
            return Transition.proceed();
        }
        phase = Phase.ALLOCATE;
        return Transition.proceed();
    }

    private Transition<Boolean> readSibling() {
        IOResult<byte[]> r = tree.store.read(siblingPage);
        if (r.isIo()) return Transition.from(r);
        Node n = nodes[level];
        Node sib = Node.decode(siblingPage, r.value(), tree.usable);
        if (sib.leaf != n.leaf) {
            throw new IllegalStateException("sibling page " + siblingPage + " of page " + n.pageNo + " is on another level");
        }
        Node parent = node(level - 1);
        int idx = pathIdx[level - 1];
        Node left = siblingLeft ? sib : n;
        Node right = siblingLeft ? n : sib;
        int sepIdx = siblingLeft ? idx - 1 : idx;
        byte[] sep = parent.keys.get(sepIdx);
        int combined = left.contentSize() + right.contentSize()
                + (n.leaf ? 0 : NodeLayout.INTERIOR_CELL_OVERHEAD + sep.length);
        if (combined <= tree.capacity) {
            // Merge right into left; right leaves the tree.
            tree.store.treeChanged(TreeChange.MERGE);
            if (n.leaf) {
                left.keys.addAll(right.keys);
                left.values.addAll(right.values);
            } else {
                left.keys.add(sep);
                left.keys.addAll(right.keys);
                left.children.addAll(right.children);
            }
            left.right = right.right;
            parent.keys.remove(sepIdx);
            parent.children.remove(sepIdx + 1);
            markDirty(left);
            release(right);
        } else {
            // Redistribute: pool both nodes (with the separator between interiors) and split again.
            tree.store.treeChanged(TreeChange.REDISTRIBUTE);
            if (n.leaf) {
                left.keys.addAll(right.keys);
                left.values.addAll(right.values);
                right.keys.clear();
                right.values.clear();
            } else {
                left.keys.add(sep);
                left.keys.addAll(right.keys);
                left.children.addAll(right.children);
                right.keys.clear();
                right.children.clear();
            }
            byte[] newSep = splitInto(left, right);
            parent.keys.set(sepIdx, newSep);
            markDirty(left);
            markDirty(right);
        }
        markDirty(parent);
        level--;
        phase = Phase.BALANCE;
        return tree.yieldOr(BTreeYieldPoint.BALANCE_LEVEL);
    }

    /**
     * Splits an overfull node into itself and a new right sibling (a placeholder), linking them.
     *
     * @return the separator for the parent (the new right node's number is {@code n.right})
     */
    private byte[] split(Node n) {
        Node right = newNode(n.leaf);
        right.right = n.right;
        byte[] sep = splitInto(n, right);
        n.right = right.pageNo;
        return sep;
    }

    /**
     * Moves the upper part of {@code left}'s cells to the empty {@code right} at the point that best
     * balances the two while both fit (an interior's middle key moves up instead).
     *
     * @return the separator between the two
     */
    private byte[] splitInto(Node left, Node right) {
        int n = left.keys.size();
        int[] sizes = new int[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            sizes[i] = left.cellSize(i);
            total += sizes[i];
        }
        int cap = tree.capacity;
        int best = -1;
        long bestDiff = Long.MAX_VALUE;
        long prefix = 0;
        for (int m = 0; m < n; m++) {
            // Leaf: left = [0, m), right = [m, n). Interior: left = [0, m), key m moves up, right = (m, n).
            long l = prefix;
            long r = left.leaf ? total - prefix : total - prefix - sizes[m];
            boolean valid = left.leaf ? m >= 1 : m >= 1 && m <= n - 2;
            if (valid && l <= cap && r <= cap && Math.abs(l - r) < bestDiff) {
                bestDiff = Math.abs(l - r);
                best = m;
            }
            prefix += sizes[m];
        }
        if (best < 0) {
            throw new IllegalStateException("page " + left.pageNo + " with " + n + " cells of " + total
                    + " bytes cannot be split into two pages of " + cap + " bytes");
        }
        if (left.leaf) {
            right.keys.addAll(Node.tail(left.keys, best));
            right.values.addAll(Node.tail(left.values, best));
            return right.keys.get(0);
        }
        List<byte[]> upper = Node.tail(left.keys, best);
        byte[] sep = upper.get(0);
        right.keys.addAll(upper.subList(1, upper.size()));
        right.children.addAll(Node.tail(left.children, best + 1));
        return sep;
    }

    private int resolve(int pageNo) {
        return pageNo < 0 ? allocated[-pageNo - 1] : pageNo;
    }

    private Transition<Boolean> allocate() {
        if (allocated == null) {
            allocated = new int[created.size()];
        }
        while (allocIdx < allocated.length) {
            IOResult<Integer> r = tree.store.allocate();
            if (r.isIo()) return Transition.from(r);
            int p = r.value();
            if (p < 2) {
                throw new IllegalStateException("store allocated invalid page " + p);
            }
            allocated[allocIdx++] = p;
        }
        ArrayList<Node> w = new ArrayList<>(dirty.size());
        for (Node n : dirty) {
            if (n.freed) {
                continue;
            }
            n.pageNo = resolve(n.pageNo);
            n.right = resolve(n.right);
            if (!n.leaf) {
                for (int i = 0; i < n.children.size(); i++) {
                    n.children.set(i, resolve(n.children.get(i)));
                }
            }
            w.add(n);
        }
        newRoot = resolve(newRoot);
        writes = w;
        buffers = new byte[w.size()][];
        phase = Phase.ACQUIRE;
        return Transition.proceed();
    }

    private Transition<Boolean> acquire() {
        while (acquireIdx < writes.size()) {
            IOResult<byte[]> r = tree.store.write(writes.get(acquireIdx).pageNo);
            if (r.isIo()) return Transition.from(r);
            buffers[acquireIdx++] = r.value();
        }
        phase = Phase.APPLY;
        return tree.yieldOr(BTreeYieldPoint.BEFORE_APPLY);
    }

    private Transition<Boolean> apply() {
        for (int i = 0; i < writes.size(); i++) {
            writes.get(i).encodeInto(buffers[i], tree.usable);
        }
        phase = Phase.SET_ROOT;
        return rootChanges ? tree.yieldOr(BTreeYieldPoint.BEFORE_ROOT_CHANGE) : Transition.proceed();
    }

    private Transition<Boolean> setRoot() {
        if (rootChanges) {
            tree.store.setRootPage(newRoot);
        }
        phase = Phase.FREE;
        return toFree.isEmpty() ? Transition.proceed() : tree.yieldOr(BTreeYieldPoint.BEFORE_FREE);
    }

    private Transition<Boolean> free() {
        while (freeIdx < toFree.size()) {
            IOResult<Void> r = tree.store.free(toFree.get(freeIdx));
            if (r.isIo()) return Transition.from(r);
            freeIdx++;
        }
        return Transition.done(result);
    }
}
