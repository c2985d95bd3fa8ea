package dev.whopper.core.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.YieldInjector;
import dev.whopper.core.io.backend.MemoryIO;
import dev.whopper.core.random.SplitMix64;
import dev.whopper.core.sm.StateMachine;
import dev.whopper.core.storage.btree.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Crashes at random points (unsynced writes dropped, sectors torn) while several connections commit
 * transactions that each insert a recognizable set of keys; after recovery every acknowledged
 * transaction is complete, every other one is all there or not at all, and the integrity check is clean.
 */
class CrashTest {

    @Property(tries = 100)
    void acknowledgedCommitsSurviveCrashesAndNothingIsHalfThere(@ForAll long seed) {
        new Run(seed).run();
    }

    @Test
    void pinnedSeeds() {
        for (long seed : new long[] {0, 1, 2, 3, 42}) {
            new Run(seed).run();
        }
    }

    private static final class Run {
        private final SplitMix64 rng;
        private final MemoryIO io;
        private final DatabaseOptions options;
        /** txn id -> number of keys; acknowledged ids. */
        private final TreeMap<Integer, Integer> started = new TreeMap<>();
        private final TreeMap<Integer, Boolean> acknowledged = new TreeMap<>();
        private int nextTxn;

        Run(long seed) {
            rng = new SplitMix64(seed);
            io = MemoryIO.randomOrder(rng.nextLong());
            options = new DatabaseOptions(rng.chance(0.5) ? 512 : 1024, 4 + rng.nextInt(40), 3 + rng.nextInt(30), 1_000_000L);
        }

        private final class Writer {
            final Connection conn;
            StateMachine<?> machine;
            Completion waiting;
            int txn = -1;
            int phase;
            int keys;
            boolean explicit;

            Writer(Connection conn) {
                this.conn = conn;
            }
        }

        void run() {
            for (int round = 0; round < 3; round++) {
                Database db = Db.run(io, Database.open(io, "c.db", options));
                verify(db);
                List<Writer> writers = new ArrayList<>();
                int n = 1 + rng.nextInt(3);
                boolean yields = rng.chance(0.5);
                for (int i = 0; i < n; i++) {
                    YieldInjector y = YieldInjector.NONE;
                    if (yields) {
                        SplitMix64 yr = new SplitMix64(rng.nextLong());
                        y = point -> yr.chance(0.5);
                    }
                    writers.add(new Writer(db.connect(y)));
                }
                int steps = rng.nextInt(3000);
                boolean[] crashed = {false};
                if (rng.chance(0.5)) {
                    // Crash from inside a step, at the completion of the n-th request: the requests of the
                    // same batch that have not completed yet are lost too.
                    long[] countdown = {1 + rng.nextInt(2000)};
                    SplitMix64 crashRng = new SplitMix64(rng.nextLong());
                    double keep = rng.nextDouble();
                    io.setFaultHook((path, kind, offset, length) -> {
                        if (!crashed[0] && --countdown[0] == 0) {
                            crashed[0] = true;
                            io.crash(crashRng, keep, 512);
                            return new dev.whopper.core.io.CompletionError(dev.whopper.core.io.ErrorCode.IO_ERROR, "power loss");
                        }
                        return null;
                    });
                }
                for (int s = 0; s < steps && !crashed[0]; s++) {
                    Writer w = writers.get(rng.nextInt(writers.size()));
                    if (rng.chance(0.3) || (w.waiting != null && !w.waiting.finished())) {
                        io.poll();
                        continue;
                    }
                    step(w);
                }
                io.setFaultHook(null);
                if (!crashed[0]) {
                    io.crash(rng, rng.nextDouble(), 512);
                }
            }
            Database db = Db.run(io, Database.open(io, "c.db", options));
            verify(db);
            Connection c = db.connect(YieldInjector.NONE);
            Db.run(io, c.checkpoint(CheckpointMode.TRUNCATE));
            assertEquals(List.of(), Db.run(io, db.integrityCheck()));
            verify(db);
        }

        private void step(Writer w) {
            if (w.machine == null) {
                if (w.phase == 0) {
                    w.txn = nextTxn++;
                    w.keys = 1 + rng.nextInt(8);
                    w.explicit = w.keys > 1;
                    started.put(w.txn, w.keys);
                    if (rng.chance(0.05)) {
                        w.machine = w.conn.checkpoint(CheckpointMode.values()[rng.nextInt(4)]);
                        w.phase = -1;
                    } else if (w.explicit) {
                        w.machine = w.conn.begin(rng.chance(0.5) ? TxMode.IMMEDIATE : TxMode.DEFERRED);
                    } else {
                        w.phase = 1;
                        w.machine = put(w, 0);
                    }
                } else if (w.phase <= w.keys) {
                    w.machine = put(w, w.phase - 1);
                } else {
                    w.machine = w.conn.commit();
                }
            }
            IOResult<?> r;
            try {
                r = w.machine.step();
            } catch (DbException e) {
                boolean powerLoss = e.getMessage().contains("power loss");
                if (e.error() != DbError.BUSY && e.error() != DbError.BUSY_SNAPSHOT && !powerLoss) {
                    throw e;
                }
                if (w.conn.inTransaction()) {
                    w.conn.rollback().step();
                }
                w.machine = null;
                w.waiting = null;
                w.phase = 0;
                return;
            }
            if (r.isIo()) {
                w.waiting = r.completion();
                return;
            }
            w.machine = null;
            w.waiting = null;
            if (w.phase == -1) {
                w.phase = 0;
            } else if (!w.explicit) {
                acknowledged.put(w.txn, true);
                w.phase = 0;
            } else if (w.phase > w.keys) {
                acknowledged.put(w.txn, true);
                w.phase = 0;
            } else {
                w.phase++;
            }
        }

        private StateMachine<?> put(Writer w, int j) {
            int len = 1 + rng.nextInt(options.pageSize() == 512 ? 80 : 180);
            StringBuilder v = new StringBuilder("v" + w.txn + "-");
            while (v.length() < len) {
                v.append('x');
            }
            return w.conn.put(Db.b(String.format("t%06d-%02d", w.txn, j)), Db.b(v.toString()));
        }

        private void verify(Database db) {
            assertEquals(List.of(), Db.run(io, db.integrityCheck()), "integrity after recovery");
            Connection c = db.connect(YieldInjector.NONE);
            List<Entry> all = Db.run(io, c.scan(null, null, Integer.MAX_VALUE));
            c.close();
            TreeMap<Integer, Integer> present = new TreeMap<>();
            for (Entry e : all) {
                String k = Db.s(e.key());
                int txn = Integer.parseInt(k.substring(1, 7));
                assertTrue(Db.s(e.value()).startsWith("v" + txn + "-"), "value of " + k);
                present.merge(txn, 1, Integer::sum);
            }
            for (var e : started.entrySet()) {
                int have = present.getOrDefault(e.getKey(), 0);
                if (acknowledged.containsKey(e.getKey())) {
                    assertEquals(e.getValue(), have, "acknowledged transaction " + e.getKey() + " lost keys");
                } else {
                    assertTrue(have == 0 || have == e.getValue(), "transaction " + e.getKey() + " is half there: "
                        + have + " of " + e.getValue() + " keys");
                }
            }
            for (int t : present.keySet()) {
                assertTrue(started.containsKey(t), "keys of unknown transaction " + t);
            }
        }
    }
}
