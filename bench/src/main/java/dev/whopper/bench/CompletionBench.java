package dev.whopper.bench;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.CompletionGroup;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** Cost of the async model's building blocks: one completion, and a group of eight. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CompletionBench {
    /** @return a completed write completion */
    @Benchmark
    public Completion completeOne() {
        Completion c = Completion.write(null);
        c.complete(4096);
        return c;
    }

    /** @return a completed group of eight writes */
    @Benchmark
    public Completion groupOfEight() {
        CompletionGroup g = new CompletionGroup(8);
        Completion[] cs = new Completion[8];
        for (int i = 0; i < 8; i++) {
            cs[i] = Completion.write(null);
            g.add(cs[i]);
        }
        Completion built = g.build();
        for (int i = 7; i >= 0; i--) {
            cs[i].complete(4096);
        }
        return built;
    }
}
