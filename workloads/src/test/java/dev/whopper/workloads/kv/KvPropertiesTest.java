package dev.whopper.workloads.kv;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.whopper.workloads.property.PropertyViolation;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Each kv-model property on hand-made outcomes: the right one passes, the wrong one fails with its message. */
class KvPropertiesTest {
    private final KvModel model = new KvModel();
    private final KvProperties properties = new KvProperties();

    private static TreeMap<String, Long> writes(Object... keyValues) {
        TreeMap<String, Long> w = new TreeMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            w.put((String) keyValues[i], ((Number) keyValues[i + 1]).longValue());
        }
        return w;
    }

    /** v1: k/01 = #10; v2: k/01 = #11, k/02 = #12 (acknowledged); v3: k/02 deleted. */
    private void history() {
        model.publish(writes("k/01", 10), "txn 1 (fiber 0, DEFERRED)", 100);
        model.publish(writes("k/01", 11, "k/02", 12), "txn 2 (fiber 1, IMMEDIATE)", 200);
        model.acknowledge(2);
        model.publish(writes("k/02", KvModel.ABSENT), "autocommit 3 (fiber 2)", 300);
    }

    private static KvTxn reader(int snapshot) {
        KvTxn t = new KvTxn("long read 9 (fiber 4)");
        t.snapshotAt(snapshot);
        return t;
    }

    private static PropertyViolation fails(String property, String message, Executable check) {
        PropertyViolation v = assertThrows(PropertyViolation.class, check);
        assertEquals(property, v.violation().property());
        assertEquals(message, v.violation().message());
        return v;
    }

    @Test
    void aReadThatMissesACommitBlamesTheReaderTheCommitItMissedAndTheOneItSaw() {
        history();
        model.committedBy(1, new KvModel.Committer(0, 5, 1_000, 2_000));
        model.committedBy(2, new KvModel.Committer(1, 8, 1_500, 3_000));
        KvTxn t = reader(2);
        t.ranBy(4, 11, 2_500);
        PropertyViolation v = assertThrows(PropertyViolation.class,
            () -> properties.checkGet(model, t, "k/01", 10, "fiber 4"));
        assertEquals(KvProperties.MODEL, v.violation().property());
        var blamed = v.violation().blamed();
        assertEquals(3, blamed.size(), blamed.toString());
        assertEquals(new dev.whopper.workloads.property.Blamed(4, 11, 2_500, 2_500, "its get of k/01 at snapshot v2 returned "
            + "write #10 (v1: txn 1 (fiber 0, DEFERRED)) instead of write #11 (v2: txn 2 (fiber 1, IMMEDIATE))"), blamed.get(0));
        assertEquals(new dev.whopper.workloads.property.Blamed(1, 8, 1_500, 3_000, "committed v2, which set k/01 to write #11 "
            + "(v2: txn 2 (fiber 1, IMMEDIATE)): the write the get of k/01 missed"), blamed.get(1));
        assertEquals(new dev.whopper.workloads.property.Blamed(0, 5, 1_000, 2_000, "committed v1, whose write of k/01 the get "
            + "at snapshot v2 saw"), blamed.get(2));
    }

    @Test
    void aCommitWhoseCommitterIsUnknownIsNotBlamed() {
        history();
        KvTxn t = reader(2);
        PropertyViolation v = assertThrows(PropertyViolation.class,
            () -> properties.checkGet(model, t, "k/01", 10, "fiber 4"));
        assertEquals(List.of(), v.violation().blamed(), "neither the reader (no fiber) nor commits shown by an open");
    }

    @Test
    void theModelKeepsEveryVersion() {
        history();
        assertEquals(3, model.version());
        assertEquals(KvModel.ABSENT, model.valueAt("k/01", 0));
        assertEquals(10, model.valueAt("k/01", 1));
        assertEquals(11, model.valueAt("k/01", 3));
        assertEquals(12, model.valueAt("k/02", 2));
        assertEquals(KvModel.ABSENT, model.valueAt("k/02", 3));
        assertEquals(Map.of("k/01", 11L), model.stateAt(3));
        assertEquals(List.of(Map.entry("k/01", 11L), Map.entry("k/02", 12L)), model.scan("k/", "k0", 5, 2, new TreeMap<>()));
        assertEquals(List.of(Map.entry("k/00", 7L)), model.scan(null, null, 1, 2, writes("k/00", 7)));
        assertEquals(List.of(Map.entry("k/02", 12L)), model.scan("k/", null, 5, 2, writes("k/01", KvModel.ABSENT)));
        model.truncate(1);
        assertEquals(1, model.version());
        assertEquals(1, model.acknowledgedVersion());
        assertEquals(10, model.valueAt("k/01", 1));
    }

    @Test
    void aReadMissingAnAcknowledgedCommitViolatesTheModel() {
        history();
        assertDoesNotThrow(() -> properties.checkGet(model, reader(2), "k/01", 11, "fiber 4"));
        assertDoesNotThrow(() -> properties.checkGet(model, reader(1), "k/01", 10, "fiber 4"));
        fails(KvProperties.MODEL, "fiber 4 (long read 9 (fiber 4)) get k/01 returned write #10 (v1: txn 1 (fiber 0, DEFERRED)), "
            + "but the model at its snapshot v2 has write #11 (v2: txn 2 (fiber 1, IMMEDIATE))",
            () -> properties.checkGet(model, reader(2), "k/01", 10, "fiber 4"));
    }

    @Test
    void aReadSeesItsOwnWritesAndNotOthersUncommittedOnes() {
        history();
        KvTxn t = reader(3);
        t.wrote("k/05", 50);
        assertDoesNotThrow(() -> properties.checkGet(model, t, "k/05", 50, "fiber 4"));
        fails(KvProperties.MODEL, "fiber 4 (long read 9 (fiber 4)) get k/06 returned write #60 (not in any committed version), "
            + "but the model at its snapshot v3 has absent", () -> properties.checkGet(model, t, "k/06", 60, "fiber 4"));
    }

    @Test
    void aScanIsCheckedEntryByEntry() {
        history();
        List<Map.Entry<String, Long>> right = List.of(Map.entry("k/01", 11L), Map.entry("k/02", 12L));
        assertDoesNotThrow(() -> properties.checkScan(model, reader(2), "k/", "k0", 10, right, "fiber 4"));
        fails(KvProperties.MODEL, "fiber 4 (long read 9 (fiber 4)) scan [k/, k0) limit 10 returned [k/01=#11], but the model at "
            + "its snapshot v2 gives [k/01=#11, k/02=#12]",
            () -> properties.checkScan(model, reader(2), "k/", "k0", 10, List.of(Map.entry("k/01", 11L)), "fiber 4"));
    }

    @Test
    void aKeyReadTwiceGivesTheSameValue() {
        history();
        KvTxn t = reader(1);
        properties.checkGet(model, t, "k/01", 10, "fiber 4");
        assertDoesNotThrow(() -> properties.checkGet(model, t, "k/01", 10, "fiber 4"));
        fails(KvProperties.REPEATABLE_READ, "fiber 4 (long read 9 (fiber 4)) read k/01 twice: first write #10 (v1: txn 1 (fiber 0, "
            + "DEFERRED)), then write #11 (v2: txn 2 (fiber 1, IMMEDIATE))", () -> properties.checkGet(model, t, "k/01", 11, "fiber 4"));
        KvTxn s = reader(2);
        properties.checkScan(model, s, "k/", "k0", 10, List.of(Map.entry("k/01", 11L), Map.entry("k/02", 12L)), "fiber 4");
        fails(KvProperties.REPEATABLE_READ, "fiber 4 (long read 9 (fiber 4)) read k/02 twice: first write #12 (v2: txn 2 (fiber 1, "
            + "IMMEDIATE)), then absent (by scan [k/02, k0) limit 3)",
            () -> properties.checkScan(model, s, "k/02", "k0", 3, List.of(), "fiber 4"));
    }

    @Test
    void aCommitWhoseReadsAreStaleIsNotSerializable() {
        history();
        KvTxn fresh = new KvTxn("txn 4 (fiber 3, DEFERRED)");
        fresh.snapshotAt(3);
        properties.checkGet(model, fresh, "k/01", 11, "fiber 3");
        fresh.wrote("k/03", 40);
        int v = model.publish(fresh.writes(), fresh.label, 400);
        assertDoesNotThrow(() -> properties.checkCommitted(model, fresh, v));

        KvTxn stale = new KvTxn("txn 5 (fiber 5, DEFERRED)");
        stale.snapshotAt(1);
        properties.checkGet(model, stale, "k/01", 10, "fiber 5");
        stale.wrote("k/01", 41);
        int w = model.publish(stale.writes(), stale.label, 500);
        fails(KvProperties.SERIALIZABLE, "txn 5 (fiber 5, DEFERRED) committed as v5 on v4, but it read k/01 = write #10 (v1: txn 1 "
            + "(fiber 0, DEFERRED)) (at its snapshot v1) and v4 has write #11 (v2: txn 2 (fiber 1, IMMEDIATE))",
            () -> properties.checkCommitted(model, stale, w));
    }

    @Test
    void aRecoveryMustKeepEveryAcknowledgedCommit() {
        history();
        assertEquals(3, properties.checkRecovered(model, writes("k/01", 11), List.of(), v -> false, "after recovery #1"));
        assertEquals(2, properties.checkRecovered(model, writes("k/01", 11, "k/02", 12), List.of(), v -> false, "after recovery #1"));
        fails(KvProperties.DURABILITY, "after recovery #1: the store is v1, but v2 was acknowledged: lost v2 (txn 2 (fiber 1, "
            + "IMMEDIATE))", () -> properties.checkRecovered(model, writes("k/01", 10), List.of(), v -> false, "after recovery #1"));
        // A flipped WAL bit in v2's frames explains the loss.
        assertEquals(1, properties.checkRecovered(model, writes("k/01", 10), List.of(), v -> v == 2, "after recovery #1"));
    }

    @Test
    void aRecoveryShowingPartOfATransactionIsNoPrefix() {
        history();
        fails(KvProperties.ALL_OR_NOTHING, "after recovery #2: the store is no state of the commit order (v0..v3): closest is v2, "
            + "1 key(s) differ: k/01 is write #10 (v1: txn 1 (fiber 0, DEFERRED)) where v2 has write #11 (v2: txn 2 (fiber 1, "
            + "IMMEDIATE)) (a transaction partly visible, or a write from nowhere)",
            () -> properties.checkRecovered(model, writes("k/01", 10, "k/02", 12), List.of(), v -> true, "after recovery #2"));
    }

    @Test
    void aCommitOfUnknownOutcomeMayShowAfterTheNewestVersionWholly() {
        history();
        TreeMap<String, Long> inFlight = writes("k/07", 70, "k/01", KvModel.ABSENT);
        assertEquals(4, properties.checkRecovered(model, writes("k/07", 70), List.of(inFlight), v -> false, "after recovery #1"));
        assertEquals(3, properties.checkRecovered(model, writes("k/01", 11), List.of(inFlight), v -> false, "after recovery #1"));
        PropertyViolation v = assertThrows(PropertyViolation.class, () -> properties.checkRecovered(model,
            writes("k/01", 11, "k/07", 70), List.of(inFlight), x -> false, "after recovery #1"));
        assertEquals(KvProperties.ALL_OR_NOTHING, v.violation().property());
    }

    @Test
    void valuesRoundTripAndGarbageIsRecognised() {
        for (long id : new long[] {0, 1, 39, 40, 12345}) {
            byte[] b = KvKeys.encode(id);
            assertEquals(id, KvKeys.decode(b));
            b[b.length - 1] ^= 1;
            assertEquals(-2, KvKeys.decode(b));
        }
        assertEquals(-2, KvKeys.decode(new byte[3]));
    }
}
