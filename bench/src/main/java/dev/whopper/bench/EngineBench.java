package dev.whopper.bench;

import dev.whopper.core.db.Connection;
import dev.whopper.core.db.Database;
import dev.whopper.core.db.DatabaseOptions;
import dev.whopper.core.db.TxMode;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.YieldInjector;
import dev.whopper.core.io.backend.Blocking;
import dev.whopper.core.io.backend.MemoryIO;
import dev.whopper.core.random.SplitMix64;
import dev.whopper.core.sm.StateMachine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine on one connection over {@code MemoryIO.immediate()} (checksums, copy-on-write, WAL frames
 * and syncs all on; default 4096-byte pages, auto-checkpoint at 1000 frames): autocommit puts, gets on a
 * warm cache, and puts inside transactions of 1,000 puts. Keys are 8 bytes drawn from a working set of
 * 100,000, values 32 bytes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class EngineBench {
    private static final int KEYS = 100_000;

    /** One database and connection per trial. */
    @State(Scope.Thread)
    public static class Engine {
        MemoryIO io;
        Database db;
        Connection conn;
        long counter;
        final byte[] value = new byte[32];

        /** Opens a fresh database and loads the working set. */
        @Setup(Level.Trial)
        public void setUp() {
            io = MemoryIO.immediate();
            db = run(io, Database.open(io, "bench.db", DatabaseOptions.defaults().withCacheCapacityPages(20_000)));
            conn = db.connect(YieldInjector.NONE);
            run(io, conn.begin(TxMode.IMMEDIATE));
            for (int i = 0; i < KEYS; i++) {
                run(io, conn.put(key(i), value));
            }
            run(io, conn.commit());
        }

        byte[] nextKey() {
            return key((int) Long.remainderUnsigned(SplitMix64.mix(counter++), KEYS));
        }
    }

    static byte[] key(int i) {
        long k = Integer.toUnsignedLong(i) * 0x9E3779B1L;
        return new byte[] {(byte) (k >>> 56), (byte) (k >>> 48), (byte) (k >>> 40), (byte) (k >>> 32),
            (byte) (k >>> 24), (byte) (k >>> 16), (byte) (k >>> 8), (byte) k};
    }

    static <T> T run(MemoryIO io, StateMachine<T> m) {
        IOResult<T> r = m.step();
        if (r.isDone()) {
            return r.value();
        }
        return Blocking.run(io, m::step);
    }

    /**
     * @param e the engine
     * @return nothing useful
     */
    @Benchmark
    public Object autocommitPut(Engine e) {
        return run(e.io, e.conn.put(e.nextKey(), e.value));
    }

    /**
     * @param e the engine
     * @return the value
     */
    @Benchmark
    public byte[] warmGet(Engine e) {
        return run(e.io, e.conn.get(e.nextKey()));
    }

    /**
     * @param e the engine
     * @return nothing useful
     */
    @Benchmark
    @OperationsPerInvocation(1000)
    public Object putsInTransactionsOf1000(Engine e) {
        run(e.io, e.conn.begin(TxMode.IMMEDIATE));
        for (int i = 0; i < 1000; i++) {
            run(e.io, e.conn.put(e.nextKey(), e.value));
        }
        return run(e.io, e.conn.commit());
    }
}
