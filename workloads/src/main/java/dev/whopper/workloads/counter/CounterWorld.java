package dev.whopper.workloads.counter;

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
import java.util.List;
import java.util.Map;

/** The shared state of one {@code counter} run: the database, the counters' model and the properties. */
final class CounterWorld extends EngineWorld {
    /** Database file name on the simulated disk. */
    static final String PATH = "counter.db";

    final CounterModel model;
    final CounterProperties properties = new CounterProperties();
    long increments;
    long reads;

    CounterWorld(IO io, FaultOracle faults, DatabaseOptions options, int fibers, int counters, int opsPerFiber) {
        super(io, faults, options, PATH, "counter", fibers, opsPerFiber);
        this.model = new CounterModel(counters, fibers);
    }

    @Override
    protected void onCrash() {
        model.crashed();
    }

    /**
     * @param entries what a scan of every counter returned
     * @param who     who scanned, for messages
     * @return each counter's value (0 when absent)
     */
    long[] values(List<Entry> entries, String who) {
        long[] values = new long[model.counters];
        for (Entry e : entries) {
            int k = model.counterOf(e.key());
            if (k < 0) {
                throw new PropertyViolation(properties.noPhantom.violation(who + ": the scan returned key "
                    + new String(e.key(), java.nio.charset.StandardCharsets.US_ASCII) + ", which no counter has"));
            }
            values[k] = CounterModel.decode(e.value());
        }
        return values;
    }

    @Override
    protected Verification verifyAfterOpen(Database opened, Connection verifier, String when) {
        return checkedRecovery(verifier, opened, recoveryCheck(verifier, opened));
    }

    /** @return what an open must show: read through {@code verifier} in its transaction, checked against the model */
    private RecoveryCheck recoveryCheck(Connection verifier, Database opened) {
        return new RecoveryCheck() {
            private final CurrentMachine sub = new CurrentMachine();
            private long[] values;
            private final boolean durable = recoveringFromCrash();

            @Override
            public IOResult<Void> step() {
                IOResult<List<Entry>> r = sub.run(() -> verifier.scan(model.key(0), CounterModel.end(), model.counters + 1));
                if (r.isIo()) {
                    return r.cast();
                }
                values = values(r.value(), openReason());
                properties.checkRecovered(model, values,
                    (k, observed) -> faults().bitFlipped(opened.walPath(), model.firstLostWalEnd(k, observed), 0), openReason());
                return IOResult.done();
            }

            @Override
            public void accept() {
                model.recovered(values, durable);
            }
        };
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> out = super.counters();
        out.put("increments", increments);
        out.put("reads", reads);
        long unknown = 0;
        for (long u : model.unknown) {
            unknown += u;
        }
        out.put("unknown-outcome", unknown);
        out.put("increments-lost-to-bit-rot", properties.lostToBitRot);
        return out;
    }
}
