package dev.whopper.sim.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.CompletionKind;
import dev.whopper.core.io.ErrorCode;
import dev.whopper.core.io.File;
import dev.whopper.sim.VirtualClock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SimIODeterminismTest {

    /** One submission of a scripted run. */
    record Op(int kind, int file, int offset, int length, int advanceNanos) { }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(
            Arbitraries.integers().between(0, 6),
            Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(0, 5_000),
            Arbitraries.integers().between(0, 1_500),
            Arbitraries.integers().between(0, 200_000)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(60);
    }

    /** Runs a script; returns the completion log (callbacks, in order) plus every file's images and the stats. */
    static String run(long seed, List<Op> ops, FaultConfig faults) {
        SimIO io = Sims.create(seed, LatencyProfile.ssd(), faults);
        VirtualClock clock = (VirtualClock) io.clock();
        StringBuilder log = new StringBuilder();
        io.setListener(new SimIOListener() {
            @Override
            public void onCompletion(long t, String p, CompletionKind k, long o, long l, int r, ErrorCode e) {
                log.append("L").append(t).append(p).append(k).append(o).append(',').append(l).append(',').append(r)
                    .append(e).append('\n');
            }

            @Override
            public void onFault(long t, String p, FaultKind fault, long offset) {
                log.append("F").append(t).append(p).append(fault).append(offset).append('\n');
            }
        });
        File[] files = {io.open("a", true), io.open("b", true), io.open("c", true)};
        int id = 0;
        for (Op op : ops) {
            int n = id++;
            File f = files[op.file()];
            switch (op.kind()) {
                case 0, 1 -> f.pwrite(op.offset(), Sims.bytes(op.length(), n),
                    Completion.write(c -> log.append("w").append(n).append(c).append('@').append(clock.nowNanos()).append('\n')));
                case 2 -> {
                    byte[] buf = new byte[op.length()];
                    f.pread(op.offset(), Completion.read(buf, c -> log.append("r").append(n).append(c)
                        .append(Arrays.hashCode(buf)).append('\n')));
                }
                case 3 -> f.sync(Completion.sync(c -> log.append("s").append(n).append(c).append('\n')));
                case 4 -> f.truncate(op.offset(), Completion.truncate(c -> log.append("t").append(n).append(c).append('\n')));
                case 5 -> f.pwritev(op.offset(), List.of(Sims.bytes(op.length() / 2, n), Sims.bytes(op.length() / 3, n + 1)),
                    Completion.write(c -> log.append("v").append(n).append(c).append('\n')));
                default -> io.sleep(op.advanceNanos(), Completion.timer(c -> log.append("z").append(n).append('\n')));
            }
            clock.advanceBy(op.advanceNanos());
            io.fireDue();
        }
        if (ops.size() % 3 == 0) {
            log.append(io.crash(CrashOptions.keepSomeAndTear())).append('\n');
        }
        Sims.drain(io);
        for (String p : io.paths()) {
            log.append(p).append(Arrays.toString(io.contents(p))).append(Arrays.toString(io.durableContents(p))).append('\n');
        }
        log.append(io.stats()).append('@').append(clock.nowNanos());
        return log.toString();
    }

    @Property(tries = 120)
    void sameSeedSameSubmissionsSameRun(@ForAll long seed, @ForAll("ops") List<Op> ops) {
        assertEquals(run(seed, ops, FaultConfig.none()), run(seed, ops, FaultConfig.none()));
    }

    @Property(tries = 120)
    void sameSeedSameRunWithFaults(@ForAll long seed, @ForAll("ops") List<Op> ops) {
        FaultConfig ragnarok = FaultConfig.ragnarok().with(FaultKind.BIT_FLIP, 0.1).withSectorSize(64);
        assertEquals(run(seed, ops, ragnarok), run(seed, ops, ragnarok));
    }

    @Test
    void differentSeedsTypicallyDiffer() {
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ops.add(new Op(i % 7, i % 3, (i * 397) % 4000, 100 + i, i % 4 == 0 ? 50_000 : 0));
        }
        List<String> runs = new ArrayList<>();
        for (long seed = 0; seed < 10; seed++) {
            runs.add(run(seed, ops, FaultConfig.chaos()));
        }
        long distinct = runs.stream().distinct().count();
        assertTrue(distinct >= 9, "distinct runs: " + distinct + " of 10");
    }
}
