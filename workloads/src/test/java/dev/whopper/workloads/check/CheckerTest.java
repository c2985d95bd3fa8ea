package dev.whopper.workloads.check;

import static dev.whopper.workloads.history.Model.LIST_APPEND;
import static dev.whopper.workloads.history.Model.RW_REGISTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every anomaly class on a hand-written history: detected with the right name and witness, and only where it is. */
class CheckerTest {
    static final Consistency SER = Consistency.SERIALIZABLE;
    static final Consistency SI = Consistency.SNAPSHOT_ISOLATION;
    static final Consistency STRICT = Consistency.STRICT_SERIALIZABLE;

    /** @return the only anomaly of that class, after checking the cycle witness is a closed chain */
    static Anomaly only(CheckResult r, AnomalyType type) {
        List<Anomaly> of = new ArrayList<>();
        for (Anomaly a : r.anomalies()) {
            if (a.type() == type) {
                of.add(a);
            }
        }
        assertEquals(1, of.size(), type + " once in:\n" + CheckText.render(r));
        if (of.get(0) instanceof Anomaly.Cycle c) {
            assertClosed(c);
        }
        return of.get(0);
    }

    static void assertClosed(Anomaly.Cycle c) {
        int n = c.transactions().size();
        for (int i = 0; i < n; i++) {
            Edge e = c.edges().get(i);
            assertEquals(c.transactions().get(i), e.from(), "edge " + i + " starts at transaction " + i);
            assertEquals(c.transactions().get((i + 1) % n), e.to(), "edge " + i + " ends at the next transaction");
        }
    }

    static List<String> edgeLabels(Anomaly.Cycle c) {
        List<String> out = new ArrayList<>();
        for (Edge e : c.edges()) {
            out.add(e.from().name() + " " + e.kind().label() + (e.key() == null ? "" : "(" + e.key() + ")") + " " + e.to().name());
        }
        return out;
    }

    static void assertOnly(CheckResult r, AnomalyType... types) {
        assertEquals(List.of(types), List.copyOf(r.found().keySet()), CheckText.render(r));
    }

    // ---- list-append ----

    @Test
    void g0WriteCycle() {
        CheckResult r = new Hist()
            .txn(0, "[[:append 1 1] [:append 2 1]]")          // T1
            .txn(1, "[[:append 1 2] [:append 2 2]]")          // T3
            .txn(2, "[[:r 1 [1 2]] [:r 2 [2 1]]]")             // T5
            .check(LIST_APPEND, SER);
        Anomaly.Cycle c = (Anomaly.Cycle) only(r, AnomalyType.G0);
        assertEquals(List.of("T1 ww(1) T3", "T3 ww(2) T1"), edgeLabels(c));
        assertEquals("T1 -ww(k=1)-> T3: T1 appended 1, T3 appended 2 right after it in the version order",
            c.edges().get(0).describe());
        assertFalse(r.valid());
        assertFalse(Checker.check(new Hist().txn(0, "[[:append 1 1] [:append 2 1]]").txn(1, "[[:append 1 2] [:append 2 2]]")
            .txn(2, "[[:r 1 [1 2]] [:r 2 [2 1]]]").history(LIST_APPEND), LIST_APPEND, SI).valid(), "SI forbids G0");
    }

    @Test
    void g1aAbortedRead() {
        CheckResult r = new Hist().invoke(0, "[[:append 1 7]]").fail(0, "[[:append 1 7]]")
            .txn(1, "[[:r 1 [7]]]").check(LIST_APPEND, SER);
        Anomaly.AbortedRead a = (Anomaly.AbortedRead) only(r, AnomalyType.G1A);
        assertEquals("T3", a.reader().name());
        assertEquals("T1", a.writer().name());
        assertEquals(7, a.value());
        assertEquals("T3 read 7 of key 1, written by T1, which failed", CheckText.summary(a));
        assertOnly(r, AnomalyType.G1A);
    }

    @Test
    void g1bIntermediateRead() {
        CheckResult r = new Hist().txn(0, "[[:append 1 1] [:append 1 2]]").txn(1, "[[:r 1 [1]]]").txn(2, "[[:r 1 [1 2]]]")
            .check(LIST_APPEND, SER);
        Anomaly.IntermediateRead a = (Anomaly.IntermediateRead) only(r, AnomalyType.G1B);
        assertEquals("T3", a.reader().name());
        assertEquals(1, a.value());
        assertEquals(2, a.finalValue());
        assertTrue(CheckText.summary(a).contains("T1 wrote 2 after it in the same transaction"), CheckText.summary(a));
    }

    @Test
    void g1cCircularInformationFlow() {
        CheckResult r = new Hist()
            .invoke(0, "[[:append 1 1] [:r 2 [1]]]").invoke(1, "[[:append 2 1] [:r 1 [1]]]")
            .ok(0, "[[:append 1 1] [:r 2 [1]]]").ok(1, "[[:append 2 1] [:r 1 [1]]]")
            .check(LIST_APPEND, SI);
        Anomaly.Cycle c = (Anomaly.Cycle) only(r, AnomalyType.G1C);
        assertEquals(List.of("T2 wr(1) T3", "T3 wr(2) T2"), edgeLabels(c));
        assertEquals("T2 appended 1, the last element of T3's read", c.edges().get(0).why());
        assertOnly(r, AnomalyType.G1C);
    }

    /** Read skew: T3 sees key 2 after T1 but key 1 before it. */
    @Test
    void gSingleReadSkew() {
        Hist h = new Hist()
            .invoke(0, "[[:append 1 1] [:append 2 1]]").invoke(1, "[[:r 1 []] [:r 2 [1]]]")
            .ok(0, "[[:append 1 1] [:append 2 1]]").ok(1, "[[:r 1 []] [:r 2 [1]]]")
            .txn(2, "[[:r 1 [1]]]");
        CheckResult r = h.check(LIST_APPEND, SI);
        Anomaly.Cycle c = (Anomaly.Cycle) only(r, AnomalyType.G_SINGLE);
        assertEquals(List.of("T2 wr(2) T3", "T3 rw(1) T2"), edgeLabels(c));
        assertEquals("T3 read the list empty, and T2 appended 1, its first element in the version order", c.edges().get(1).why());
        assertFalse(r.valid(), "snapshot isolation forbids G-single");
    }

    /** Write skew: each reads the key the other appends to. SI allows it, serializability does not. */
    @Test
    void g2ItemWriteSkew() {
        Hist h = new Hist()
            .invoke(0, "[[:r 1 []] [:append 2 1]]").invoke(1, "[[:r 2 []] [:append 1 1]]")
            .ok(0, "[[:r 1 []] [:append 2 1]]").ok(1, "[[:r 2 []] [:append 1 1]]")
            .txn(2, "[[:r 1 [1]] [:r 2 [1]]]");
        CheckResult ser = h.check(LIST_APPEND, SER);
        Anomaly.Cycle c = (Anomaly.Cycle) only(ser, AnomalyType.G2_ITEM);
        assertEquals(List.of("T2 rw(1) T3", "T3 rw(2) T2"), edgeLabels(c));
        assertFalse(ser.valid());
        CheckResult si = h.check(LIST_APPEND, SI);
        assertTrue(si.valid(), CheckText.render(si));
        assertEquals(1, si.found().get(AnomalyType.G2_ITEM), "found, but allowed");
        assertTrue(CheckText.render(si).contains("also found, allowed by snapshot-isolation: G2-item (1)"), CheckText.render(si));
    }

    @Test
    void lostUpdate() {
        CheckResult r = new Hist()
            .invoke(0, "[[:r 1 []] [:append 1 1]]").invoke(1, "[[:r 1 []] [:append 1 2]]")
            .ok(0, "[[:r 1 []] [:append 1 1]]").ok(1, "[[:r 1 []] [:append 1 2]]")
            .txn(2, "[[:r 1 [1 2]]]").check(LIST_APPEND, SI);
        Anomaly.LostUpdate a = (Anomaly.LostUpdate) only(r, AnomalyType.LOST_UPDATE);
        assertEquals(1, a.key());
        assertEquals("[]", a.version());
        assertEquals(List.of("T2", "T3"), a.transactions().stream().map(Txn::name).toList());
        assertTrue(r.found().containsKey(AnomalyType.G_SINGLE), "a lost update is also a G-single cycle: " + CheckText.render(r));
    }

    @Test
    void internalInconsistency() {
        CheckResult r = new Hist()
            .txn(0, "[[:append 1 1] [:r 1 []]]")
            .txn(1, "[[:r 2 [5]] [:append 2 6] [:r 2 [5]]]")
            .txn(2, "[[:append 2 5]]")
            .check(LIST_APPEND, SER);
        List<Anomaly> internal = r.anomalies().stream().filter(a -> a.type() == AnomalyType.INTERNAL).toList();
        assertEquals(2, internal.size(), CheckText.render(r));
        Anomaly.Internal first = (Anomaly.Internal) internal.get(0);
        assertEquals("[.. 1]", first.expected());
        assertEquals("[]", first.actual());
        Anomaly.Internal second = (Anomaly.Internal) internal.get(1);
        assertEquals("[5 6]", second.expected());
        assertEquals("[5]", second.actual());
    }

    @Test
    void duplicatedElements() {
        CheckResult r = new Hist().txn(0, "[[:append 1 1]]").txn(1, "[[:r 1 [1 1]]]").check(LIST_APPEND, SER);
        Anomaly.DuplicateElements a = (Anomaly.DuplicateElements) only(r, AnomalyType.DUPLICATE_ELEMENTS);
        assertEquals(2, a.times());
        assertEquals("T3", a.reader().name());
    }

    @Test
    void garbageRead() {
        CheckResult r = new Hist().txn(0, "[[:append 1 1]]").txn(1, "[[:r 1 [1 9]]]").check(LIST_APPEND, SER);
        Anomaly.GarbageRead a = (Anomaly.GarbageRead) only(r, AnomalyType.GARBAGE_READ);
        assertEquals(9, a.value());
        assertOnly(r, AnomalyType.GARBAGE_READ);
    }

    @Test
    void incompatibleOrder() {
        CheckResult r = new Hist().txn(0, "[[:append 1 1]]").txn(1, "[[:append 1 2]]").txn(2, "[[:r 1 [1 2]]]")
            .txn(3, "[[:r 1 [2 1]]]").check(LIST_APPEND, SER);
        Anomaly.IncompatibleOrder a = (Anomaly.IncompatibleOrder) only(r, AnomalyType.INCOMPATIBLE_ORDER);
        assertEquals("T5", a.longest().name());
        assertEquals("T7", a.other().name());
        assertEquals("[2 1]", a.otherRead());
    }

    /** A stale read: T3 began after T1 committed but did not see it. Serializable, not strict serializable. */
    @Test
    void gSingleRealtimeStaleRead() {
        Hist h = new Hist().txn(0, "[[:append 1 1]]").txn(1, "[[:r 1 []]]").txn(2, "[[:r 1 [1]]]");
        assertTrue(h.check(LIST_APPEND, SER).valid());
        CheckResult r = h.check(LIST_APPEND, STRICT);
        Anomaly.Cycle c = (Anomaly.Cycle) only(r, AnomalyType.G_SINGLE_REALTIME);
        assertEquals(List.of("T1 realtime T3", "T3 rw(1) T1"), edgeLabels(c));
        assertEquals("T1 completed (index 1) before T3 was invoked (index 2)", c.edges().get(0).why());
        assertOnly(r, AnomalyType.G_SINGLE_REALTIME);
    }

    @Test
    void gSingleProcessOnOneProcess() {
        CheckResult r = new Hist().txn(0, "[[:append 1 1]]").txn(0, "[[:r 1 []]]").txn(2, "[[:r 1 [1]]]").check(LIST_APPEND, STRICT);
        Anomaly.Cycle c = (Anomaly.Cycle) only(r, AnomalyType.G_SINGLE_PROCESS);
        assertEquals("T1 and T3 ran on process 0, T1 first", c.edges().get(0).why());
    }

    @Test
    void g0AndG1cRealtime() {
        // T3 appended 2 after T1 appended 1 completed, yet 2 comes first: G0-realtime.
        CheckResult g0 = new Hist().txn(0, "[[:append 1 1]]").txn(1, "[[:append 1 2]]").txn(2, "[[:r 1 [2 1]]]")
            .check(LIST_APPEND, STRICT);
        Anomaly.Cycle c = (Anomaly.Cycle) only(g0, AnomalyType.G0_REALTIME);
        assertEquals(List.of("T1 realtime T3", "T3 ww(1) T1"), edgeLabels(c));
        // T1 read what T3, invoked after T1 completed, appended: G1c-realtime.
        CheckResult g1c = new Hist().txn(0, "[[:r 1 [1]]]").txn(1, "[[:append 1 1]]").check(LIST_APPEND, STRICT);
        Anomaly.Cycle d = (Anomaly.Cycle) only(g1c, AnomalyType.G1C_REALTIME);
        assertEquals(List.of("T1 realtime T3", "T3 wr(1) T1"), edgeLabels(d));
        assertTrue(new Hist().txn(0, "[[:r 1 [1]]]").txn(1, "[[:append 1 1]]").check(LIST_APPEND, SER).valid());
    }

    @Test
    void g2ItemRealtime() {
        Hist h = new Hist()
            .invoke(3, "[[:r 1 []] [:append 2 1]]")
            .txn(0, "[[:append 1 1]]")
            .txn(1, "[[:r 2 []]]")
            .ok(3, "[[:r 1 []] [:append 2 1]]")
            .txn(4, "[[:r 1 [1]] [:r 2 [1]]]");
        assertTrue(h.check(LIST_APPEND, SER).valid(), CheckText.render(h.check(LIST_APPEND, SER)));
        CheckResult r = h.check(LIST_APPEND, STRICT);
        Anomaly.Cycle c = (Anomaly.Cycle) only(r, AnomalyType.G2_ITEM_REALTIME);
        assertEquals(List.of("T5 rw(1) T2", "T2 realtime T4", "T4 rw(2) T5"), edgeLabels(c));
        assertOnly(r, AnomalyType.G2_ITEM_REALTIME);
    }

    /** Indeterminate transactions may have committed: reading their writes is fine and gives edges. */
    @Test
    void infoTransactionsMayHaveCommitted() {
        Hist seen = new Hist().invoke(0, "[[:append 1 1]]").info(0, "[[:append 1 1]]").txn(1, "[[:r 1 [1]]]");
        CheckResult r = seen.check(LIST_APPEND, STRICT);
        assertTrue(r.valid(), CheckText.render(r));
        assertEquals(1, r.indeterminate());
        Hist neverCompleted = new Hist().invoke(0, "[[:append 1 1]]").txn(1, "[[:r 1 [1]]]");
        assertTrue(neverCompleted.check(LIST_APPEND, STRICT).valid());
        // Its writes take part in cycles: it appended both 1 and 2 around T3's append.
        CheckResult cyc = new Hist().invoke(0, "[[:append 1 1] [:append 2 2]]").txn(1, "[[:append 1 2] [:append 2 1]]")
            .txn(2, "[[:r 1 [1 2]] [:r 2 [1 2]]]").check(LIST_APPEND, SER);
        Anomaly.Cycle c = (Anomaly.Cycle) only(cyc, AnomalyType.G0);
        assertEquals("T0", c.transactions().get(0).name(), "the info transaction is named by its invocation");
    }

    // ---- rw-register ----

    @Test
    void registerReadAnomalies() {
        CheckResult r = new Hist()
            .invoke(0, "[[:w 1 1]]").fail(0, "[[:w 1 1]]")
            .txn(1, "[[:w 2 1] [:w 2 2]]")
            .txn(2, "[[:r 1 1] [:r 2 1] [:r 3 99]]")
            .txn(3, "[[:w 4 5] [:r 4 6]]")
            .txn(4, "[[:w 4 6]]")
            .check(RW_REGISTER, SER);
        assertEquals(3L, ((Anomaly.AbortedRead) only(r, AnomalyType.G1A)).writer().completeIndex() + 2);
        assertEquals(2, ((Anomaly.IntermediateRead) only(r, AnomalyType.G1B)).finalValue());
        assertEquals(99, ((Anomaly.GarbageRead) only(r, AnomalyType.GARBAGE_READ)).value());
        Anomaly.Internal in = (Anomaly.Internal) only(r, AnomalyType.INTERNAL);
        assertEquals("5", in.expected());
        assertEquals("6", in.actual());
    }

    @Test
    void registerG0AndG1c() {
        CheckResult g0 = new Hist()
            .invoke(0, "[[:r 2 2] [:w 2 1] [:w 1 1]]").invoke(1, "[[:r 1 1] [:w 1 2] [:w 2 2]]")
            .ok(0, "[[:r 2 2] [:w 2 1] [:w 1 1]]").ok(1, "[[:r 1 1] [:w 1 2] [:w 2 2]]")
            .check(RW_REGISTER, SER);
        Anomaly.Cycle c = (Anomaly.Cycle) only(g0, AnomalyType.G0);
        assertEquals(List.of("T2 ww(1) T3", "T3 ww(2) T2"), edgeLabels(c));
        assertEquals("T2 wrote 1, T3 read it and wrote 2, the next version", c.edges().get(0).why());
        CheckResult g1c = new Hist()
            .invoke(0, "[[:w 1 1] [:r 2 1]]").invoke(1, "[[:w 2 1] [:r 1 1]]")
            .ok(0, "[[:w 1 1] [:r 2 1]]").ok(1, "[[:w 2 1] [:r 1 1]]")
            .check(RW_REGISTER, SER);
        Anomaly.Cycle d = (Anomaly.Cycle) only(g1c, AnomalyType.G1C);
        assertEquals("T2 wrote 1, which T3 read", d.edges().get(0).why());
    }

    @Test
    void registerGSingleG2AndLostUpdate() {
        // read skew: T3 reads x initial (nil) but y from T2, which wrote both
        CheckResult skew = new Hist()
            .invoke(0, "[[:w 1 1] [:w 2 1]]").invoke(1, "[[:r 1 nil] [:r 2 1]]")
            .ok(0, "[[:w 1 1] [:w 2 1]]").ok(1, "[[:r 1 nil] [:r 2 1]]")
            .check(RW_REGISTER, SI);
        Anomaly.Cycle c = (Anomaly.Cycle) only(skew, AnomalyType.G_SINGLE);
        assertEquals(List.of("T2 wr(2) T3", "T3 rw(1) T2"), edgeLabels(c));
        assertEquals("T3 read nil (the initial state), and T2 wrote 1", c.edges().get(1).why());
        // write skew
        Hist ws = new Hist()
            .invoke(0, "[[:r 1 nil] [:w 2 1]]").invoke(1, "[[:r 2 nil] [:w 1 1]]")
            .ok(0, "[[:r 1 nil] [:w 2 1]]").ok(1, "[[:r 2 nil] [:w 1 1]]");
        only(ws.check(RW_REGISTER, SER), AnomalyType.G2_ITEM);
        assertTrue(ws.check(RW_REGISTER, SI).valid());
        // lost update: both read 5 and wrote
        CheckResult lost = new Hist().txn(0, "[[:w 1 5]]")
            .invoke(1, "[[:r 1 5] [:w 1 6]]").invoke(2, "[[:r 1 5] [:w 1 7]]")
            .ok(1, "[[:r 1 5] [:w 1 6]]").ok(2, "[[:r 1 5] [:w 1 7]]")
            .check(RW_REGISTER, SI);
        Anomaly.LostUpdate l = (Anomaly.LostUpdate) only(lost, AnomalyType.LOST_UPDATE);
        assertEquals("5", l.version());
        assertEquals(2, l.transactions().size());
        assertNotNull(lost.found().get(AnomalyType.G2_ITEM), "each anti-depends on the other: " + CheckText.render(lost));
        assertFalse(lost.valid(), "snapshot isolation allows G2-item but not a lost update");
    }

    @Test
    void registerStaleReadIsRealtime() {
        Hist h = new Hist().txn(0, "[[:w 1 1]]").txn(1, "[[:r 1 nil]]");
        assertTrue(h.check(RW_REGISTER, SER).valid());
        only(h.check(RW_REGISTER, STRICT), AnomalyType.G_SINGLE_REALTIME);
    }

    @Test
    void cleanHistoriesAreValidAndRenderSo() {
        Hist h = new Hist().txn(0, "[[:append 1 1] [:r 1 [1]]]").txn(1, "[[:r 1 [1]] [:append 1 2]]").txn(0, "[[:r 1 [1 2]]]");
        CheckResult r = h.check(LIST_APPEND, STRICT);
        assertTrue(r.valid());
        assertTrue(r.anomalies().isEmpty());
        assertEquals("list-append history of 3 transactions (3 ok, 0 info, 0 fail), checked against strict-serializable: valid\n",
            CheckText.render(r));
    }

    @Test
    void witnessesAreCappedButAllAreCounted() {
        Hist h = new Hist();
        for (int i = 0; i < 20; i++) {
            h.txn(0, "[[:r " + i + " [" + (100 + i) + "]]]");
        }
        CheckResult r = h.check(LIST_APPEND, SER);
        assertEquals(20, r.found().get(AnomalyType.GARBAGE_READ));
        assertEquals(Checker.MAX_WITNESSES_PER_TYPE, r.anomalies().size());
    }
}
