package dev.whopper.core.storage.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** {@link EntryTable} against a {@link LinkedHashMap} model: same lookups, same insertion order. */
class EntryTableTest {
    /** One operation on a key: 0 add (when absent), 1 remove, 2 get, 3 clear (rare). */
    record Op(int kind, int page, int version) {
    }

    @Provide
    Arbitrary<Op> ops() {
        // Few pages and versions: a small table, dense probe runs, re-adds after removes.
        return Combinators.combine(Arbitraries.integers().between(0, 99), Arbitraries.integers().between(0, 11),
            Arbitraries.integers().between(0, 1)).as((k, page, version) -> new Op(k < 55 ? 0 : k < 85 ? 1 : k < 99 ? 2 : 3,
                page, version));
    }

    @Property(tries = 300)
    void behavesLikeAnInsertionOrderedMap(@ForAll @Size(max = 200) List<@net.jqwik.api.From("ops") Op> ops) {
        EntryTable table = new EntryTable(2); // small: grows several times
        LinkedHashMap<Long, PageCache.Entry> model = new LinkedHashMap<>();
        for (Op op : ops) {
            long key = ((long) op.page() << 32) | op.version();
            switch (op.kind()) {
                case 0 -> {
                    if (!model.containsKey(key)) {
                        PageCache.Entry e = new PageCache.Entry(op.page(), op.version(), new byte[0]);
                        table.add(e);
                        model.put(key, e);
                    }
                }
                case 1 -> assertSame(model.remove(key), table.remove(op.page(), op.version()));
                case 2 -> assertSame(model.get(key), table.get(op.page(), op.version()));
                default -> {
                    table.clear();
                    model.clear();
                }
            }
            assertEquals(model.size(), table.size());
        }
        List<PageCache.Entry> order = new ArrayList<>();
        for (PageCache.Entry e = table.first(); e != null; e = e.next) {
            order.add(e);
        }
        assertEquals(new ArrayList<>(model.values()), order, "insertion order");
        for (Map.Entry<Long, PageCache.Entry> m : model.entrySet()) {
            assertSame(m.getValue(), table.get(m.getValue().page(), m.getValue().version()));
        }
        for (int page = 0; page <= 11; page++) {
            for (int version = 0; version <= 1; version++) {
                assertSame(model.get(((long) page << 32) | version), table.get(page, version));
            }
        }
    }

    @Test
    void refusesADuplicateKeyAndAnEntryAlreadyInTheTable() {
        EntryTable table = new EntryTable(4);
        PageCache.Entry a = new PageCache.Entry(7, 3, new byte[0]);
        table.add(a);
        IllegalStateException dup = assertThrows(IllegalStateException.class,
            () -> table.add(new PageCache.Entry(7, 3, new byte[0])));
        assertEquals("page 7@3 is already cached", dup.getMessage());
        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> table.add(a));
        assertEquals("entry 7@3 is already in a table", twice.getMessage());
        IllegalStateException absent = assertThrows(IllegalStateException.class,
            () -> table.remove(new PageCache.Entry(8, 0, new byte[0])));
        assertEquals("page 8@0 is not in the table", absent.getMessage());
        assertEquals(1, table.size());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> new EntryTable(-1));
        assertEquals("expected: -1 (expected: >= 0)", bad.getMessage());
    }

    @Test
    void aRemovedEntryCanBeAddedAgainAtTheEnd() {
        EntryTable table = new EntryTable(0);
        PageCache.Entry a = new PageCache.Entry(1, 0, new byte[0]);
        PageCache.Entry b = new PageCache.Entry(2, 0, new byte[0]);
        table.add(a);
        table.add(b);
        table.remove(a);
        table.add(a);
        assertSame(b, table.first());
        assertSame(a, b.next);
        assertNull(a.next);
        assertSame(a, table.get(1, 0));
    }
}
