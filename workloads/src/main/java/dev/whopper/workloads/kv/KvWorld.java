package dev.whopper.workloads.kv;

import dev.whopper.core.db.Connection;
import dev.whopper.core.db.Database;
import dev.whopper.core.db.DatabaseOptions;
import dev.whopper.core.io.IO;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.storage.btree.Entry;
import dev.whopper.workloads.dbclient.CurrentMachine;
import dev.whopper.workloads.dbclient.EngineWorld;
import dev.whopper.workloads.dbclient.RecoveryCheck;
import dev.whopper.workloads.property.PropertyViolation;
import dev.whopper.workloads.spi.FaultOracle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shared state of one {@code kv-model} run: the database, the versioned model, the transactions whose commit
 * outcome is unknown, and the properties.
 */
final class KvWorld extends EngineWorld {
    /** Database file name on the simulated disk. */
    static final String PATH = "kv.db";

    final KvModel model = new KvModel();
    final KvProperties properties = new KvProperties();
    /**
     * Transactions whose commit started and was not published: in flight (an autocommit write may still be waiting
     * for the WRITER lock while others publish), failed, or cut off by a crash. The next open may show one of them
     * after the newest version. A publish supersedes those whose commit had ended (failed) before it.
     */
    final List<KvTxn> candidates = new ArrayList<>();
    private long nextWriteId;
    private long nextTxn;
    long transactions;
    long longReads;
    long autocommits;
    long reads;

    KvWorld(IO io, FaultOracle faults, DatabaseOptions options, int fibers, int opsPerFiber) {
        super(io, faults, options, PATH, "kv", fibers, opsPerFiber);
    }

    /** @return a fresh, unique write id */
    long newWriteId() {
        return nextWriteId++;
    }

    /** @return a fresh transaction number */
    long newTxn() {
        return ++nextTxn;
    }

    /**
     * The engine published {@code t}'s commit: it is the model's next version, its reads must be those of the
     * version before it, and every commit of unknown outcome is superseded.
     *
     * @param walEnd   where its frames end in the WAL
     * @param nowNanos when it was published
     */
    void published(KvTxn t, long walEnd, long nowNanos) {
        int v = model.publish(t.writes, t.label, walEnd);
        if (t.fiber >= 0) {
            model.committedBy(v, new KvModel.Committer(t.fiber, t.opIndex, t.startNanos, Math.max(t.startNanos, nowNanos)));
        }
        t.committedAs = v;
        candidates.removeIf(c -> c == t || c.commitEnded);
        properties.checkCommitted(model, t, v);
    }

    /** {@code t} started committing: until it is published, its outcome may be unknown. */
    void commitStarted(KvTxn t) {
        if (!candidates.contains(t)) {
            candidates.add(t);
        }
    }

    /**
     * @param entries what a scan returned
     * @param who     who scanned, for messages
     * @return the entries as (key, write id)
     */
    List<Map.Entry<String, Long>> decode(List<Entry> entries, String who) {
        List<Map.Entry<String, Long>> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            out.add(Map.entry(KvKeys.text(e.key()), value(e.value(), who)));
        }
        return out;
    }

    /** @return the write id a stored value holds ({@link KvModel#ABSENT} for null) */
    long value(byte[] stored, String who) {
        if (stored == null) {
            return KvModel.ABSENT;
        }
        long id = KvKeys.decode(stored);
        if (id < 0) {
            throw new PropertyViolation(properties.model.violation(who + " read a value this workload never wrote ("
                + stored.length + " bytes)"));
        }
        return id;
    }

    @Override
    protected Verification verifyAfterOpen(Database opened, Connection verifier, String when) {
        return checkedRecovery(verifier, opened, recoveryCheck(verifier, opened));
    }

    /** @return what an open must show: read through {@code verifier} in its transaction, checked against the model */
    private RecoveryCheck recoveryCheck(Connection verifier, Database opened) {
        return new RecoveryCheck() {
            private final CurrentMachine sub = new CurrentMachine();
            private int shown = -1;
            private final boolean durable = recoveringFromCrash();

            @Override
            public IOResult<Void> step() {
                IOResult<List<Entry>> r = sub.run(() -> verifier.scan(KvKeys.bytes(KvKeys.FIRST), KvKeys.bytes(KvKeys.END),
                    KvKeys.KEYS + 1));
                if (r.isIo()) {
                    return r.cast();
                }
                TreeMap<String, Long> observed = new TreeMap<>();
                for (Map.Entry<String, Long> e : decode(r.value(), openReason())) {
                    observed.put(e.getKey(), e.getValue());
                }
                List<TreeMap<String, Long>> writes = new ArrayList<>(candidates.size());
                for (KvTxn c : candidates) {
                    writes.add(c.writes);
                }
                shown = properties.checkRecovered(model, observed, writes, v -> lostToBitRot(opened, v), openReason());
                return IOResult.done();
            }

            @Override
            public void accept() {
                int hi = model.version();
                int acked = model.acknowledgedVersion();
                if (shown > hi) {
                    KvTxn c = candidates.get(shown - hi - 1);
                    c.committedAs = model.publish(c.writes, c.label + ", shown by the open", -1);
                } else {
                    if (shown < acked) {
                        properties.commitsLostToBitRot += acked - shown;
                    }
                    model.truncate(shown);
                }
                // After a crash what the open shows is durable: it must survive every later crash. A reopen after a
                // failed WAL sync may show a failed commit that is readable but not yet durable: it stays unacknowledged.
                model.acknowledge(durable ? model.version() : Math.min(acked, model.version()));
                candidates.clear();
            }
        };
    }

    /** A flipped WAL bit below the end of version {@code v}'s frames (recovery cuts the WAL there) explains its loss. */
    private boolean lostToBitRot(Database opened, int v) {
        long end = model.walEnd(v);
        return faults().bitFlipped(opened.walPath(), end < 0 ? Long.MAX_VALUE : end, 0);
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> out = super.counters();
        out.put("transactions", transactions);
        out.put("long-reads", longReads);
        out.put("autocommits", autocommits);
        out.put("reads", reads);
        out.put("versions", (long) model.version());
        out.put("commits-lost-to-bit-rot", properties.commitsLostToBitRot);
        return out;
    }
}
