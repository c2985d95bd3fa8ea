package dev.whopper.workloads.churn;

import dev.whopper.core.db.CheckpointMode;
import dev.whopper.core.db.Connection;
import dev.whopper.core.db.Database;
import dev.whopper.core.db.DatabaseOptions;
import dev.whopper.core.db.IntegrityReport;
import dev.whopper.core.db.TxMode;
import dev.whopper.core.io.IO;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.storage.btree.Entry;
import dev.whopper.core.storage.wal.WalFormat;
import dev.whopper.workloads.dbclient.CurrentMachine;
import dev.whopper.workloads.dbclient.EngineWorld;
import dev.whopper.workloads.dbclient.IntegrityVerdict;
import dev.whopper.workloads.spi.FaultOracle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shared state of one {@code btree-churn} run: the database (through {@link EngineWorld}), the
 * {@link ChurnModel}, the properties and what the run counted. After every open the opener scans the whole tree
 * and compares it with the model (durability) and runs the integrity check.
 */
final class ChurnWorld extends EngineWorld {
    /** Database file name on the simulated disk. */
    static final String PATH = "churn.db";

    final ChurnModel model;
    final ChurnProperties properties = new ChurnProperties();

    long keysInserted;
    long keysDeleted;
    long scans;
    final long[] checkpointsOk = new long[CheckpointMode.values().length];
    final long[] checkpointsRefused = new long[CheckpointMode.values().length];
    /**
     * True once a recovery came back from a WAL that a flipped bit cut short: recovery then overlays the WAL's
     * surviving (older) frames on a database file a checkpoint had already brought further, so the tree may be a
     * mix of page versions that no commit made. What a real disk's bit rot does; no property can judge the tree
     * after it, so the model, durability and integrity checks stop (counted as {@code checks-after-bit-rot-skipped}).
     */
    boolean taintedByBitRot;
    long checksSkipped;
    /** The most keys the model held at once. */
    int peakKeys;

    ChurnWorld(IO io, FaultOracle faults, DatabaseOptions options, int fibers, int keys, int opsPerFiber) {
        super(io, faults, options, PATH, fibers, opsPerFiber, "churn");
        this.model = new ChurnModel(keys);
    }

    @Override
    protected void corruptionSeen(String what) {
        properties.noCorruption.check(faults.bitFlipsInjected(), what);
    }

    @Override
    protected Verification verifyAfterOpen(Database db, Connection verifier, String when) {
        return new Recovery(db, verifier, when);
    }

    /** @return the scan's entries as a sorted map of text */
    static TreeMap<String, String> contents(List<Entry> entries) {
        TreeMap<String, String> out = new TreeMap<>();
        for (Entry e : entries) {
            out.put(ChurnModel.text(e.key()), ChurnModel.text(e.value()));
        }
        return out;
    }

    /** After an open: the whole tree against the model, then the integrity check; the model changes at the end only. */
    private final class Recovery implements Verification {
        private int state;
        private final CurrentMachine machine = new CurrentMachine();
        private TreeMap<String, String> recovered;
        private final Database db;
        private final Connection c;
        private final String when;

        Recovery(Database db, Connection c, String when) {
            this.db = db;
            this.c = c;
            this.when = when;
        }


        @Override
        public IOResult<Void> step() {
            while (true) {
                switch (state) {
                    case 0 -> {
                        IOResult<Void> r = machine.run(() -> c.begin(TxMode.DEFERRED));
                        if (r.isIo()) {
                            return r;
                        }
                        state = 1;
                    }
                    case 1 -> {
                        IOResult<List<Entry>> r = machine.run(() -> c.scan(null, null, model.keys + 1));
                        if (r.isIo()) {
                            return r.cast();
                        }
                        recovered = contents(r.value());
                        long lostBefore = model.writesLostToBitRot;
                        List<String> problems = model.compareRecovered(recovered,
                            walEnd -> faults.bitFlipped(db.walPath(), walEnd < 0 ? Long.MAX_VALUE : walEnd, 0));
                        if (model.writesLostToBitRot > lostBefore) {
                            taintedByBitRot = true;
                        }
                        if (!judging()) {
                            problems = List.of();
                        }
                        properties.durability.check(problems, when);
                        state = 2;
                    }
                    case 2 -> {
                        IOResult<Void> r = machine.run(c::rollback);
                        if (r.isIo()) {
                            return r;
                        }
                        state = 3;
                    }
                    case 3 -> {
                        IOResult<IntegrityReport> r = machine.run(db::integrityReport);
                        if (r.isIo()) {
                            return r.cast();
                        }
                        if (!r.value().clean() && faults.bitFlipped(db.walPath(), Long.MAX_VALUE, 0)
                            && IntegrityVerdict.of(r.value(), faults) == IntegrityVerdict.DAMAGED) {
                            taintedByBitRot = true; // page versions of a WAL cut short by a flipped bit
                        }
                        judge(r.value(), when);
                        int kept = db.walFrames();
                        model.recovered(recovered, kept == 0 ? 0 : WalFormat.frameOffset(db.pageSize(), kept + 1));
                        state = 4;
                        return IOResult.done();
                    }
                    default -> throw new IllegalStateException("recovery check stepped after it finished");
                }
            }
        }
    }

    /** Judges an integrity report: clean passes, damage a bit flip explains is counted, other damage fails the run. */
    void judge(IntegrityReport report, String when) {
        if (judge(report) == IntegrityVerdict.DAMAGED && judging()) {
            properties.integrity.damaged(report, when);
        }
    }

    /** @return false once {@link #taintedByBitRot}: the check is skipped (and counted) */
    boolean judging() {
        if (taintedByBitRot) {
            checksSkipped++;
            return false;
        }
        return true;
    }

    /** @return what the run counted, in a stable order */
    @Override
    public Map<String, Long> counters() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("commits", commits);
        out.put("keys-inserted", keysInserted);
        out.put("keys-deleted", keysDeleted);
        out.put("peak-keys", (long) peakKeys);
        out.put("scans", scans);
        out.put("writes-lost-to-bit-rot", model.writesLostToBitRot);
        out.put("checks-after-bit-rot-skipped", checksSkipped);
        for (CheckpointMode m : CheckpointMode.values()) {
            String name = "checkpoint-" + m.name().toLowerCase(java.util.Locale.ROOT);
            out.put(name + "-ok", checkpointsOk[m.ordinal()]);
            out.put(name + "-refused", checkpointsRefused[m.ordinal()]);
        }
        out.putAll(engineCounters());
        return out;
    }
}
