package dev.whopper.bench;

import dev.whopper.core.io.IOResult;
import dev.whopper.core.random.SplitMix64;
import dev.whopper.core.sm.StateMachine;
import dev.whopper.core.storage.btree.BTree;
import dev.whopper.core.storage.btree.Entry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The B+tree's own cost over an in-memory {@link MemoryPageStore} (no pager, no I/O): point lookups,
 * value replacement, insert+delete of a fresh key (splits and merges now and then), and a 100-entry
 * scan, on a tree of {@code entries} 8-byte keys with 32-byte values.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class BTreeBench {
    /** Page size in bytes (the usable size is 4 bytes less, as with a checksum trailer). */
    @Param({"4096"})
    public int pageSize;

    /** Entries in the tree. */
    @Param({"100000"})
    public int entries;

    private BTree tree;
    private byte[][] keys;
    private byte[] value;
    private SplitMix64 rnd;
    private long fresh;

    private static byte[] key(long i) {
        long s = SplitMix64.mix(i);
        return new byte[] {(byte) (s >>> 56), (byte) (s >>> 48), (byte) (s >>> 40), (byte) (s >>> 32),
            (byte) (s >>> 24), (byte) (s >>> 16), (byte) (s >>> 8), (byte) s};
    }

    private static <T> T run(StateMachine<T> m) {
        IOResult<T> r = m.step();
        if (r.isIo()) {
            throw new IllegalStateException("the in-memory store never waits, got " + r.completion());
        }
        return r.value();
    }

    /** Builds the tree. */
    @Setup(Level.Trial)
    public void setUp() {
        tree = new BTree(new MemoryPageStore(pageSize, pageSize - 4));
        keys = new byte[entries][];
        value = new byte[32];
        for (int i = 0; i < entries; i++) {
            keys[i] = key(i);
            run(tree.put(keys[i], value));
        }
        rnd = new SplitMix64(42);
        fresh = entries;
    }

    /** @return the value of a random present key */
    @Benchmark
    public byte[] get() {
        return run(tree.get(keys[rnd.nextInt(entries)]));
    }

    /** Replaces the value of a random present key. */
    @Benchmark
    public void replace() {
        run(tree.put(keys[rnd.nextInt(entries)], value));
    }

    /** @return whether the fresh key was removed again (always true) */
    @Benchmark
    public boolean insertThenDelete() {
        byte[] k = key(fresh++);
        run(tree.put(k, value));
        return run(tree.delete(k));
    }

    /** @return 100 entries from a random present key on */
    @Benchmark
    public List<Entry> scan100() {
        return run(tree.scan(keys[rnd.nextInt(entries)], null, 100));
    }
}
