package dev.whopper.workloads.checkpoint;

import dev.whopper.core.db.CheckpointMode;
import dev.whopper.core.db.Connection;
import dev.whopper.core.db.Database;
import dev.whopper.core.db.DatabaseOptions;
import dev.whopper.core.db.IntegrityReport;
import dev.whopper.core.db.TxMode;
import dev.whopper.core.io.IO;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.storage.btree.Entry;
import dev.whopper.workloads.dbclient.CurrentMachine;
import dev.whopper.workloads.dbclient.EngineWorld;
import dev.whopper.workloads.dbclient.IntegrityVerdict;
import dev.whopper.workloads.spi.FaultOracle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The shared state of one {@code checkpoint-storm} run: the database, the {@link StormModel}, properties, counters. */
final class StormWorld extends EngineWorld {
    static final String PATH = "storm.db";

    final StormModel model;
    final StormProperties properties = new StormProperties();
    /** As in btree-churn: once a WAL cut short by a flipped bit came back, contents can no longer be judged. */
    boolean taintedByBitRot;
    long checksSkipped;

    long snapshotsChecked;
    long rereads;
    /** Re-reads in a snapshot that a checkpoint (explicit or auto) ran under since the snapshot was taken. */
    long rereadsAcrossCheckpoint;
    /** Checkpoints that ran (explicit ones that succeeded and auto ones), for readers to notice. */
    long checkpointsRun;
    final long[][] checkpointOutcomes = new long[CheckpointMode.values().length][4];
    static final String[] OUTCOMES = {"ok", "busy", "partial", "failed"};

    StormWorld(IO io, FaultOracle faults, DatabaseOptions options, int fibers, int keys, int opsPerFiber) {
        super(io, faults, options, PATH, fibers, opsPerFiber, "storm");
        this.model = new StormModel(keys);
    }

    @Override
    protected void corruptionSeen(String what) {
        properties.noCorruption.check(faults.bitFlipsInjected() ? null : what, "no bit flip explains it");
    }

    /** @return false once {@link #taintedByBitRot}: the check is skipped (and counted) */
    boolean judging() {
        if (taintedByBitRot) {
            checksSkipped++;
            return false;
        }
        return true;
    }

    /** @return per key the id a scan shows (0: absent), or null with the problem in {@code problem[0]} */
    long[] state(List<Entry> entries, String[] problem) {
        long[] s = new long[model.keys];
        for (Entry e : entries) {
            int k = model.index(e.key());
            long v = StormModel.txnOf(e.value());
            if (k < 0 || v < 0) {
                problem[0] = "a key or value no transaction wrote: " + new String(e.key(), java.nio.charset.StandardCharsets.US_ASCII);
                return null;
            }
            s[k] = v;
        }
        return s;
    }

    /** Judges an integrity report: clean passes, damage a bit flip explains is counted, other damage fails the run. */
    void judgeIntegrity(IntegrityReport report, String when) {
        if (judge(report) == IntegrityVerdict.DAMAGED && judging()) {
            properties.integrity.damaged(report, when);
        }
    }

    @Override
    protected Verification verifyAfterOpen(Database db, Connection c, String when) {
        return new Verification() {
            private int state;
            private final CurrentMachine machine = new CurrentMachine();
            private long[] recovered;


            @Override
            public IOResult<Void> step() {
                while (true) {
                    switch (state) {
                        case 0 -> {
                            IOResult<List<Entry>> r = machine.run(() -> c.scan(null, null, model.keys + 8));
                            if (r.isIo()) {
                                return r.cast();
                            }
                            String[] problem = new String[1];
                            recovered = state(r.value(), problem);
                            long lostBefore = model.writesLostToBitRot;
                            String p = problem[0] != null ? problem[0] : model.check(recovered, model.acked.clone(),
                                model.lastTxn(), walEnd -> faults.bitFlipped(db.walPath(), walEnd < 0 ? Long.MAX_VALUE : walEnd, 0));
                            if (model.writesLostToBitRot > lostBefore) {
                                taintedByBitRot = true;
                            }
                            if (judging()) {
                                properties.durability.check(p, when);
                            }
                            state = 1;
                        }
                        case 1 -> {
                            IOResult<IntegrityReport> r = machine.run(db::integrityReport);
                            if (r.isIo()) {
                                return r.cast();
                            }
                            if (IntegrityVerdict.of(r.value(), faults) == IntegrityVerdict.DAMAGED
                                && faults.bitFlipped(db.walPath(), Long.MAX_VALUE, 0)) {
                                taintedByBitRot = true;
                            }
                            judgeIntegrity(r.value(), when);
                            if (recovered != null) {
                                model.recovered(recovered);
                            }
                            state = 2;
                            return IOResult.done();
                        }
                        default -> throw new IllegalStateException("recovery check stepped after it finished");
                    }
                }
            }
        };
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("commits", commits);
        out.put("snapshots-checked", snapshotsChecked);
        out.put("rereads", rereads);
        out.put("rereads-across-checkpoint", rereadsAcrossCheckpoint);
        for (CheckpointMode m : CheckpointMode.values()) {
            for (int o = 0; o < OUTCOMES.length; o++) {
                out.put("checkpoint-" + m.name().toLowerCase(Locale.ROOT) + "-" + OUTCOMES[o], checkpointOutcomes[m.ordinal()][o]);
            }
        }
        StormProperties.Progress p = properties.progress;
        out.put("checkpoints-after-faults-stopped", p.checkpointsAfterStop);
        out.put("checkpoints-ok-after-faults-stopped", p.checkpointsOkAfterStop);
        out.put("commits-after-faults-stopped", p.commitsAfterStop);
        out.put("writes-lost-to-bit-rot", model.writesLostToBitRot);
        out.put("checks-after-bit-rot-skipped", checksSkipped);
        out.putAll(engineCounters());
        return out;
    }
}
