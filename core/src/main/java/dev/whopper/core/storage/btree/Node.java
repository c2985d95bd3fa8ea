package dev.whopper.core.storage.btree;

import java.util.ArrayList;
import java.util.List;

/**
 * A decoded, privately owned, mutable copy of one tree page, used while a mutation is planned. Pages
 * created by the plan carry a negative placeholder number until they are allocated.
 */
final class Node {
    int pageNo;
    final boolean leaf;
    int right;
    final ArrayList<byte[]> keys;
    /** Leaf only. */
    final ArrayList<byte[]> values;
    /** Interior only: keys.size() + 1 children. */
    final ArrayList<Integer> children;
    boolean dirty;
    boolean freed;

    Node(int pageNo, boolean leaf) {
        this.pageNo = pageNo;
        this.leaf = leaf;
        this.keys = new ArrayList<>();
        this.values = leaf ? new ArrayList<>() : null;
        this.children = leaf ? null : new ArrayList<>();
    }

    /** Decodes a page image (which must be structurally valid) into a private copy. */
    static Node decode(int pageNo, byte[] image, int usable) {
        NodeLayout.requireValid(pageNo, NodeLayout.structureProblem(image, usable));
        Node n = new Node(pageNo, NodeLayout.isLeaf(image));
        n.right = NodeLayout.right(image);
        int count = NodeLayout.count(image);
        n.keys.ensureCapacity(count);
        if (n.leaf) {
            n.values.ensureCapacity(count);
        } else {
            n.children.ensureCapacity(count + 1);
            n.children.add(NodeLayout.child(image, 0));
        }
        for (int i = 0; i < count; i++) {
            n.keys.add(NodeLayout.key(image, i));
            if (n.leaf) {
                n.values.add(NodeLayout.value(image, i));
            } else {
                n.children.add(NodeLayout.child(image, i + 1));
            }
        }
        return n;
    }

    static int cellSize(boolean leaf, byte[] key, byte[] value) {
        return leaf ? NodeLayout.LEAF_CELL_OVERHEAD + key.length + value.length
                : NodeLayout.INTERIOR_CELL_OVERHEAD + key.length;
    }

    int cellSize(int i) {
        return cellSize(leaf, keys.get(i), leaf ? values.get(i) : null);
    }

    /** @return content bytes this node needs (cells with slots, without the header) */
    int contentSize() {
        int size = 0;
        for (int i = 0; i < keys.size(); i++) {
            size += cellSize(i);
        }
        return size;
    }

    /** @return index of {@code key}, or {@code -(insertionPoint + 1)} */
    int search(byte[] key) {
        int lo = 0;
        int hi = keys.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = java.util.Arrays.compareUnsigned(keys.get(mid), key);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /** Removes the elements from index {@code from} on from {@code list} and returns them; used by split. */
    static <T> List<T> tail(List<T> list, int from) {
        List<T> sub = list.subList(from, list.size());
        List<T> copy = new ArrayList<>(sub);
        sub.clear();
        return copy;
    }

    /**
     * Encodes this node into {@code buf[0, usable)}, overwriting that whole range; bytes from
     * {@code usable} on are not touched.
     */
    void encodeInto(byte[] buf, int usable) {
        if (pageNo < 2 || right < 0) {
            throw new IllegalStateException("encoding page " + pageNo + " with unresolved numbers (right " + right + ")");
        }
        int n = keys.size();
        int need = NodeLayout.HEADER + contentSize();
        if (need > usable || n > 0xFFFF) {
            throw new IllegalStateException("page " + pageNo + " needs " + need + " bytes, usable size is " + usable);
        }
        java.util.Arrays.fill(buf, 0, usable, (byte) 0);
        buf[0] = leaf ? NodeLayout.LEAF : NodeLayout.INTERIOR;
        NodeLayout.putU16(buf, 2, n);
        NodeLayout.putI32(buf, 4, right);
        if (!leaf) {
            int c0 = children.get(0);
            if (c0 < 2) {
                throw new IllegalStateException("page " + pageNo + ": unresolved child " + c0);
            }
            NodeLayout.putI32(buf, 8, c0);
        }
        int off = usable;
        for (int i = 0; i < n; i++) {
            byte[] k = keys.get(i);
            if (leaf) {
                byte[] v = values.get(i);
                off -= 4 + k.length + v.length;
                NodeLayout.putU16(buf, off, k.length);
                NodeLayout.putU16(buf, off + 2, v.length);
                System.arraycopy(k, 0, buf, off + 4, k.length);
                System.arraycopy(v, 0, buf, off + 4 + k.length, v.length);
            } else {
                int child = children.get(i + 1);
                if (child < 2) {
                    throw new IllegalStateException("page " + pageNo + ": unresolved child " + child);
                }
                off -= 6 + k.length;
                NodeLayout.putU16(buf, off, k.length);
                NodeLayout.putI32(buf, off + 2, child);
                System.arraycopy(k, 0, buf, off + 6, k.length);
            }
            NodeLayout.putU16(buf, NodeLayout.HEADER + 2 * i, off);
        }
    }
}
