package dev.whopper.sim.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ShardTest {
    @Property(tries = 200)
    void shardsPartitionTheSeedSpace(@ForAll @IntRange(min = 1, max = 9) int count, @ForAll @LongRange(min = 1, max = 300) long seeds) {
        TreeSet<Long> union = new TreeSet<>();
        long shares = 0;
        for (int i = 0; i < count; i++) {
            SeedPlan plan = new SeedPlan(100, seeds, new Shard(i, count));
            shares += plan.total();
            for (long k = 0; ; k++) {
                long g = plan.globalIndex(k);
                if (g < 0) {
                    assertEquals(plan.total(), k);
                    break;
                }
                assertEquals(true, union.add(g), "index " + g + " twice");
            }
        }
        assertEquals(seeds, union.size());
        assertEquals(seeds, shares);
        assertEquals(seeds - 1, union.last());
    }

    @Test
    void badShardsAreOneLineEach() {
        assertEquals("--shard: 5/4 (expected: i/N with 0 <= i < N, e.g. 0/4 .. 3/4)",
            assertThrows(IllegalArgumentException.class, () -> Shard.parse("5/4")).getMessage());
        assertEquals("--shard: 0/0 (expected: i/N with N > 0)",
            assertThrows(IllegalArgumentException.class, () -> Shard.parse("0/0")).getMessage());
        assertEquals("--shard: 'x' (expected: i/N with 0 <= i < N, e.g. 0/4)",
            assertThrows(IllegalArgumentException.class, () -> Shard.parse("x")).getMessage());
        assertEquals("--shard: -1/4 (expected: i/N with 0 <= i < N, e.g. 0/4 .. 3/4)",
            assertThrows(IllegalArgumentException.class, () -> Shard.parse("-1/4")).getMessage());
        assertEquals(new Shard(3, 4), Shard.parse(" 3/4 "));
    }
}
