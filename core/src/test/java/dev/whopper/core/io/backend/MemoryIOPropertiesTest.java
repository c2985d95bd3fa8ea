package dev.whopper.core.io.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * {@link MemoryIO} against a small model of a file with a volatile and a durable image: random writes,
 * syncs, truncates, steps and crashes under FIFO delivery. Requests take effect when a step completes
 * them, a sync saves the volatile image, a crash drops what is in flight and restores the durable image.
 */
class MemoryIOPropertiesTest {

    sealed interface Op permits Write, Sync, Truncate, Step, Crash { }

    record Write(int offset, int length, byte value) implements Op { }

    record Sync() implements Op { }

    record Truncate(int length) implements Op { }

    record Step() implements Op { }

    record Crash() implements Op { }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> write = Combinators.combine(Arbitraries.integers().between(0, 64),
            Arbitraries.integers().between(1, 16), Arbitraries.bytes()).as(Write::new);
        Arbitrary<Op> truncate = Arbitraries.integers().between(0, 80).map(Truncate::new);
        return Arbitraries.frequencyOf(
            Tuple.of(6, write),
            Tuple.of(2, Arbitraries.just(new Sync())),
            Tuple.of(1, truncate),
            Tuple.of(4, Arbitraries.just(new Step())),
            Tuple.of(1, Arbitraries.just(new Crash()))).list().ofMaxSize(40);
    }

    /** The model: images as byte arrays of their exact length. */
    static final class Model {
        byte[] volatileImage = new byte[0];
        byte[] durableImage = new byte[0];
        final List<Op> inFlight = new ArrayList<>();

        void complete(Op op) {
            if (op instanceof Write w) {
                int end = w.offset() + w.length();
                if (end > volatileImage.length) {
                    volatileImage = Arrays.copyOf(volatileImage, end);
                }
                Arrays.fill(volatileImage, w.offset(), end, w.value());
            } else if (op instanceof Sync) {
                durableImage = volatileImage.clone();
            } else if (op instanceof Truncate t) {
                volatileImage = Arrays.copyOf(volatileImage, t.length());
            }
        }

        void step() {
            for (Op op : inFlight) {
                complete(op);
            }
            inFlight.clear();
        }

        void crash() {
            inFlight.clear();
            volatileImage = durableImage.clone();
        }
    }

    @Property(tries = 300)
    void fifoMemoryIoBehavesLikeTheModel(@ForAll("ops") List<Op> ops) {
        MemoryIO io = MemoryIO.fifo();
        File f = io.open("db", true);
        Model model = new Model();
        List<Completion> submitted = new ArrayList<>();
        for (Op op : ops) {
            if (op instanceof Write w) {
                byte[] data = new byte[w.length()];
                Arrays.fill(data, w.value());
                submitted.add(f.pwrite(w.offset(), data, Completion.write(null)));
                model.inFlight.add(op);
            } else if (op instanceof Sync) {
                submitted.add(f.sync(Completion.sync(null)));
                model.inFlight.add(op);
            } else if (op instanceof Truncate t) {
                submitted.add(f.truncate(t.length(), Completion.truncate(null)));
                model.inFlight.add(op);
            } else if (op instanceof Step) {
                assertEquals(model.inFlight.size(), io.poll());
                model.step();
                for (Completion c : submitted) {
                    assertTrue(c.succeeded(), c.toString());
                }
                submitted.clear();
            } else {
                io.crash();
                model.crash();
                submitted.clear();
            }
            assertArrayEquals(model.volatileImage, io.contents("db"), "after " + op);
            assertEquals(model.volatileImage.length, f.size());
            assertEquals(model.inFlight.size(), io.pendingRequests());
        }
        io.poll();
        model.step();
        assertArrayEquals(model.volatileImage, io.contents("db"));
        io.crash();
        model.crash();
        assertArrayEquals(model.durableImage, io.contents("db"), "a crash keeps exactly the synced image");
    }
}
