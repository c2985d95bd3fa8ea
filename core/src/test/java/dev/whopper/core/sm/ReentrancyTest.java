package dev.whopper.core.sm;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.File;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.YieldInjector;
import dev.whopper.core.io.YieldPoint;
import dev.whopper.core.io.backend.Blocking;
import dev.whopper.core.io.backend.MemoryIO;
import dev.whopper.core.random.SplitMix64;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The seed's re-entrancy bugs ({@code vec.push}, {@code idx += 1}, {@code map.insert} before a call that
 * may yield) as runnable code: an ingest operation appends records to a log and keeps a list of what it
 * wrote, an index and per-record counts. The WRONG versions mutate before {@link RecordLog#append}, which
 * may return IO; when they are called again they mutate again. They look correct when every completion
 * arrives at once and nothing yields, and break as soon as completions are delivered later or a
 * {@link YieldInjector} forces a yield. The two correct versions (mutate after Done; move to a new state
 * first) are right in every mode.
 */
class ReentrancyTest {
    private static final List<String> RECORDS = List.of("ant", "bee", "ant", "cat", "bee", "ant");

    enum Point implements YieldPoint { BEFORE_APPEND }

    /** An append-only log of newline-terminated records; {@link #append} is resumable and may yield. */
    static final class RecordLog {
        private final File file;
        private final YieldInjector yields;
        private long end;
        private Completion inflight;

        RecordLog(File file, YieldInjector yields) {
            this.file = file;
            this.yields = yields;
        }

        /** Appends {@code record}; call again with the same record after an IO result. */
        IOResult<Void> append(String record) {
            if (inflight == null) {
                if (yields.shouldYield(Point.BEFORE_APPEND)) {
                    return IOResult.io(Completion.yielded());
                }
                inflight = file.pwrite(end, (record + "\n").getBytes(US_ASCII), Completion.write(null));
            }
            if (!inflight.finished()) {
                return IOResult.io(inflight);
            }
            Completion c = inflight;
            inflight = null;
            if (c.failed()) {
                throw c.error().toException();
            }
            end += c.result();
            return IOResult.done();
        }
    }

    /** What an ingest did, to compare with what it should have done. */
    record Report(String log, List<String> written, Map<String, Integer> counts, int idx) {
        static Report expected(List<String> records) {
            StringBuilder sb = new StringBuilder();
            Map<String, Integer> counts = new TreeMap<>();
            for (String r : records) {
                sb.append(r).append('\n');
                counts.merge(r, 1, Integer::sum);
            }
            return new Report(sb.toString(), List.copyOf(records), counts, records.size());
        }
    }

    /** Shared state of every ingest variant. */
    abstract static class Ingest {
        final List<String> records;
        final RecordLog log;
        final List<String> written = new ArrayList<>();
        final Map<String, Integer> counts = new TreeMap<>();
        int idx;

        Ingest(List<String> records, RecordLog log) {
            this.records = records;
            this.log = log;
        }

        abstract IOResult<Void> call();
    }

    // ------------------------------------------------------------------ WRONG

    /** WRONG: {@code vec.push} before a call that may yield: on re-entry the record is pushed again. */
    static final class PushBeforeAppend extends Ingest {
        PushBeforeAppend(List<String> records, RecordLog log) {
            super(records, log);
        }

        @Override
        IOResult<Void> call() {
            while (idx < records.size()) {
                String rec = records.get(idx);
                written.add(rec);                         // BUG: runs again when we are called again
                IOResult<Void> r = log.append(rec);
                if (r.isIo()) return r.cast();
                counts.merge(rec, 1, Integer::sum);
                idx += 1;
            }
            return IOResult.done();
        }
    }

    /** WRONG: {@code idx += 1} before a call that may yield: on re-entry a record is skipped. */
    static final class IncrementBeforeAppend extends Ingest {
        IncrementBeforeAppend(List<String> records, RecordLog log) {
            super(records, log);
        }

        @Override
        IOResult<Void> call() {
            while (idx < records.size()) {
                idx += 1;                                 // BUG: runs again when we are called again
                String rec = records.get(idx - 1);
                IOResult<Void> r = log.append(rec);
                if (r.isIo()) return r.cast();
                written.add(rec);
                counts.merge(rec, 1, Integer::sum);
            }
            return IOResult.done();
        }
    }

    /** WRONG: {@code map.insert} before a call that may yield: on re-entry the record is counted again. */
    static final class InsertBeforeAppend extends Ingest {
        InsertBeforeAppend(List<String> records, RecordLog log) {
            super(records, log);
        }

        @Override
        IOResult<Void> call() {
            while (idx < records.size()) {
                String rec = records.get(idx);
                counts.merge(rec, 1, Integer::sum);       // BUG: runs again when we are called again
                IOResult<Void> r = log.append(rec);
                if (r.isIo()) return r.cast();
                written.add(rec);
                idx += 1;
            }
            return IOResult.done();
        }
    }

    // ------------------------------------------------------------------ RIGHT

    /** Fix 1: mutate only after the call returned Done. */
    static final class MutateAfterDone extends Ingest {
        MutateAfterDone(List<String> records, RecordLog log) {
            super(records, log);
        }

        @Override
        IOResult<Void> call() {
            while (idx < records.size()) {
                String rec = records.get(idx);
                IOResult<Void> r = log.append(rec);
                if (r.isIo()) return r.cast();
                written.add(rec);                         // after Done: runs once per record
                counts.merge(rec, 1, Integer::sum);
                idx += 1;
            }
            return IOResult.done();
        }
    }

    /** Fix 2: move to a new state first, then mutate; re-entry resumes in the new state. */
    static final class NewStateFirst extends Ingest implements StateTransition<Void> {
        private enum State { NEXT, APPENDING }

        private State state = State.NEXT;
        private String current;
        private final StateMachine<Void> machine = new StateMachine<>(this);

        NewStateFirst(List<String> records, RecordLog log) {
            super(records, log);
        }

        @Override
        public Transition<Void> transition() {
            switch (state) {
                case NEXT -> {
                    if (idx == records.size()) {
                        return Transition.done(null);
                    }
                    current = records.get(idx);
                    state = State.APPENDING;              // the state moves with the mutation
                    idx += 1;
                    written.add(current);
                    counts.merge(current, 1, Integer::sum);
                    return Transition.proceed();
                }
                case APPENDING -> {
                    IOResult<Void> r = log.append(current); // re-entry lands here, not in NEXT
                    if (r.isIo()) return Transition.io(r.completion());
                    state = State.NEXT;
                    return Transition.proceed();
                }
                default -> throw new AssertionError(state);
            }
        }

        @Override
        IOResult<Void> call() {
            return machine.step();
        }
    }

    // ------------------------------------------------------------------ harness

    /** How completions arrive and whether yields are injected. */
    enum Mode {
        IMMEDIATE_NO_YIELDS, FIFO, RANDOM_ORDER, IMMEDIATE_WITH_YIELDS, RANDOM_WITH_YIELDS;

        MemoryIO io(long seed) {
            return switch (this) {
                case IMMEDIATE_NO_YIELDS, IMMEDIATE_WITH_YIELDS -> MemoryIO.immediate();
                case FIFO -> MemoryIO.fifo();
                case RANDOM_ORDER, RANDOM_WITH_YIELDS -> MemoryIO.randomOrder(seed);
            };
        }

        YieldInjector yields(long seed) {
            if (this == IMMEDIATE_WITH_YIELDS || this == RANDOM_WITH_YIELDS) {
                SplitMix64 rng = new SplitMix64(seed ^ 0x5EED);
                return point -> rng.chance(0.5);
            }
            return YieldInjector.NONE;
        }
    }

    static Report run(List<String> records, Mode mode, long seed, BiFunction<List<String>, RecordLog, Ingest> make) {
        MemoryIO io = mode.io(seed);
        RecordLog log = new RecordLog(io.open("log", true), mode.yields(seed));
        Ingest ingest = make.apply(records, log);
        Supplier<IOResult<Void>> op = ingest::call;
        Blocking.run(io, op, 100_000);
        return new Report(new String(io.contents("log"), US_ASCII), List.copyOf(ingest.written),
            new TreeMap<>(ingest.counts), ingest.idx);
    }

    // ------------------------------------------------------------------ tests

    @Test
    void wrongVersionsLookRightWhenNothingEverWaits() {
        // This is why the bugs survive ordinary tests: with immediate I/O and no yields the call that
        // "may yield" never does, so nothing runs twice.
        Report expected = Report.expected(RECORDS);
        assertEquals(expected, run(RECORDS, Mode.IMMEDIATE_NO_YIELDS, 0, PushBeforeAppend::new));
        assertEquals(expected, run(RECORDS, Mode.IMMEDIATE_NO_YIELDS, 0, IncrementBeforeAppend::new));
        assertEquals(expected, run(RECORDS, Mode.IMMEDIATE_NO_YIELDS, 0, InsertBeforeAppend::new));
    }

    @Test
    void pushBeforeYieldDoubleCountsUnderDelayedDelivery() {
        Report r = run(RECORDS, Mode.FIFO, 0, PushBeforeAppend::new);
        // Every append waits once, so every record is pushed twice; the log itself is right.
        List<String> doubled = new ArrayList<>();
        for (String rec : RECORDS) {
            doubled.add(rec);
            doubled.add(rec);
        }
        assertEquals(doubled, r.written());
        assertEquals(Report.expected(RECORDS).log(), r.log());
    }

    @Test
    void insertBeforeYieldDoubleCountsUnderYieldInjection() {
        Report expected = Report.expected(RECORDS);
        Report r = run(RECORDS, Mode.IMMEDIATE_WITH_YIELDS, 1, InsertBeforeAppend::new);
        int total = r.counts().values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(total > RECORDS.size(), "counted " + total + " for " + RECORDS.size() + " records: " + r.counts());
        assertNotEquals(expected.counts(), r.counts());
        assertEquals(expected.log(), r.log(), "the data is right, the bookkeeping is not");
    }

    @Test
    void incrementBeforeYieldSkipsRecordsUnderDelayedDelivery() {
        Report r = run(RECORDS, Mode.FIFO, 0, IncrementBeforeAppend::new);
        Report expected = Report.expected(RECORDS);
        assertNotEquals(expected.log(), r.log(), "records were skipped: " + r.log().replace('\n', ' '));
        assertTrue(r.log().length() < expected.log().length());
    }

    @Test
    void everyWrongVersionFailsInEveryModeThatWaits() {
        Report expected = Report.expected(RECORDS);
        List<BiFunction<List<String>, RecordLog, Ingest>> wrong =
            List.of(PushBeforeAppend::new, IncrementBeforeAppend::new, InsertBeforeAppend::new);
        for (Mode mode : Mode.values()) {
            if (mode == Mode.IMMEDIATE_NO_YIELDS) {
                continue;
            }
            for (int i = 0; i < wrong.size(); i++) {
                Report r = run(RECORDS, mode, 1, wrong.get(i));
                assertNotEquals(expected, r, "wrong version " + i + " under " + mode);
            }
        }
    }

    @Test
    void bothFixesAreRightInEveryMode() {
        Report expected = Report.expected(RECORDS);
        for (Mode mode : Mode.values()) {
            assertEquals(expected, run(RECORDS, mode, 1, MutateAfterDone::new), "fix 1 under " + mode);
            assertEquals(expected, run(RECORDS, mode, 1, NewStateFirst::new), "fix 2 under " + mode);
        }
    }

    @Provide
    Arbitrary<List<String>> records() {
        return Arbitraries.of("ant", "bee", "cat", "dog", "eel").list().ofMinSize(0).ofMaxSize(12);
    }

    @Property(tries = 150)
    void fixesAreRightForAnyRecordsModeAndSeed(@ForAll("records") List<String> records, @ForAll Mode mode,
                                               @ForAll long seed) {
        Report expected = Report.expected(records);
        assertEquals(expected, run(records, mode, seed, MutateAfterDone::new));
        assertEquals(expected, run(records, mode, seed, NewStateFirst::new));
    }

    @Property(tries = 100)
    void pushBeforeYieldIsCaughtWheneverSomethingWaits(@ForAll("records") List<String> records, @ForAll long seed) {
        // Under FIFO delivery every append waits: the WRONG version is caught for every non-empty input.
        Report r = run(records, Mode.FIFO, seed, PushBeforeAppend::new);
        assertEquals(2 * records.size(), r.written().size());
    }
}
