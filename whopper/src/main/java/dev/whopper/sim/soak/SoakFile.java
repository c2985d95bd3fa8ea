package dev.whopper.sim.soak;

import dev.whopper.sim.config.RunConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A soak directory's {@code soak.json}: the options it was started with, so {@code --resume DIR} continues
 * exactly that soak. Written once, when the soak starts.
 *
 * @param format         {@value #FORMAT}
 * @param whopper        the build that started it
 * @param runOptions     every seed's run options, without {@code --seed}
 * @param firstSeed      the seed of index 0
 * @param seeds          seed indices of the whole soak, 0: until the duration is up
 * @param shard          the shard, {@code i/N}
 * @param jobs           worker threads
 * @param durationMillis the wall-clock limit over all sessions, 0: none
 * @param failFast       stop at the first failure
 * @param shrink         shrink every failure
 * @param shrinkRuns     the run budget of each shrink
 */
public record SoakFile(int format, String whopper, List<String> runOptions, long firstSeed, long seeds, String shard, int jobs,
                       long durationMillis, boolean failFast, boolean shrink, int shrinkRuns) {
    /** The file format's version. */
    public static final int FORMAT = 1;
    /** Its name in a soak directory. */
    public static final String NAME = "soak.json";

    public SoakFile {
        if (format != FORMAT) {
            throw new IllegalArgumentException("format: " + format + " (expected: " + FORMAT + ")");
        }
        Objects.requireNonNull(runOptions, "runOptions");
        Objects.requireNonNull(shard, "shard");
        runOptions = List.copyOf(runOptions);
    }

    /**
     * @param o a soak's options
     * @return its file
     */
    public static SoakFile of(SoakOptions o) {
        return new SoakFile(FORMAT, dev.whopper.sim.BuildInfo.describe(), o.runOptions(), o.plan().firstSeed(),
            o.plan().seeds(), o.plan().shard().toString(), o.jobs(), o.durationMillis(), o.failFast(), o.shrink(), o.shrinkRuns());
    }

    /**
     * @param dir            the soak directory it was read from
     * @param jobs           worker threads for this session ({@code null}: as before)
     * @param durationMillis a new wall-clock limit ({@code null}: as before)
     * @return the options it holds
     * @throws IllegalArgumentException when they are not valid (one line)
     */
    public SoakOptions options(Path dir, Integer jobs, Long durationMillis) {
        List<String> args = new ArrayList<>(runOptions);
        args.add("--seed");
        args.add(Long.toString(0));
        RunConfig run = RunConfig.parse(args.toArray(new String[0]));
        return new SoakOptions(run, new SeedPlan(firstSeed, seeds, Shard.parse(shard)), jobs == null ? this.jobs : jobs,
            durationMillis == null ? this.durationMillis : durationMillis, failFast, shrink, shrinkRuns, dir);
    }

    /**
     * @param args {@code whopper run} arguments
     * @return them without {@code --seed} and its value
     */
    static List<String> withoutSeed(List<String> args) {
        List<String> a = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--seed")) {
                i++;
            } else {
                a.add(args.get(i));
            }
        }
        return a;
    }

    /**
     * @param dir a soak directory
     * @return its file
     */
    public static Path in(Path dir) {
        return dir.resolve(NAME);
    }
}
