package dev.whopper.demo;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.CompletionGroup;
import dev.whopper.core.io.File;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.backend.MemoryIO;
import dev.whopper.core.sm.StateMachine;
import dev.whopper.core.sm.StateTransition;
import dev.whopper.core.sm.Transition;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A demonstration of the async model: several state machines write records through {@link MemoryIO}
 * (the writes of each machine form a {@link CompletionGroup}), sync, then read their records back,
 * while completions are delivered in a seeded random order. Prints each completion as it finishes and
 * each machine's result; the same seed prints the same lines.
 */
public final class AsyncDemo {
    private AsyncDemo() { }

    /** One writer: WRITE_ALL (a group of writes) -> SYNC -> READ_BACK -> done with the text read. */
    private static final class Writer implements StateTransition<String> {
        private enum State { START, WRITING, SYNCING, READING }

        private final String name;
        private final File file;
        private final long base;
        private final List<String> records;
        private final PrintWriter out;
        private State state = State.START;
        private Completion waiting;

        Writer(String name, File file, long base, List<String> records, PrintWriter out) {
            this.name = name;
            this.file = file;
            this.base = base;
            this.records = records;
            this.out = out;
        }

        private int totalBytes() {
            int n = 0;
            for (String r : records) {
                n += r.length();
            }
            return n;
        }

        @Override
        public Transition<String> transition() {
            switch (state) {
                case START -> {
                    CompletionGroup group = new CompletionGroup(records.size());
                    long offset = base;
                    for (int i = 0; i < records.size(); i++) {
                        byte[] data = records.get(i).getBytes(StandardCharsets.US_ASCII);
                        String label = name + " write #" + i + " @" + offset;
                        group.add(file.pwrite(offset, data, Completion.write(c -> out.println("  completed " + label + " -> " + c))));
                        offset += data.length;
                    }
                    waiting = group.build(c -> out.println("  completed " + name + " group of " + records.size() + " writes -> " + c));
                    state = State.WRITING;
                    return Transition.io(waiting);
                }
                case WRITING -> {
                    requireOk();
                    waiting = file.sync(Completion.sync(c -> out.println("  completed " + name + " sync -> " + c)));
                    state = State.SYNCING;
                    return Transition.io(waiting);
                }
                case SYNCING -> {
                    requireOk();
                    byte[] buf = new byte[totalBytes()];
                    waiting = file.pread(base, Completion.read(buf, c -> out.println("  completed " + name + " read-back -> " + c)));
                    state = State.READING;
                    return Transition.io(waiting);
                }
                case READING -> {
                    requireOk();
                    return Transition.done(new String(waiting.buffer(), StandardCharsets.US_ASCII));
                }
                default -> throw new AssertionError(state);
            }
        }

        private void requireOk() {
            if (waiting.failed()) {
                throw waiting.error().toException();
            }
        }
    }

    /**
     * Runs the demonstration.
     *
     * @param seed     seed of the completion order
     * @param machines number of state machines, &gt; 0
     * @param out      where to print
     * @return true when every machine read back exactly what it wrote
     */
    public static boolean run(long seed, int machines, PrintWriter out) {
        MemoryIO io = MemoryIO.randomOrder(seed);
        File file = io.open("demo.db", true);
        List<StateMachine<String>> sms = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int m = 0; m < machines; m++) {
            List<String> records = List.of("m" + m + ":alpha;", "m" + m + ":beta;", "m" + m + ":gamma;");
            expected.add(String.join("", records));
            sms.add(new StateMachine<>(new Writer("machine " + m, file, m * 64L, records, out)));
        }
        out.println("async demo: " + machines + " state machines over MemoryIO, completion order seeded with " + seed);
        String[] results = new String[machines];
        IOResult<?>[] last = new IOResult<?>[machines];
        int remaining = machines;
        int round = 0;
        while (remaining > 0) {
            round++;
            for (int m = 0; m < machines; m++) {
                if (results[m] != null) {
                    continue;
                }
                IOResult<?> prev = last[m];
                if (prev != null && prev.isIo() && !prev.completion().finished()) {
                    continue;
                }
                IOResult<String> r = sms.get(m).step();
                last[m] = r;
                if (r.isDone()) {
                    results[m] = r.value();
                    remaining--;
                    out.println("  machine " + m + " done: \"" + r.value() + "\"");
                }
            }
            if (remaining > 0) {
                out.println("step " + round + ": " + io.pendingRequests() + " requests in flight");
                io.poll();
            }
        }
        boolean ok = true;
        for (int m = 0; m < machines; m++) {
            ok &= expected.get(m).equals(results[m]);
        }
        out.println(ok ? "all " + machines + " machines read back what they wrote" : "MISMATCH: a machine read back other data");
        out.flush();
        return ok;
    }
}
