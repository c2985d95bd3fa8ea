package dev.whopper.sim.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class DecisionLogTest {
    @Property(tries = 200)
    void roundTripsThroughBytesAndText(@ForAll @Size(max = 300) List<@IntRange(min = 0, max = Integer.MAX_VALUE) Integer> values) {
        int[] v = values.stream().mapToInt(Integer::intValue).toArray();
        DecisionLog log = DecisionLog.of(v);
        assertEquals(v.length, log.size());
        assertArrayEquals(v, log.toArray());
        assertEquals(log, DecisionLog.parse(log.toText()));
    }

    @Test
    void smallChoicesTakeOneByteAndRunsCompressInText() {
        DecisionLog log = DecisionLog.of(0, 0, 0, 1, 127, 128, 0);
        assertEquals(8, log.byteSize());
        assertEquals("0*3,1,127,128,0", log.toText());
        assertEquals("-", new DecisionLog().toText());
        assertEquals(0, DecisionLog.parse("-").size());
    }

    @Test
    void badTextIsRejectedWithTheElement() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DecisionLog.parse("1,2*0"));
        assertEquals("decision log: bad element '2*0' (expected: value or value*count, value >= 0, count > 0)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DecisionLog.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> new DecisionLog().append(-1));
    }

    @Test
    void recorderReplaysAndDefaultsToZero() {
        Recorder rec = Recorder.replaying(DecisionLog.of(2, 5, 1));
        assertEquals(2, rec.replayNext(3));
        assertEquals(0, rec.replayNext(3)); // 5 is out of range
        assertEquals(1, rec.replayNext(2));
        assertEquals(0, rec.replayNext(4)); // past the end
        rec.record(1, 2);
        rec.record(0, 1); // a choice with one option is not a decision
        assertEquals(1, rec.log().size());
        assertThrows(IllegalStateException.class, () -> rec.record(3, 3));
    }

    @Test
    void recordedRandomLogsEveryDrawAndReplaysIt() {
        Recorder rec = Recorder.recording(true);
        RecordedRandom r = new RecordedRandom(rec, new dev.whopper.sim.random.Xoshiro256StarStar(1));
        boolean[] coins = new boolean[20];
        for (int i = 0; i < coins.length; i++) {
            coins[i] = r.chance(0.5);
        }
        int pick = r.nextInt(7);
        long wide = r.nextLong();
        org.junit.jupiter.api.Assertions.assertFalse(r.chance(0));   // certain outcomes draw nothing
        org.junit.jupiter.api.Assertions.assertTrue(r.chance(1));
        assertEquals(22, rec.log().size());

        Recorder again = Recorder.replaying(rec.log());
        RecordedRandom replayed = new RecordedRandom(again, new dev.whopper.sim.random.Xoshiro256StarStar(999));
        for (boolean coin : coins) {
            assertEquals(coin, replayed.chance(0.5));
        }
        assertEquals(pick, replayed.nextInt(7));
        assertEquals(wide, replayed.nextLong());
        assertEquals(rec.hash().value(), again.hash().value());
        // Past the end of the log every draw is the default: no fault, choice 0.
        org.junit.jupiter.api.Assertions.assertFalse(replayed.chance(0.9));
        assertEquals(0, replayed.nextInt(5));
    }

    @Test
    void eventRingKeepsTheLastEvents() {
        EventRing ring = new EventRing(3);
        for (int i = 0; i < 5; i++) {
            ring.add(i, i * 10L, i % 2, "op", EventKind.YIELD);
        }
        List<Event> events = ring.snapshot();
        assertEquals(3, events.size());
        assertEquals(2, events.get(0).step());
        assertEquals(4, events.get(2).step());
        assertEquals(5, ring.written());
    }

    @Test
    void eventRingKeepsOperationKindsAndSystemFibersThroughInternedIds() {
        EventRing ring = new EventRing(4);
        int read = ring.opId("read");
        assertEquals(read, ring.opId(new String("read")));
        assertEquals(EventRing.NO_OP, ring.opId(""));
        ring.add(7, 70, 3, read, EventKind.DONE);
        ring.add(8, 80, -1, "FSYNC", EventKind.IO_FAILED);
        ring.add(9, 90, -1, EventRing.NO_OP, EventKind.CRASH);
        List<Event> events = ring.snapshot();
        assertEquals(List.of(new Event(7, 70, 3, "read", EventKind.DONE), new Event(8, 80, -1, "FSYNC", EventKind.IO_FAILED),
            new Event(9, 90, -1, "", EventKind.CRASH)), events);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> ring.add(10, 100, 0, 99, EventKind.YIELD));
        assertEquals("opId: 99 (expected: an id from opId(String))", e.getMessage());
        assertEquals(3, ring.written());
    }

    @Test
    void eventRingOfANonPowerOfTwoCapacityKeepsExactlyThatMany() {
        EventRing ring = new EventRing(5);
        for (int i = 0; i < 13; i++) {
            ring.add(i, i, i, EventRing.NO_OP, EventKind.YIELD);
        }
        List<Event> events = ring.snapshot();
        assertEquals(5, events.size());
        for (int k = 0; k < 5; k++) {
            assertEquals(8 + k, events.get(k).step());
            assertEquals(8 + k, events.get(k).fiber());
        }
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> new EventRing(0));
        assertEquals("capacity: 0 (expected: 1..16777216)", e.getMessage());
    }

    @Test
    void traceHashHexIsSixteenDigits() {
        assertEquals("0000000000000001", TraceHash.hex(1));
        assertEquals("ffffffffffffffff", TraceHash.hex(-1));
    }
}
