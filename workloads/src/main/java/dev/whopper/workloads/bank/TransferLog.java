package dev.whopper.workloads.bank;

import dev.whopper.workloads.property.Blamed;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The last few transfers of every fiber, with what they wrote and when: whom a broken conservation is blamed on.
 * An audit whose sum is wrong blames the other fibers' transfers whose writes overlapped it in simulated time: one
 * part-way through (some of its writes made, not all) first, then those that committed or wrote while it ran.
 * Bounded: {@link #PER_FIBER} transfers per fiber. Reads no random stream and decides nothing.
 */
final class TransferLog {
    /** Transfers kept per fiber. */
    static final int PER_FIBER = 4;

    /** One transfer: who, which operation, what it moves, and how far it got. */
    static final class Entry {
        final int fiber;
        final long opIndex;
        final long startNanos;
        final int from;
        final int to;
        final long amount;
        /** The fiber's commit sequence number it writes. */
        final long seq;
        /** Account writes that returned: 0, 1 (the debit) or 2 (debit and credit). */
        int written;
        long firstWriteNanos = -1;
        long lastWriteNanos = -1;
        /** When it ended, or -1 while it runs. */
        long endNanos = -1;
        boolean committed;
        /** True once its client was told it is done (early, in the broken twins). */
        boolean acknowledged;
        String outcome = "";

        Entry(int fiber, long opIndex, long startNanos, int from, int to, long amount, long seq) {
            this.seq = seq;
            this.fiber = fiber;
            this.opIndex = opIndex;
            this.startNanos = startNanos;
            this.from = from;
            this.to = to;
            this.amount = amount;
        }
    }

    /** Transfers blamed at most (a run of thousands of fibers can have thousands of concurrent committers). */
    static final int MAX_BLAMED = 32;
    /** Partial transfers kept at most (the first ones: each breaks the sum for good). */
    static final int MAX_PARTIAL = 16;

    private final List<ArrayDeque<Entry>> recent = new ArrayList<>();
    /** Transfers that ended after a debit without its credit (the first {@link #MAX_PARTIAL}), in order. */
    private final List<Entry> leftPartial = new ArrayList<>();

    TransferLog(int fibers) {
        for (int f = 0; f < fibers; f++) {
            recent.add(new ArrayDeque<>(PER_FIBER));
        }
    }

    /** A transfer of {@code fiber} drew its accounts; the fiber's previous one, if still open, ended by now. */
    Entry begin(int fiber, long opIndex, long nowNanos, int from, int to, long amount, long seq) {
        ArrayDeque<Entry> q = recent.get(fiber);
        Entry last = q.peekLast();
        if (last != null && last.endNanos < 0) {
            end(last, nowNanos, false, "abandoned");
        }
        if (q.size() == PER_FIBER) {
            q.removeFirst();
        }
        Entry e = new Entry(fiber, opIndex, nowNanos, from, to, amount, seq);
        q.addLast(e);
        return e;
    }

    /** Its client was told it is done. */
    static void acknowledged(Entry e) {
        e.acknowledged = true;
    }

    /** One of its account writes returned. */
    static void wrote(Entry e, long nowNanos) {
        if (e.written == 0) {
            e.firstWriteNanos = nowNanos;
        }
        e.written++;
        e.lastWriteNanos = nowNanos;
    }

    /** It ended: committed (or acknowledged), or not with {@code outcome} (busy, insufficient, an error). */
    void end(Entry e, long nowNanos, boolean committed, String outcome) {
        if (e.endNanos < 0) {
            e.endNanos = nowNanos;
            e.committed = committed;
            e.outcome = outcome == null ? "" : outcome;
            if (e.written == 1 && leftPartial.size() < MAX_PARTIAL) {
                leftPartial.add(e);
            }
        }
    }

    /**
     * @param auditor    the fiber whose audit found the sum wrong
     * @param auditStart when its audit began
     * @param nowNanos   when its scan returned
     * @param model      the bank, for account names
     * @return the other fibers' transfers to blame: those left part-way (a debit without its credit: ended so, at
     *         any time, or still so when the audit scanned) first, then those that committed, or wrote their last
     *         account, while the audit ran; at most {@link #MAX_BLAMED}
     */
    List<Blamed> culprits(int auditor, long auditStart, long nowNanos, BankModel model) {
        List<Blamed> partWay = new ArrayList<>();
        for (Entry e : leftPartial) {
            if (e.fiber != auditor && e.firstWriteNanos <= nowNanos) {
                partWay.add(new Blamed(e.fiber, e.opIndex, e.startNanos, e.endNanos, "transfer " + moves(e, model)
                    + " debited " + key(model, e.from) + " and ended (" + e.outcome + ") without crediting "
                    + key(model, e.to)));
            }
        }
        List<Blamed> others = new ArrayList<>();
        for (ArrayDeque<Entry> q : recent) {
            for (Entry e : q) {
                if (e.fiber == auditor || e.written == 0 || e.firstWriteNanos > nowNanos) {
                    continue;
                }
                boolean running = e.endNanos < 0;
                if (running && e.written == 1) {
                    partWay.add(new Blamed(e.fiber, e.opIndex, e.startNanos, nowNanos, "transfer " + moves(e, model)
                        + " was part-way: it had debited " + key(model, e.from) + " but not yet credited "
                        + key(model, e.to) + " when the audit scanned"));
                } else if (!running && e.committed && e.endNanos >= auditStart) {
                    others.add(new Blamed(e.fiber, e.opIndex, e.startNanos, e.endNanos, "transfer " + moves(e, model)
                        + " committed while the audit ran"));
                } else if (e.written == 2 && e.lastWriteNanos >= auditStart && !e.committed) {
                    others.add(new Blamed(e.fiber, e.opIndex, e.startNanos, running ? nowNanos : e.endNanos,
                        "transfer " + moves(e, model) + " wrote both accounts while the audit ran"
                        + (running ? ", not yet committed" : " and ended (" + e.outcome + ") without committing")));
                }
            }
        }
        partWay.addAll(others);
        return partWay.size() <= MAX_BLAMED ? partWay : List.copyOf(partWay.subList(0, MAX_BLAMED));
    }

    /**
     * @param fiber     a fiber whose acknowledged commits a recovery lost
     * @param recovered the sequence number the recovery shows
     * @param acked     the highest acknowledged one
     * @param model     the bank, for account names
     * @return its kept transfers whose commits (after {@code recovered}, up to {@code acked}) were acknowledged
     *         and lost
     */
    List<Blamed> lost(int fiber, long recovered, long acked, BankModel model) {
        List<Blamed> out = new ArrayList<>();
        for (Entry e : recent.get(fiber)) {
            if (e.seq > recovered && e.seq <= acked && e.acknowledged) {
                out.add(new Blamed(fiber, e.opIndex, e.startNanos, Math.max(e.startNanos, e.endNanos), "transfer " + moves(e, model)
                    + " was acknowledged as commit #" + e.seq + " and is not there after the recovery"));
            }
        }
        return out;
    }

    private static String key(BankModel model, int account) {
        return BankModel.text(model.accountKey(account));
    }

    private static String moves(Entry e, BankModel model) {
        return key(model, e.from) + " -> " + key(model, e.to) + " (" + e.amount + ")";
    }
}
