package dev.whopper.core.storage.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.whopper.core.io.Completion;
import org.junit.jupiter.api.Test;

class PageCacheTest {
    @Test
    void versionsAreSeparateAndClockEvictsUnpinned() {
        PageCache c = new PageCache(2);
        PageCache.Entry a = c.put(2, 0, new byte[] {1});
        c.put(2, 5, new byte[] {2});
        assertEquals(1, c.get(2, 0).image()[0]);
        assertEquals(2, c.get(2, 5).image()[0]);
        c.pin(a);
        c.put(3, 0, new byte[] {3});
        assertNotNull(c.get(2, 0), "pinned entry survives");
        assertNull(c.get(2, 5), "the unpinned entry is evicted after its second chance");
        assertEquals(2, c.size());
        c.unpin(a);
        assertThrows(IllegalStateException.class, () -> c.unpin(a));
        assertEquals(1, c.evictions());
    }

    @Test
    void allPinnedMayExceedCapacity() {
        PageCache c = new PageCache(1);
        c.pin(c.put(1, 0, new byte[1]));
        c.pin(c.put(2, 0, new byte[1]));
        assertEquals(2, c.size());
    }

    @Test
    void firstVersionWins() {
        PageCache c = new PageCache(4);
        byte[] x = new byte[1];
        c.put(1, 1, x);
        assertSame(x, c.put(1, 1, new byte[1]).image());
    }

    @Test
    void loadsAreSharedAndClearedLoadsAreNotCached() {
        PageCache c = new PageCache(4);
        PageCache.Load l = c.beginLoad(4, 2);
        Completion comp = Completion.read(new byte[1], null);
        c.attach(l, comp);
        assertSame(l, c.inFlight(4, 2));
        assertThrows(IllegalStateException.class, () -> c.beginLoad(4, 2));
        c.finishLoad(l, new byte[] {9});
        assertNull(c.inFlight(4, 2));
        assertEquals(9, c.get(4, 2).image()[0]);
        PageCache.Load l2 = c.beginLoad(5, 0);
        c.clear();
        c.finishLoad(l2, new byte[] {1});
        assertNull(c.get(5, 0), "a load started before clear() is not cached");
        PageCache.Load l3 = c.beginLoad(6, 0);
        c.failLoad(l3, new IllegalStateException("x"));
        assertNull(c.inFlight(6, 0));
        assertNotNull(l3.error());
        assertEquals(3, c.loadsStarted());
    }

    @Test
    void capacityChecked() {
        assertEquals("capacityPages: 0 (expected: > 0)", assertThrows(IllegalArgumentException.class, () -> new PageCache(0)).getMessage());
    }

    @Test
    void rebaseFromFramePagesKeepsTheNewestVersionsAsBaseVersions() {
        PageCache c = new PageCache(10);
        c.put(2, 0, new byte[] {20});
        c.put(2, 3, new byte[] {23});
        c.put(2, 7, new byte[] {27});
        c.put(3, 0, new byte[] {30});
        c.put(4, 0, new byte[] {40});
        c.put(4, 5, new byte[] {45});
        c.put(5, 2, new byte[] {52});
        c.put(9, 0, new byte[] {90});
        PageCache.Load l = c.beginLoad(6, 1);
        // frames 1..7 hold pages 6, 5, 2, 8, 4, 4, 2: newest frames 2->7, 4->6, 5->2, 6->1, 8->4
        c.rebaseForWalReset(new int[] {6, 5, 2, 8, 4, 4, 2});
        assertEquals(27, c.get(2, 0).image()[0], "newest frame became the base version");
        assertEquals(30, c.get(3, 0).image()[0], "pages without frames keep their base version");
        assertEquals(90, c.get(9, 0).image()[0]);
        assertNull(c.get(4, 0), "stale base version dropped (newest frame 6 was not cached)");
        assertEquals(52, c.get(5, 0).image()[0]);
        assertNull(c.get(2, 7));
        assertNull(c.get(2, 3));
        assertNull(c.get(4, 5));
        assertNull(c.inFlight(6, 1));
        c.finishLoad(l, new byte[] {61});
        assertNull(c.get(6, 1), "loads from before the reset are not cached");
        assertEquals(4, c.size());
    }

    @Test
    void rebaseFromFramePagesDropsWalVersionsOfNoListedFrame() {
        PageCache c = new PageCache(10);
        c.put(2, 1, new byte[] {21});
        c.put(7, 2, new byte[] {72}); // frame 2 holds page 3 per the list: this version is not accounted for
        c.put(7, 0, new byte[] {70});
        c.rebaseForWalReset(new int[] {2, 3});
        assertEquals(21, c.get(2, 0).image()[0]);
        assertNull(c.get(7, 2), "a WAL version the frames do not explain is dropped, never kept");
        assertEquals(70, c.get(7, 0).image()[0]);
        assertEquals(2, c.size());
    }

    @Test
    void clockSparesRecentlyHitEntriesOnce() {
        PageCache c = new PageCache(3);
        c.put(1, 0, new byte[1]);
        c.put(2, 0, new byte[1]);
        c.put(3, 0, new byte[1]);
        c.get(1, 0);
        c.put(4, 0, new byte[1]);
        assertNotNull(c.get(1, 0), "hit entry spared");
        assertNull(c.get(2, 0), "oldest entry without a hit evicted");
        assertEquals(3, c.size());
    }
}
