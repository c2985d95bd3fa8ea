package dev.whopper.core.storage.btree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.IOFailureException;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.random.SplitMix64;
import dev.whopper.core.sm.StateMachine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BTreeTest {
    static byte[] k(int i) {
        return new byte[] {(byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
    }

    static byte[] v(int i, int len) {
        byte[] v = new byte[len];
        Arrays.fill(v, (byte) i);
        return v;
    }

    static List<String> problems(TestPageStore s, BTree t) {
        return s.drive(t.check()).problems();
    }

    @Test
    void emptyTree() {
        TestPageStore s = new TestPageStore(512);
        BTree t = new BTree(s);
        assertNull(s.drive(t.get(k(1))));
        assertFalse(s.drive(t.delete(k(1))));
        assertEquals(List.of(), s.drive(t.scan(null, null, 10)));
        TreeCheck c = s.drive(t.check());
        assertEquals(new TreeCheck(List.of(), new int[0], 0, 0), c);
        assertEquals(0, s.rootPage());
        assertEquals(0, s.allocations);
    }

    @Test
    void firstPutCreatesRootLeafAndReplaceKeepsOneEntry() {
        TestPageStore s = new TestPageStore(512);
        BTree t = new BTree(s);
        s.drive(t.put(k(7), v(1, 10)));
        assertEquals(2, s.rootPage());
        s.drive(t.put(k(7), v(2, 20)));
        assertArrayEquals(v(2, 20), s.drive(t.get(k(7))));
        TreeCheck c = s.drive(t.check());
        assertEquals(List.of(), c.problems());
        assertEquals(1, c.entries());
        assertEquals(1, c.depth());
        assertArrayEquals(new int[] {2}, c.pagesUsed());
    }

    @Test
    void rootSplitMakesANewRootOverBothHalves() {
        TestPageStore s = new TestPageStore(512);
        BTree t = new BTree(s);
        int i = 0;
        s.drive(t.put(k(i++), v(0, 40)));
        int firstRoot = s.rootPage();
        while (s.rootPage() == firstRoot) {
            s.drive(t.put(k(i), v(i, 40)));
            i++;
            assertTrue(i < 100, "root split expected within 100 puts of 46 bytes on 512-byte pages");
        }
        assertEquals(3, s.allocations, "old root, its new right sibling, the new root");
        byte[] root = s.raw(s.rootPage());
        assertFalse(NodeLayout.isLeaf(root));
        assertEquals(1, NodeLayout.count(root));
        assertEquals(firstRoot, NodeLayout.child(root, 0), "the old root is the left half");
        int right = NodeLayout.child(root, 1);
        assertEquals(right, NodeLayout.right(s.raw(firstRoot)), "left half links to the right half");
        assertEquals(0, NodeLayout.right(s.raw(right)));
        assertArrayEquals(NodeLayout.key(s.raw(right), 0), NodeLayout.key(root, 0), "separator = first key on the right");
        TreeCheck c = s.drive(t.check());
        assertEquals(List.of(), c.problems());
        assertEquals(2, c.depth());
        assertEquals(i, c.entries());
        for (int j = 0; j < i; j++) {
            assertArrayEquals(v(j == 0 ? 0 : j, 40), s.drive(t.get(k(j))), "key " + j);
        }
    }

    @Test
    void deepTreeCollapsesToALeafAndThenToEmpty() {
        TestPageStore s = new TestPageStore(512);
        BTree t = new BTree(s);
        int n = 400;
        for (int i = 0; i < n; i++) {
            s.drive(t.put(k(i), v(i, 60)));
        }
        TreeCheck full = s.drive(t.check());
        assertEquals(List.of(), full.problems());
        assertTrue(full.depth() >= 3, "depth " + full.depth());
        int depth = full.depth();
        int roots = 0;
        int prevRoot = s.rootPage();
        for (int i = 0; i < n; i++) {
            assertTrue(s.drive(t.delete(k(i))));
            if (s.rootPage() != prevRoot) {
                roots++;
                if (prevRoot != 0) {
                    assertTrue(s.freelist().contains(prevRoot), "old root " + prevRoot + " freed");
                }
                prevRoot = s.rootPage();
                TreeCheck c = s.drive(t.check());
                assertEquals(List.of(), c.problems());
                assertEquals(n - i - 1, c.entries());
                if (s.rootPage() != 0) {
                    assertTrue(c.depth() < depth, "depth shrinks on root collapse");
                    depth = c.depth();
                }
            }
        }
        assertTrue(roots >= 3, "collapsed " + roots + " times");
        assertEquals(0, s.rootPage());
        assertEquals(s.pageCount() - 1, s.freelist().size());
        assertEquals(s.allocations, s.frees);
    }

    @Test
    void freedPagesAreReused() {
        TestPageStore s = new TestPageStore(512);
        BTree t = new BTree(s);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 300; i++) {
                s.drive(t.put(k(i * 7 % 300), v(i, 50)));
            }
            int pages = s.pageCount();
            for (int i = 0; i < 300; i += 2) {
                assertTrue(s.drive(t.delete(k(i))));
            }
            assertTrue(s.frees > 0);
            for (int i = 0; i < 300; i += 2) {
                s.drive(t.put(k(i), v(i, 50)));
            }
            assertTrue(s.pageCount() <= pages + 2, "file grew from " + pages + " to " + s.pageCount());
            assertEquals(List.of(), problems(s, t));
            for (int i = 0; i < 300; i++) {
                assertTrue(s.drive(t.delete(k(i))));
            }
            assertEquals(0, s.rootPage());
        }
        assertTrue(s.reused > 0);
        assertEquals(s.pageCount() - 1, s.freelist().size());
    }

    @Test
    void limitsAndTooBigErrors() {
        assertEquals(1014, BTree.maxKeyValueSize(4092));
        assertEquals(1012, BTree.maxKeySize(4092));
        assertEquals(118, BTree.maxKeyValueSize(508));
        for (int u : new int[] {508, 1020, 4092, 65532, 65536}) {
            assertTrue(BTree.maxKeyValueSize(u) >= u / 4 - 12, "about a quarter page for " + u);
        }
        assertEquals("usableSize: 100 (expected: 384..65536)",
                assertThrows(IllegalArgumentException.class, () -> BTree.maxKeyValueSize(100)).getMessage());

        TestPageStore s = new TestPageStore(4096);
        BTree t = new BTree(s);
        TooBigException e = assertThrows(TooBigException.class, () -> t.put(k(1), new byte[3000]));
        assertEquals("value of 3000 bytes with a key of 4 bytes exceeds the limit of 1014 bytes (key+value)"
                + " for 4096-byte pages", e.getMessage());
        TooBigException ek = assertThrows(TooBigException.class, () -> t.put(new byte[1013], new byte[0]));
        assertEquals("key of 1013 bytes exceeds the limit of 1012 bytes for 4096-byte pages", ek.getMessage());
        assertEquals(0, s.rootPage(), "nothing written");
        assertEquals(0, s.allocations);
        // Exactly at the limits is fine, many times over so that such pages split and merge.
        for (int i = 0; i < 40; i++) {
            s.drive(t.put(k(i), new byte[1014 - 4]));
        }
        s.drive(t.put(new byte[1012], new byte[2]));
        assertEquals(List.of(), problems(s, t));
        for (int i = 0; i < 40; i += 3) {
            assertTrue(s.drive(t.delete(k(i))));
        }
        assertEquals(List.of(), problems(s, t));
        assertArrayEquals(new byte[2], s.drive(t.get(new byte[1012])));
    }

    @Test
    void argumentChecks() {
        TestPageStore s = new TestPageStore(512);
        BTree t = new BTree(s);
        assertEquals("limit: 0 (expected: > 0)",
                assertThrows(IllegalArgumentException.class, () -> t.scan(null, null, 0)).getMessage());
        assertThrows(NullPointerException.class, () -> t.put(null, new byte[0]));
        assertThrows(NullPointerException.class, () -> t.put(new byte[0], null));
        assertThrows(NullPointerException.class, () -> t.get(null));
        assertThrows(NullPointerException.class, () -> t.delete(null));
        TestPageStore tiny = new TestPageStore(256);
        assertEquals("usableSize: 252 (expected: 384..256)",
                assertThrows(IllegalArgumentException.class, () -> new BTree(tiny)).getMessage());
    }

    @Test
    void scansHonourBoundsLimitsAndUnsignedOrder() {
        TestPageStore s = new TestPageStore(512);
        BTree t = new BTree(s);
        NavigableMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
        // Keys whose first byte spans 0x00..0xFF: signed order would put 0x80.. first.
        for (int i = 0; i < 256; i++) {
            byte[] key = {(byte) (i * 37), (byte) i};
            s.drive(t.put(key, v(i, 20)));
            model.put(key, v(i, 20));
        }
        List<Entry> all = s.drive(t.scan(null, null, 1000));
        assertEquals(256, all.size());
        for (int i = 1; i < all.size(); i++) {
            assertTrue(Arrays.compareUnsigned(all.get(i - 1).key(), all.get(i).key()) < 0);
        }
        assertEquals(0, all.get(0).key()[0]);
        assertEquals((byte) 0xFF, all.get(255).key()[0]);
        assertEquals(all.subList(0, 7), s.drive(t.scan(null, null, 7)));
        byte[] from = {(byte) 0x40};
        byte[] to = {(byte) 0xC0, 5};
        List<Entry> mid = s.drive(t.scan(from, to, 1000));
        assertEquals(BTreeModelTest.expectedScan(model, from, to, 1000), mid);
        assertTrue(mid.size() > 100);
        assertEquals(mid.subList(0, 33), s.drive(t.scan(from, to, 33)));
        // An exact key as lower bound is included, as upper bound excluded.
        byte[] exact = all.get(100).key();
        assertEquals(all.get(100), s.drive(t.scan(exact, null, 1)).get(0));
        assertEquals(all.subList(90, 100), s.drive(t.scan(all.get(90).key(), exact, 1000)));
        assertEquals(List.of(), s.drive(t.scan(exact, exact, 10)));
        assertEquals(List.of(), s.drive(t.scan(to, from, 10)));
        assertEquals(List.of(), s.drive(t.scan(new byte[] {(byte) 0xFF, (byte) 0xFF}, null, 10)));
        assertEquals(all, s.drive(t.scan(new byte[0], null, 1000)));
        assertEquals(List.of(), s.drive(t.scan(null, new byte[0], 1000)));
    }

    /** Builds a tree of depth 3 on 512-byte pages. */
    static BTree deepTree(TestPageStore s, int n) {
        BTree t = new BTree(s);
        for (int i = 0; i < n; i++) {
            s.drive(t.put(k(i), v(i, 60)));
        }
        TreeCheck c = s.drive(t.check());
        assertEquals(List.of(), c.problems());
        assertTrue(c.depth() >= 3);
        return t;
    }

    /** @return a leaf page: the leftmost leaf's right sibling */
    static int someLeaf(TestPageStore s) {
        int p = s.rootPage();
        while (!NodeLayout.isLeaf(s.raw(p))) {
            p = NodeLayout.child(s.raw(p), 0);
        }
        return NodeLayout.right(s.raw(p));
    }

    @Test
    void checkDetectsSwappedKeysInALeaf() {
        TestPageStore s = new TestPageStore(512);
        BTree t = deepTree(s, 300);
        byte[] leaf = s.raw(someLeaf(s));
        // Swap the slots of cells 0 and 1: the keys are now out of order.
        int h = NodeLayout.HEADER;
        byte a0 = leaf[h];
        byte a1 = leaf[h + 1];
        leaf[h] = leaf[h + 2];
        leaf[h + 1] = leaf[h + 3];
        leaf[h + 2] = a0;
        leaf[h + 3] = a1;
        List<String> p = problems(s, t);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).contains("is not above key 0"), p.get(0));
    }

    @Test
    void checkDetectsKeysOutsideTheirSeparatorBounds() {
        TestPageStore s = new TestPageStore(512);
        BTree t = deepTree(s, 300);
        int leafNo = someLeaf(s);
        byte[] leaf = s.raw(leafNo);
        int last = NodeLayout.count(leaf) - 1;
        int keyAt = NodeLayout.cellOffset(leaf, last) + 4;
        Arrays.fill(leaf, keyAt, keyAt + 4, (byte) 0x7F); // larger than every key: above the upper bound
        List<String> p = problems(s, t);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("page " + leafNo + ": key " + last) && p.get(0).contains("upper bound"), p.get(0));
    }

    @Test
    void checkDetectsBrokenSiblingLinksDoubleReferencesAndUnderfullPages() {
        TestPageStore s = new TestPageStore(512);
        BTree t = deepTree(s, 300);
        int leafNo = someLeaf(s);
        byte[] leaf = s.raw(leafNo);
        int oldRight = NodeLayout.right(leaf);
        NodeLayout.putI32(leaf, 4, 0);
        List<String> p = problems(s, t);
        assertEquals(List.of("page " + leafNo + " (depth " + s.drive(t.check()).depth() + "): right sibling is 0, expected "
                + oldRight), p);
        NodeLayout.putI32(leaf, 4, oldRight);
        assertEquals(List.of(), problems(s, t));

        // Point the root's second child at its first: pages reached twice, broken bounds and links.
        byte[] root = s.raw(s.rootPage());
        int c1At = NodeLayout.cellOffset(root, 0) + 2;
        int c1 = NodeLayout.i32(root, c1At);
        NodeLayout.putI32(root, c1At, NodeLayout.child(root, 0));
        p = problems(s, t);
        assertTrue(p.stream().anyMatch(x -> x.contains("reached twice")), p.toString());
        NodeLayout.putI32(root, c1At, c1);
        assertEquals(List.of(), problems(s, t));

        // Drop all but one cell of a non-root leaf: it is underfull.
        NodeLayout.putU16(leaf, 2, 1);
        p = problems(s, t);
        assertTrue(p.stream().anyMatch(x -> x.startsWith("page " + leafNo + " is underfull")), p.toString());
    }

    @Test
    void checkDetectsUnequalLeafDepthAndOverlappingCells() {
        TestPageStore s = new TestPageStore(512);
        BTree t = deepTree(s, 300);
        assertEquals(3, s.drive(t.check()).depth());
        byte[] root = s.raw(s.rootPage());
        int c0 = NodeLayout.child(root, 0);
        int leftmostLeaf = NodeLayout.child(s.raw(c0), 0);
        NodeLayout.putI32(root, 8, leftmostLeaf); // the root's first child is now a leaf, one level up
        List<String> p = problems(s, t);
        assertTrue(p.stream().anyMatch(x -> x.endsWith(" is at depth 3, other leaves at depth 2")), p.toString());
        assertTrue(p.contains("page " + leftmostLeaf + " (depth 2): right sibling is " + NodeLayout.right(s.raw(leftmostLeaf))
                + ", expected " + NodeLayout.child(root, 1)), p.toString());
        NodeLayout.putI32(root, 8, c0);
        assertEquals(List.of(), problems(s, t));

        int leafNo = someLeaf(s);
        byte[] leaf = s.raw(leafNo);
        NodeLayout.putU16(leaf, NodeLayout.HEADER + 2, NodeLayout.cellOffset(leaf, 0) + 2); // cell 1 inside cell 0
        p = problems(s, t);
        assertTrue(p.stream().anyMatch(x -> x.startsWith("page " + leafNo + ": cells at offsets") && x.endsWith("overlap")),
                p.toString());
    }

    @Test
    void inPlacePutsKeepPagesValidAndFreeSpaceZero() {
        TestPageStore s = new TestPageStore(512);
        BTree t = deepTree(s, 300);
        int leafNo = someLeaf(s);
        byte[] leaf = s.raw(leafNo);
        int before = NodeLayout.count(leaf);
        byte[] first = NodeLayout.key(leaf, 0);
        // A key just above the leaf's first key goes into this leaf; 2 bytes of value keep it small enough to fit.
        byte[] fresh = Arrays.copyOf(first, first.length + 1);
        s.drive(t.put(fresh, v(7, 2)));
        assertEquals(before + 1, NodeLayout.count(s.raw(leafNo)), "inserted into the same leaf, no split");
        assertArrayEquals(v(7, 2), s.drive(t.get(fresh)));
        s.drive(t.put(fresh, v(8, 2))); // same length: replaced in place
        assertArrayEquals(v(8, 2), s.drive(t.get(fresh)));
        s.drive(t.put(first, v(9, 60)));
        assertArrayEquals(v(9, 60), s.drive(t.get(first)));
        assertEquals(List.of(), problems(s, t));
        byte[] img = s.raw(leafNo);
        int low = s.usableSize();
        for (int i = 0; i < NodeLayout.count(img); i++) {
            low = Math.min(low, NodeLayout.cellOffset(img, i));
        }
        for (int b = NodeLayout.HEADER + 2 * NodeLayout.count(img); b < low; b++) {
            assertEquals(0, img[b], "free space byte " + b);
        }
    }

    @Test
    void lookupsAndPutsNeverReadOutsideACorruptLeaf() {
        TestPageStore s = new TestPageStore(512);
        BTree t = deepTree(s, 300);
        int leafNo = someLeaf(s);
        byte[] leaf = s.raw(leafNo);
        int n = NodeLayout.count(leaf);
        byte[] last = NodeLayout.key(leaf, n - 1);
        NodeLayout.putU16(leaf, NodeLayout.HEADER + 2 * (n - 1), 0xFFF0); // last slot points past the page
        int thrown = 0;
        for (int i = 0; i < 300; i++) {
            int fi = i;
            try {
                assertArrayEquals(v(i, 60), s.drive(t.get(k(fi))));
            } catch (IllegalStateException e) {
                assertTrue(e.getMessage().startsWith("page " + leafNo + " is not a valid tree page: cell " + (n - 1)),
                        e.getMessage());
                thrown++;
                s.abandonPending();
            }
        }
        assertTrue(thrown > 0, "the key of the bad cell cannot be read");
        // An insert into that leaf checks every slot first (nothing written).
        byte[] fresh = Arrays.copyOf(last, last.length + 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.drive(t.put(fresh, v(1, 2))));
        assertTrue(e.getMessage().startsWith("page " + leafNo + " is not a valid tree page"), e.getMessage());
        s.abandonPending();
        assertEquals(0xFFF0, NodeLayout.cellOffset(s.raw(leafNo), n - 1), "page left as it was");
    }

    @Test
    void checkReportsGarbageInsteadOfThrowing() {
        TestPageStore s = new TestPageStore(512);
        BTree t = deepTree(s, 300);
        int leafNo = someLeaf(s);
        Arrays.fill(s.raw(leafNo), 0, 200, (byte) 0x33);
        List<String> p = problems(s, t);
        assertTrue(p.stream().anyMatch(x -> x.startsWith("page " + leafNo + ": unknown page type")), p.toString());
        // Operations that reach the page refuse loudly instead of returning wrong data.
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.drive(t.scan(null, null, 1000)));
        assertTrue(e.getMessage().contains("page " + leafNo), e.getMessage());
        s.abandonPending();
        byte[] firstKeyThere = null;
        for (int i = 0; i < 300 && firstKeyThere == null; i++) {
            int finalI = i;
            try {
                s.drive(t.get(k(finalI)));
            } catch (IllegalStateException ex) {
                assertTrue(ex.getMessage().startsWith("page " + leafNo + " is not a valid tree page"), ex.getMessage());
                firstKeyThere = k(i);
                s.abandonPending();
            }
        }
        assertTrue(firstKeyThere != null, "some key lives in the garbled leaf");
        int pages = s.pageCount();
        byte[] key = firstKeyThere;
        assertThrows(IllegalStateException.class, () -> s.drive(t.put(key, v(1, 1))));
        s.abandonPending();
        assertThrows(IllegalStateException.class, () -> s.drive(t.delete(key)));
        s.abandonPending();
        assertEquals(pages, s.pageCount(), "nothing allocated");
        assertEquals(0, s.frees, "nothing freed");
    }

    @Test
    void everyYieldPointYieldsAndOperationsStillFinish() {
        // Yield at every yield point: each one must be at a boundary where re-entry continues.
        TestPageStore s = new TestPageStore(512, 42, 0.3, 1.0);
        BTree t = new BTree(s);
        NavigableMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
        for (int i = 0; i < 300; i++) {
            s.drive(t.put(k(i), v(i, 60)));
            model.put(k(i), v(i, 60));
        }
        for (int i = 0; i < 300; i += 2) {
            assertTrue(s.drive(t.delete(k(i))));
            model.remove(k(i));
        }
        BTreeModelTest.checkTree(t, s, model);
        for (int i = 1; i < 300; i += 2) {
            assertTrue(s.drive(t.delete(k(i))));
            model.remove(k(i));
        }
        BTreeModelTest.checkTree(t, s, model);
        assertEquals(0, s.rootPage());
        for (BTreeYieldPoint point : BTreeYieldPoint.values()) {
            assertTrue(s.yieldsTaken().getOrDefault(point.name(), 0) > 0, point + " was reached");
        }
    }

    @Test
    void aMachineStepsOnlyUntilItsCompletionFinished() {
        TestPageStore s = new TestPageStore(512, 7, 1.0, 0);
        BTree t = new BTree(s);
        StateMachine<Void> m = t.put(k(1), v(1, 10));
        IOResult<Void> r = m.step();
        assertTrue(r.isIo());
        assertFalse(r.completion().finished());
        // Stepping again before the completion finished does not advance (the call is repeated).
        assertTrue(m.step().isIo());
        assertEquals(0, s.rootPage());
        assertEquals(0, s.allocations);
        s.drive(m);
        assertEquals(1, s.allocations);
        assertArrayEquals(v(1, 10), s.drive(t.get(k(1))));
    }

    @Test
    void failedReadsAndWritesLeaveTheTreeUnchanged() {
        NavigableMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
        TestPageStore s = new TestPageStore(512, 99, 0.3, 0.2);
        s.failProbability = 0.1;
        BTree t = new BTree(s);
        SplitMix64 rnd = new SplitMix64(5);
        int failed = 0;
        for (int i = 0; i < 3000; i++) {
            int key = rnd.nextInt(400);
            boolean put = rnd.chance(0.6);
            byte[] value = v(i, rnd.nextInt(100));
            try {
                if (put) {
                    s.drive(t.put(k(key), value));
                    model.put(k(key), value);
                } else {
                    boolean removed = s.drive(t.delete(k(key)));
                    assertEquals(model.remove(k(key)) != null, removed);
                }
            } catch (IOFailureException e) {
                failed++;
                s.abandonPending();
            }
        }
        assertTrue(failed > 50, "failures injected: " + failed);
        s.failProbability = 0;
        TreeCheck c = s.drive(t.check());
        assertEquals(List.of(), c.problems());
        assertEquals(BTreeModelTest.expectedScan(model, null, null, 100_000), s.drive(t.scan(null, null, 100_000)));
        // Pages allocated by an operation that then failed leaked (a real pager rolls the transaction back).
        assertTrue(c.pagesUsed().length + s.freelist().size() + 1 <= s.pageCount());
    }

    @Test
    void largestPagesWithLargestAndSmallestCells() {
        for (int pageSize : new int[] {4096, 65536}) {
            TestPageStore s = new TestPageStore(pageSize, pageSize, 0.2, 0.2);
            BTree t = new BTree(s);
            int max = BTree.maxKeyValueSize(s.usableSize());
            NavigableMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
            SplitMix64 rnd = new SplitMix64(pageSize);
            for (int i = 0; i < 2500; i++) {
                byte[] key = k(rnd.nextInt(1500));
                if (rnd.chance(0.3)) {
                    boolean removed = s.drive(t.delete(key));
                    assertEquals(model.remove(key) != null, removed);
                } else {
                    byte[] value = v(i, rnd.chance(0.2) ? max - key.length : rnd.nextInt(20));
                    s.drive(t.put(key, value));
                    model.put(key, value);
                }
            }
            BTreeModelTest.checkTree(t, s, model);
            assertEquals(BTreeModelTest.expectedScan(model, null, null, 100_000), s.drive(t.scan(null, null, 100_000)));
            assertTrue(s.drive(t.check()).depth() >= 2, "splits happened on " + pageSize + "-byte pages");
        }
    }

    @Test
    void entryEqualityComparesBytes() {
        assertEquals(new Entry(k(1), v(1, 3)), new Entry(k(1), v(1, 3)));
        assertEquals(new Entry(k(1), v(1, 3)).hashCode(), new Entry(k(1), v(1, 3)).hashCode());
        assertNotEquals(new Entry(k(1), v(1, 3)), new Entry(k(1), v(2, 3)));
        assertEquals(new ArrayList<>(List.of(new Entry(k(2), v(0, 0)))), List.of(new Entry(k(2), new byte[0])));
    }
}
