package dev.whopper.core.storage.btree;

import java.util.Arrays;

/**
 * The B+tree's node layout: the on-page encoding of tree pages, within bytes {@code [0, usable)} of a
 * page image (the page's envelope, its trailer, is {@code storage.page.PageEnvelope}).
 *
 * <pre>
 * offset size
 *  0      1   type: 1 = leaf, 2 = interior
 *  1      1   reserved, 0
 *  2      2   cell count n (unsigned, big-endian)
 *  4      4   right sibling page number on the same level (0 = rightmost)
 *  8      4   interior: leftmost child page number; leaf: 0
 * 12    2*n   slot array: unsigned 16-bit offset of cell i, cells in ascending key order
 * ...         free space (zero)
 * ...         cell content, packed against the end of the usable area
 *
 * leaf cell:     keyLen u16 | valueLen u16 | key | value
 * interior cell: keyLen u16 | child i32    | key        (child i+1: keys &gt;= key i)
 * </pre>
 *
 * Cell sizes are counted with their slot: a leaf cell uses {@code 6 + key + value} bytes, an interior
 * cell {@code 8 + key}. The content capacity is {@code usable - 12}; no cell may exceed a quarter of
 * it, so a page always holds at least four cells and a split or redistribution leaves each half more
 * than a quarter full.
 */
final class NodeLayout {
    static final int HEADER = 12;
    static final byte LEAF = 1;
    static final byte INTERIOR = 2;
    static final int LEAF_CELL_OVERHEAD = 6;
    static final int INTERIOR_CELL_OVERHEAD = 8;
    /** Smallest usable size a tree accepts (a 512-byte page with a trailer of up to 128 bytes). */
    static final int MIN_USABLE = 384;
    /** Largest usable size: slot offsets are 16-bit. */
    static final int MAX_USABLE = 65536;

    private NodeLayout() { }

    static int capacity(int usable) {
        return usable - HEADER;
    }

    static int maxCell(int usable) {
        return capacity(usable) / 4;
    }

    static int u16(byte[] p, int off) {
        return ((p[off] & 0xFF) << 8) | (p[off + 1] & 0xFF);
    }

    static void putU16(byte[] p, int off, int v) {
        p[off] = (byte) (v >>> 8);
        p[off + 1] = (byte) v;
    }

    static int i32(byte[] p, int off) {
        return ((p[off] & 0xFF) << 24) | ((p[off + 1] & 0xFF) << 16) | ((p[off + 2] & 0xFF) << 8) | (p[off + 3] & 0xFF);
    }

    static void putI32(byte[] p, int off, int v) {
        p[off] = (byte) (v >>> 24);
        p[off + 1] = (byte) (v >>> 16);
        p[off + 2] = (byte) (v >>> 8);
        p[off + 3] = (byte) v;
    }

    static int type(byte[] p) {
        return p[0];
    }

    static boolean isLeaf(byte[] p) {
        return p[0] == LEAF;
    }

    static int count(byte[] p) {
        return u16(p, 2);
    }

    static int right(byte[] p) {
        return i32(p, 4);
    }

    static int cellOffset(byte[] p, int i) {
        return u16(p, HEADER + 2 * i);
    }

    static int keyLength(byte[] p, int i) {
        return u16(p, cellOffset(p, i));
    }

    private static int keyStart(byte[] p, int i) {
        return cellOffset(p, i) + (isLeaf(p) ? 4 : 6);
    }

    static byte[] key(byte[] p, int i) {
        int s = keyStart(p, i);
        return Arrays.copyOfRange(p, s, s + keyLength(p, i));
    }

    /** Leaf only. */
    static byte[] value(byte[] p, int i) {
        int off = cellOffset(p, i);
        int k = u16(p, off);
        int v = u16(p, off + 2);
        return Arrays.copyOfRange(p, off + 4 + k, off + 4 + k + v);
    }

    /** Interior only: child {@code i} in {@code [0, count]}. */
    static int child(byte[] p, int i) {
        return i == 0 ? i32(p, 8) : i32(p, cellOffset(p, i - 1) + 2);
    }

    /** Compares key {@code i} of the page with {@code key}, unsigned lexicographic. */
    static int compareKey(byte[] p, int i, byte[] key) {
        int s = keyStart(p, i);
        return Arrays.compareUnsigned(p, s, s + keyLength(p, i), key, 0, key.length);
    }

    /** @return the first index whose key is &gt;= {@code key} (count when none) */
    static int lowerBound(byte[] p, byte[] key) {
        int lo = 0;
        int hi = count(p);
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compareKey(p, mid, key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** @return the index of {@code key} in the page, or -1 */
    static int find(byte[] p, byte[] key) {
        int i = lowerBound(p, key);
        return i < count(p) && compareKey(p, i, key) == 0 ? i : -1;
    }

    /** Interior: the index of the child whose key range holds {@code key} (number of keys &lt;= key). */
    static int childIndex(byte[] p, byte[] key) {
        int lo = 0;
        int hi = count(p);
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compareKey(p, mid, key) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Checks what a point lookup relies on before it touches the cells: the page type and that the slot
     * array fits. Each cell the lookup then visits is checked by {@link #cellProblem}, so a lookup costs
     * O(log n) checks instead of the O(n) of {@link #structureProblem} and still never reads out of bounds.
     *
     * @return null when the header is usable, else what is wrong
     */
    static String headerProblem(byte[] p, int usable) {
        if (p.length < usable) {
            return "image of " + p.length + " bytes is shorter than the usable size " + usable;
        }
        int type = p[0];
        if (type != LEAF && type != INTERIOR) {
            return "unknown page type " + type;
        }
        int n = count(p);
        if (HEADER + 2 * n > usable) {
            return "cell count " + n + " does not fit in the page";
        }
        return null;
    }

    /**
     * Checks one cell of a page whose header passed {@link #headerProblem} (the same per-cell rule as
     * {@link #structureProblem}).
     *
     * @return null when cell {@code i} lies inside the usable area, else what is wrong
     */
    static String cellProblem(byte[] p, int i, int usable) {
        int slotsEnd = HEADER + 2 * count(p);
        boolean leaf = p[0] == LEAF;
        int off = cellOffset(p, i);
        if (off < slotsEnd || off + (leaf ? 4 : 6) > usable) {
            return "cell " + i + " offset " + off + " outside [" + slotsEnd + ", " + usable + ")";
        }
        int k = u16(p, off);
        int len = leaf ? 4 + k + u16(p, off + 2) : 6 + k;
        if (off + len > usable) {
            return "cell " + i + " of " + len + " bytes at offset " + off + " overflows the page";
        }
        return null;
    }

    /**
     * The tree's one error for a malformed page: throws when {@code problem} is not {@code null}.
     *
     * @param pageNo  the page
     * @param problem what is wrong with it, or {@code null}
     */
    static void requireValid(int pageNo, String problem) {
        if (problem != null) {
            throw new MalformedPageException("page " + pageNo + " is not a valid tree page: " + problem);
        }
    }

    /** Throws when the page's header is malformed (see {@link #headerProblem}). */
    static void checkHeader(byte[] p, int usable, int pageNo) {
        requireValid(pageNo, headerProblem(p, usable));
    }

    /** Throws when cell {@code i} is malformed (see {@link #cellProblem}). */
    static void checkCell(byte[] p, int i, int usable, int pageNo) {
        requireValid(pageNo, cellProblem(p, i, usable));
    }

    /**
     * {@link #find} on a page that passed only {@link #headerProblem}: checks every cell it visits.
     *
     * @return the index of {@code key} in the page, or {@code -(insertionPoint + 1)}
     */
    static int checkedSearch(byte[] p, byte[] key, int usable, int pageNo) {
        int lo = 0;
        int hi = count(p) - 1;
        int keyOff = p[0] == LEAF ? 4 : 6;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            checkCell(p, mid, usable, pageNo);
            int off = cellOffset(p, mid);
            int s = off + keyOff;
            int c = Arrays.compareUnsigned(p, s, s + u16(p, off), key, 0, key.length);
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

    /**
     * {@link #childIndex} followed by {@link #child} on an interior page that passed only
     * {@link #headerProblem}: checks every cell it visits.
     *
     * @return the child page whose key range holds {@code key}
     */
    static int checkedChildFor(byte[] p, byte[] key, int usable, int pageNo) {
        return child(p, checkedChildIndex(p, key, usable, pageNo));
    }

    /**
     * {@link #childIndex} on an interior page that passed only {@link #headerProblem}: checks every cell it
     * visits, and the cell that {@link #child} then reads.
     *
     * @return the index, in {@code [0, count]}, of the child whose key range holds {@code key}
     */
    static int checkedChildIndex(byte[] p, byte[] key, int usable, int pageNo) {
        int i = checkedSearch(p, key, usable, pageNo);
        // Found at i: child i+1 (keys >= key i). Absent with insertion point ip: child ip.
        int idx = i >= 0 ? i + 1 : -i - 1;
        if (idx > 0) {
            checkCell(p, idx - 1, usable, pageNo);
        }
        return idx;
    }

    /**
     * Checks the structure of a page image (type, slot array and every cell inside the usable area),
     * so that the accessors above cannot read out of bounds.
     *
     * @return null when well-formed, else what is wrong
     */
    static String structureProblem(byte[] p, int usable) {
        String problem = headerProblem(p, usable);
        for (int i = 0, n = problem == null ? count(p) : 0; i < n && problem == null; i++) {
            problem = cellProblem(p, i, usable);
        }
        return problem;
    }

    /**
     * The lowest cell offset of a page that passed {@link #headerProblem} (where its free space ends),
     * checking that every slot points into {@code [slotsEnd, usable - 4]}.
     *
     * @return the offset, or {@code usable} for a page without cells
     */
    static int lowestCellOffset(byte[] p, int usable, int pageNo) {
        int n = count(p);
        int slotsEnd = HEADER + 2 * n;
        int low = usable;
        for (int i = 0; i < n; i++) {
            int off = cellOffset(p, i);
            if (off < slotsEnd || off + 4 > usable) {
                requireValid(pageNo, "cell " + i + " offset " + off + " outside [" + slotsEnd + ", " + usable + ")");
            }
            low = Math.min(low, off);
        }
        return low;
    }

    /** @return the content bytes a page image uses (cells with their slots) */
    static int contentSize(byte[] p) {
        int n = count(p);
        int size = 0;
        boolean leaf = isLeaf(p);
        for (int i = 0; i < n; i++) {
            int off = cellOffset(p, i);
            int k = u16(p, off);
            size += leaf ? LEAF_CELL_OVERHEAD + k + u16(p, off + 2) : INTERIOR_CELL_OVERHEAD + k;
        }
        return size;
    }
}
