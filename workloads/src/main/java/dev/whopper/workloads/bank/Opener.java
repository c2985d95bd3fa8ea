package dev.whopper.workloads.bank;

import dev.whopper.core.db.Connection;
import dev.whopper.core.db.IntegrityReport;
import dev.whopper.core.db.Database;
import dev.whopper.core.db.TxMode;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.YieldInjector;
import dev.whopper.core.sm.StateMachine;
import dev.whopper.core.storage.btree.Entry;
import java.util.List;

/**
 * Opens the bank's database (running the engine's recovery) and verifies what recovery kept before anyone
 * else may use it: every fiber's acknowledged commit is there and nothing past its last attempt
 * (durability), the accounts sum to the total (conservation), and the integrity check is clean. Then it
 * publishes the database to the other fibers. One fiber at a time is the opener.
 */
final class Opener {
    private enum State { OPENING, VERIFY_BEGIN, VERIFY_SEQ, VERIFY_ACCOUNTS, VERIFY_END, VERIFY_INTEGRITY, DONE }

    private final BankWorld w;
    private final StateMachine<Database> openMachine;
    private final SubMachine sub = new SubMachine();
    private State state = State.OPENING;
    private Database opened;
    private Connection verifier;
    private long[] recoveredSeq;

    Opener(BankWorld world) {
        this.w = world;
        this.openMachine = Database.open(w.io, BankWorld.PATH, w.options);
    }

    /**
     * @return Done once the database is open, verified and published ({@link BankWorld#db}); IO to wait
     * @throws dev.whopper.core.db.DbException when the engine refused (the caller abandons the open)
     */
    IOResult<Void> step() {
        while (true) {
            switch (state) {
                case OPENING -> {
                    IOResult<Database> r = openMachine.step();
                    if (r.isIo()) {
                        return r.cast();
                    }
                    opened = r.value();
                    w.properties.walEnd.check(w.io, opened, recovery());
                    verifier = opened.connect(YieldInjector.NONE);
                    state = State.VERIFY_BEGIN;
                }
                case VERIFY_BEGIN -> {
                    IOResult<Void> r = sub.run(() -> verifier.begin(TxMode.DEFERRED));
                    if (r.isIo()) {
                        return r.cast();
                    }
                    state = State.VERIFY_SEQ;
                }
                case VERIFY_SEQ -> {
                    IOResult<List<Entry>> r = sub.run(() -> verifier.scan(BankModel.bytes("seq/"), BankModel.bytes("seq0"),
                        w.model.fibers + 1));
                    if (r.isIo()) {
                        return r.cast();
                    }
                    recoveredSeq = sequenceNumbers(r.value());
                    w.properties.durability.check(w.model, recoveredSeq, this::lostToBitRot, recovery(), w.transfers);
                    state = State.VERIFY_ACCOUNTS;
                }
                case VERIFY_ACCOUNTS -> {
                    IOResult<List<Entry>> r = sub.run(() -> verifier.scan(BankModel.bytes("acct/"), BankModel.bytes("acct0"),
                        w.model.accounts + 1));
                    if (r.isIo()) {
                        return r.cast();
                    }
                    w.properties.conservation.check(w.model, r.value(), recovery());
                    state = State.VERIFY_END;
                }
                case VERIFY_END -> {
                    IOResult<Void> r = sub.run(() -> verifier.rollback());
                    if (r.isIo()) {
                        return r.cast();
                    }
                    state = State.VERIFY_INTEGRITY;
                }
                case VERIFY_INTEGRITY -> {
                    IOResult<IntegrityReport> r = sub.run(() -> opened.integrityReport());
                    if (r.isIo()) {
                        return r.cast();
                    }
                    w.properties.integrity.check(r.value(), w.faults(), recovery());
                    publish();
                    return IOResult.done();
                }
                case DONE -> throw new IllegalStateException("opener stepped after it published the database");
                default -> throw new AssertionError(state);
            }
        }
    }

    /** @return which open this is, for messages: the first open, or the recovery after crash #N (numbered from 1) */
    /**
     * @return true when a flipped bit of the WAL below the end of the fiber's first lost commit explains its loss
     *         (recovery cuts the WAL at the first bad frame, so a flip in an earlier frame loses it too); for a commit
     *         acknowledged by a recovery (no record of its frames) a flip anywhere in the WAL does. A flip in another
     *         file, or in the WAL after the commit's frames, excuses nothing.
     */
    private boolean lostToBitRot(int fiber, long seq) {
        long end = w.model.acknowledgedWalEnd(fiber, seq);
        return w.faults().bitFlipped(opened.walPath(), end < 0 ? Long.MAX_VALUE : end, 0);
    }

    private String recovery() {
        return w.openReason;
    }

    private long[] sequenceNumbers(List<Entry> entries) {
        long[] seq = new long[w.model.fibers];
        for (Entry e : entries) {
            int fiber = Integer.parseInt(BankModel.text(e.key()).substring(4));
            seq[fiber] = BankModel.decode(e.value(), 0);
        }
        return seq;
    }

    /** Commits whose outcome was unknown and that turned out durable are acknowledged; the others may use it. */
    private void publish() {
        state = State.DONE;
        w.model.recovered(recoveredSeq);
        verifier.close();
        w.db = opened;
        w.databases.add(opened);
        w.opening = false;
        w.opens++;
        if (w.crashedSinceOpen) {
            w.recoveries++;
            w.crashedSinceOpen = false;
        }
        w.opened.signalAll();
    }

    /** The open failed under faults: give the database up, so that a later operation retries. */
    void abandon() {
        sub.reset();
        if (opened != null) {
            opened.close();
        }
        opened = null;
        w.opening = false;
        w.opened.signalAll();
    }
}
