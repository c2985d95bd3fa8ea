package dev.whopper.workloads.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Elle EDN import and export of histories: the format, round trips, strictness and a real Elle history. */
class HistoryEdnTest {
    /** Where the shared Elle test data lives (outside the repository). */
    static final Path HUGE_SCC = Path.of("/work/shared/testdata/elle/huge-scc.edn");

    @Test
    void readsElleEventMapsWithTheirFields() {
        String text = "{:type :invoke, :f :txn, :value [[:append 11 1] [:r 11 nil]], :process 10, :time 14532933, :index 0}\n"
            + "{:type :ok, :f :txn, :value [[:append 11 1] [:r 11 [1]]], :process 10, :time 31076248, :index 2}\n"
            + "{:type :info, :f :leave, :value [\"n1\" {\"n1\" \"OK\"}], :process :nemesis, :time 5, :index 3}\n"
            + "{:type :fail, :f :txn, :value [[:r 3 nil]], :process 4, :error [:no-client \"Connection refused\"], :index 7}\n";
        History h = History.parse(text, Model.LIST_APPEND);
        assertEquals(4, h.events().size());
        Event ok = h.events().get(1);
        assertEquals(Event.Type.OK, ok.type());
        assertEquals(new Edn.Int(10), ok.process());
        assertEquals(31076248L, ok.timeNanos());
        assertEquals(2L, ok.index());
        assertEquals(List.of(new MicroOp.Append(11, 1), new MicroOp.ListRead(11, new long[] {1})), ok.txn());
        assertEquals(MicroOp.ListRead.unknown(11), h.events().get(0).txn().get(1));
        Event nemesis = h.events().get(2);
        assertFalse(nemesis.isTxn());
        assertEquals(new Edn.Keyword("nemesis"), nemesis.process());
        Event fail = h.events().get(3);
        assertFalse(fail.hasTime());
        assertEquals("[:no-client \"Connection refused\"]", fail.extras().get(0).value().text());
        assertEquals(3, h.transactionEvents());
    }

    @Test
    void registerReadsDependOnTheModel() {
        String text = "{:type :invoke, :f :txn, :value [[:w 1 5] [:r 1 nil]], :process 0, :index 0}\n"
            + "{:type :ok, :f :txn, :value [[:w 1 5] [:r 1 5]], :process 0, :index 1}\n";
        History h = History.parse(text, Model.RW_REGISTER);
        assertEquals(List.of(new MicroOp.Write(1, 5), new MicroOp.RegisterRead(1, null)), h.events().get(0).txn());
        assertEquals(new MicroOp.RegisterRead(1, 5L), h.events().get(1).txn().get(1));
        assertEquals(h, History.parse(h.toEdn(), Model.RW_REGISTER));
    }

    @Test
    void aVectorOfEventsIsAHistoryToo() {
        History h = History.parse("[{:type :invoke, :f :txn, :value [[:r 1 nil]], :process 0}\n"
            + " {:type :ok, :f :txn, :value [[:r 1 []]], :process 0}]", Model.LIST_APPEND);
        assertEquals(2, h.events().size());
        assertEquals(1L, h.events().get(1).index(), "events without :index are numbered by position");
    }

    @Test
    void exportWritesEventsOneALine() {
        HistoryRecorder r = new HistoryRecorder();
        int t = r.invoke(3, 100, List.of(new MicroOp.Append(2, 9), MicroOp.ListRead.unknown(2)));
        r.complete(t, Event.Type.OK, 250, List.of(new MicroOp.Append(2, 9), new MicroOp.ListRead(2, new long[] {4, 9})));
        assertEquals("{:type :invoke, :f :txn, :value [[:append 2 9] [:r 2 nil]], :process 3, :time 100, :index 0}\n"
            + "{:type :ok, :f :txn, :value [[:append 2 9] [:r 2 [4 9]]], :process 3, :time 250, :index 1}\n",
            r.history().toEdn());
        assertThrows(IllegalStateException.class, () -> r.complete(t, Event.Type.FAIL, 300, List.of()));
    }

    @Test
    void malformedInputNamesTheLine() {
        assertLine(3, "{:type :invoke, :f :txn, :value [], :process 0}\n{:type :ok, :f :txn,\n :value [[:r 1 [1 2}, :process 0}\n");
        assertLine(2, "{:type :invoke, :f :txn, :value [], :process 0}\n{:type :ok, :f :txn, :value [1.5], :process 0}\n");
        assertLine(1, "{:type :weird, :f :txn, :value [], :process 0}");
        assertLine(1, "{:type :ok, :f :txn, :value [[:append 1]], :process 0}");
        assertLine(2, "\n{:type :ok, :f :txn, :value [[:frob 1 2]], :process 0}");
        assertLine(1, "{:type :ok, :f :txn, :value [], :process}");
        assertLine(1, "{:type :ok :f :txn :value [[:r 1 [:a]]] :process 0}");
        assertLine(4, "{:type :ok, :f :txn, :value [], :process 0}\n\n\n{:type :ok, :f :txn, :value [], :process 0} #inst \"2020\"");
        assertLine(1, "{:type :ok, :f :txn, :value [], :process 0, :time 99999999999999999999}");
        assertLine(2, "{:type :ok, :f :txn, :value [], :process 0}\n\"unterminated");
        assertLine(1, "[:not-an-event]");
        assertLine(1, "{:type :ok, :f :txn, :value [[:r \"k\" nil]], :process 0}");
    }

    private static void assertLine(int line, String text) {
        EdnParseException e = assertThrows(EdnParseException.class, () -> History.parse(text, Model.LIST_APPEND));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("line " + line + ": "), e.getMessage());
    }

    @Test
    void readerKeepsStringsEscapesAndNesting() {
        List<Edn> forms = new EdnReader("{\"a\\\"b\\n\" (1 -2 +3), :k-x? [true false nil]} ; comment\n :z").readAll();
        assertEquals(2, forms.size());
        Edn.EMap m = (Edn.EMap) forms.get(0);
        assertEquals(new Edn.Str("a\"b\n"), m.entries().get(0).key());
        assertEquals(new Edn.EList(List.of(new Edn.Int(1), new Edn.Int(-2), new Edn.Int(3))), m.entries().get(0).value());
        assertEquals(new Edn.Keyword("k-x?"), m.entries().get(1).key());
        assertEquals(forms, new EdnReader(forms.get(0).text() + "\n" + forms.get(1).text()).readAll());
    }

    @Property(tries = 60)
    void aRoundTripGivesTheSameHistory(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long seed,
                                       @ForAll @IntRange(min = 0, max = 60) int txns) {
        for (Model model : Model.values()) {
            History h = randomHistory(new java.util.SplittableRandom(seed), txns, model);
            String edn = h.toEdn();
            History back = History.parse(edn, model);
            assertEquals(h, back);
            assertEquals(edn, back.toEdn());
        }
    }

    static History randomHistory(java.util.SplittableRandom rnd, int txns, Model model) {
        HistoryRecorder r = new HistoryRecorder();
        long value = 1;
        for (int t = 0; t < txns; t++) {
            List<MicroOp> invoke = new ArrayList<>();
            List<MicroOp> done = new ArrayList<>();
            for (int m = rnd.nextInt(1, 4); m > 0; m--) {
                long k = rnd.nextInt(5);
                if (rnd.nextBoolean()) {
                    MicroOp w = model == Model.LIST_APPEND ? new MicroOp.Append(k, value++) : new MicroOp.Write(k, value++);
                    invoke.add(w);
                    done.add(w);
                } else if (model == Model.LIST_APPEND) {
                    invoke.add(MicroOp.ListRead.unknown(k));
                    done.add(new MicroOp.ListRead(k, rnd.longs(rnd.nextInt(4), 0, 100).toArray()));
                } else {
                    invoke.add(new MicroOp.RegisterRead(k, null));
                    done.add(new MicroOp.RegisterRead(k, rnd.nextBoolean() ? null : (long) rnd.nextInt(100)));
                }
            }
            int h = r.invoke(rnd.nextInt(6), t * 10L, invoke);
            Event.Type type = Event.Type.values()[1 + rnd.nextInt(3)];
            r.complete(h, type, t * 10L + 5, type == Event.Type.OK ? done : invoke);
        }
        return r.history();
    }

    @Test
    void theRealElleHugeSccHistoryParses() throws IOException {
        assumeTrue(Files.isReadable(HUGE_SCC), "skipped: " + HUGE_SCC + " is absent (shared Elle test data, not in the repository)");
        History h = History.parse(Files.readString(HUGE_SCC), Model.LIST_APPEND);
        assertEquals(20_602, h.events().size());
        assertEquals(20_508, h.transactionEvents());
        assertEquals(h, History.parse(h.toEdn(), Model.LIST_APPEND));
    }
}
