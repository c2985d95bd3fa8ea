package dev.whopper.core.storage.cache;

import dev.whopper.core.io.Completion;
import dev.whopper.core.random.SplitMix64;
import java.util.ArrayList;
import java.util.HashMap;

/**
 * Shared cache of committed page versions of one database. A version is identified by
 * {@code (page, frame)}: the WAL frame that holds it, or frame 0 for the database file's copy. Versions
 * are immutable, so readers share the arrays. Capacity is bounded in pages: when an insertion goes over
 * capacity, unpinned entries are evicted by CLOCK (second chance) (pinned entries stay, so the cache may
 * exceed its capacity by the pages pinned by operations in flight).
 *
 * <p>Loads: a reader that misses starts a {@link Load}; a second reader missing the same version while
 * that load is in flight waits on the same completion instead of reading again.
 *
 * <p>Single-threaded, like everything under one {@code IO}. Entries are kept in an {@link EntryTable}: a
 * lookup does not box its key, and the only order anything walks is insertion order, so eviction is
 * deterministic.
 */
public final class PageCache {
    /** One cached version. */
    public static final class Entry {
        private final int page;
        private final int version;
        private final byte[] image;
        private int pins;
        /** CLOCK reference bit: set on every hit, cleared when eviction passes over the entry. */
        private boolean referenced;
        /** Neighbours in the {@link EntryTable}'s insertion order (null at the ends or when not in one). */
        Entry prev;
        Entry next;

        Entry(int page, int version, byte[] image) {
            this.page = page;
            this.version = version;
            this.image = image;
        }

        /** @return the page image (must not be modified) */
        public byte[] image() {
            return image;
        }

        /** @return the page number */
        public int page() {
            return page;
        }

        /** @return the version (frame, 0 for the database file) */
        public int version() {
            return version;
        }

        /** @return current pin count */
        public int pins() {
            return pins;
        }
    }

    /** An in-flight read of one version, shared by every reader that misses it meanwhile. */
    public static final class Load {
        private final int page;
        private final int version;
        private final long generation;
        private Completion completion;
        private byte[] image;
        private RuntimeException error;

        Load(int page, int version, long generation) {
            this.page = page;
            this.version = version;
            this.generation = generation;
        }

        /** @return the completion readers wait on */
        public Completion completion() {
            return completion;
        }

        /** @return the image once loaded and verified, else null */
        public byte[] image() {
            return image;
        }

        /** @return the failure once the load failed, else null */
        public RuntimeException error() {
            return error;
        }

        /** @return true once the load succeeded or failed */
        public boolean done() {
            return image != null || error != null;
        }

        /** @return the page */
        public int page() {
            return page;
        }

        /** @return the version */
        public int version() {
            return version;
        }
    }

    private final int capacityPages;
    private final EntryTable entries;
    /**
     * In-flight loads by (page, version) key. Only looked up, added to, removed from and cleared, never
     * iterated, so hash order cannot reach a simulated run.
     */
    private final HashMap<Long, Load> loads = new HashMap<>();
    private long generation;
    private long hits;
    private long misses;
    private long loadsStarted;
    private long evictions;
    /** Cached entries with a WAL version (not 0); lets a WAL reset know it found them all. */
    private int walEntries;

    /** @param capacityPages bound on unpinned cached pages, &gt; 0 */
    public PageCache(int capacityPages) {
        if (capacityPages <= 0) {
            throw new IllegalArgumentException("capacityPages: " + capacityPages + " (expected: > 0)");
        }
        this.capacityPages = capacityPages;
        this.entries = new EntryTable(Math.min(capacityPages, 1 << 16));
    }

    /**
     * A unique key per (page, version), bit-mixed (for the loads map and {@link EntryTable}'s slots):
     * {@code Long.hashCode} of the plain packing is {@code page ^ version}, which collides for every
     * (a, b)/(b, a) pair, and its low bits put consecutive pages next to each other.
     */
    static long key(int page, int version) {
        return SplitMix64.mix(((long) page << 32) | (version & 0xFFFF_FFFFL));
    }

    /**
     * Looks a version up and marks it recently used.
     *
     * @param page    page
     * @param version version
     * @return the entry or null
     */
    public Entry get(int page, int version) {
        Entry e = entries.get(page, version);
        if (e == null) {
            misses++;
        } else {
            hits++;
            e.referenced = true;
        }
        return e;
    }

    /**
     * Inserts a committed version (replacing nothing: versions are immutable; an existing entry wins).
     *
     * @param page    page
     * @param version version
     * @param image   the sealed image; the cache owns it from now on
     * @return the cached entry
     */
    public Entry put(int page, int version, byte[] image) {
        Entry e = entries.get(page, version);
        if (e != null) {
            return e;
        }
        e = new Entry(page, version, image);
        entries.add(e);
        if (version != 0) {
            walEntries++;
        }
        evictIfNeeded(e);
        return e;
    }

    /** @param e entry to pin (not evicted while pinned) */
    public void pin(Entry e) {
        e.pins++;
    }

    /** @param e entry to unpin */
    public void unpin(Entry e) {
        if (e.pins <= 0) {
            throw new IllegalStateException("unpin of unpinned page " + e.page + "@" + e.version);
        }
        e.pins--;
    }

    private void evicted(Entry e) {
        evictions++;
        if (e.version != 0) {
            walEntries--;
        }
    }

    /**
     * Evicts unpinned entries down to capacity with the CLOCK (second chance) policy over insertion
     * order: an entry hit since the hand last passed is spared once (moved to the back); never evicts
     * {@code keep} (just inserted).
     */
    private void evictIfNeeded(Entry keep) {
        if (entries.size() <= capacityPages) {
            return;
        }
        ArrayList<Entry> spared = null;
        Entry e = entries.first();
        while (entries.size() + (spared == null ? 0 : spared.size()) > capacityPages && e != null) {
            Entry next = e.next;
            if (e.pins == 0 && e != keep) {
                entries.remove(e);
                if (e.referenced) {
                    e.referenced = false;
                    if (spared == null) {
                        spared = new ArrayList<>();
                    }
                    spared.add(e);
                } else {
                    evicted(e);
                }
            }
            e = next;
        }
        if (spared != null) {
            for (int i = 0; i < spared.size(); i++) {
                entries.add(spared.get(i));
            }
            // Every unpinned entry had its second chance: evict in order without sparing.
            for (Entry x = entries.first(); x != null && entries.size() > capacityPages; ) {
                Entry next = x.next;
                if (x.pins == 0 && x != keep) {
                    entries.remove(x);
                    evicted(x);
                }
                x = next;
            }
        }
    }

    /**
     * @param page    page
     * @param version version
     * @return the in-flight load of that version, or null
     */
    public Load inFlight(int page, int version) {
        return loads.get(key(page, version));
    }

    /**
     * Registers a new in-flight load; the caller then starts the read and calls {@link #attach}.
     *
     * @param page    page
     * @param version version
     * @return the load
     */
    public Load beginLoad(int page, int version) {
        Long k = key(page, version);
        if (loads.containsKey(k)) {
            throw new IllegalStateException("load of page " + page + "@" + version + " already in flight");
        }
        Load l = new Load(page, version, generation);
        loads.put(k, l);
        loadsStarted++;
        return l;
    }

    /**
     * @param load       a load from {@link #beginLoad}
     * @param completion the read's completion
     */
    public void attach(Load load, Completion completion) {
        load.completion = completion;
    }

    /**
     * Finishes a load with its verified image: inserts it (unless the cache was cleared since) and
     * removes the in-flight record.
     *
     * @param load  the load
     * @param image the verified image
     */
    public void finishLoad(Load load, byte[] image) {
        load.image = image;
        Long k = key(load.page, load.version);
        if (loads.get(k) == load) {
            loads.remove(k);
        }
        if (load.generation == generation) {
            put(load.page, load.version, image);
        }
    }

    /**
     * Fails a load; waiters see the error.
     *
     * @param load  the load
     * @param error what went wrong
     */
    public void failLoad(Load load, RuntimeException error) {
        load.error = error;
        Long k = key(load.page, load.version);
        if (loads.get(k) == load) {
            loads.remove(k);
        }
    }

    /**
     * Adapts the cache to a WAL reset after a complete checkpoint: the database file now holds, for each
     * page with frames, the version of its newest frame. That version (when cached) becomes the page's
     * version 0; every other WAL version and stale version 0 is dropped (frame numbers are reused by the
     * next WAL generation). Versions 0 of pages not in the WAL stay valid. In-flight loads are forgotten
     * and their results will not be cached. Visits only the versions the frames can have cached (O(frames)
     * lookups, not a walk of the whole cache): every cached WAL version belongs to one of these frames (the
     * cache is rebased at every reset); should one be left over anyway, it is dropped by a walk.
     *
     * @param framePages {@code framePages[f - 1]} is the page of WAL frame {@code f}, for every frame up
     *     to maxFrame (all backfilled)
     */
    public void rebaseForWalReset(int[] framePages) {
        ArrayList<Entry> rebased = new ArrayList<>();
        java.util.BitSet seen = new java.util.BitSet();
        for (int f = framePages.length; f >= 1; f--) {
            int page = framePages[f - 1];
            Entry e = entries.remove(page, f);
            if (e != null) {
                walEntries--;
            }
            if (!seen.get(page)) {
                // The page's newest frame: that version (when cached) is now the database file's copy.
                seen.set(page);
                entries.remove(page, 0);
                if (e != null) {
                    rebased.add(e);
                }
            }
        }
        if (walEntries != 0) {
            for (Entry e = entries.first(); e != null; ) {
                Entry next = e.next;
                if (e.version != 0) {
                    entries.remove(e);
                }
                e = next;
            }
            walEntries = 0;
        }
        for (int i = rebased.size() - 1; i >= 0; i--) {
            Entry e = rebased.get(i);
            entries.add(new Entry(e.page, 0, e.image));
        }
        loads.clear();
        generation++;
    }

    /** Drops every entry and forgets in-flight loads (their results are not cached). */
    public void clear() {
        entries.clear();
        walEntries = 0;
        loads.clear();
        generation++;
    }

    /** @return entries cached */
    public int size() {
        return entries.size();
    }

    /** @return lookups that found their version */
    public long hits() {
        return hits;
    }

    /** @return lookups that missed */
    public long misses() {
        return misses;
    }

    /** @return loads started (device reads of pages) */
    public long loadsStarted() {
        return loadsStarted;
    }

    /** @return entries evicted */
    public long evictions() {
        return evictions;
    }
}
