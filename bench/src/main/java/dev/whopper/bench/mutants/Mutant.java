package dev.whopper.bench.mutants;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One engine mutant: a small, realistic bug kept as a unified diff against the engine's sources
 * ({@code mutants/NAME.patch} at the repository root), never in the shipped code. The patch's header
 * names it and says what it stands for:
 *
 * <pre>
 * # mutant: missing-busy-snapshot
 * # class: isolation: a stale snapshot is allowed to write (lost update)
 * # change: Transaction.tryUpgrade no longer refuses a transaction whose snapshot is older than the latest commit
 * # pinned: --seed 3 --workload bank --strategy random =&gt; VIOLATION:bank-conservation
 * </pre>
 *
 * A mutant no workload catches yet has, instead of {@code pinned} lines, a {@code # missing-oracle:} line
 * saying which oracle would catch it.
 *
 * A {@code pinned} line is a run (the options of {@code whopper run}) that must find the mutant, with
 * the failure it must end in ({@code Outcome.failureKey()}); CI runs them (MutantPinnedSeedsTest), and the
 * unmutated engine must pass them.
 *
 * @param name     the mutant's name (the patch file's name without {@code .patch})
 * @param bugClass the bug class it stands for
 * @param change   what the patch changes, in one line
 * @param pinned   runs that find it
 * @param missingOracle what would catch it, when no pinned run does yet ({@code null} otherwise)
 * @param patch    the parsed patch
 */
public record Mutant(String name, String bugClass, String change, List<Pinned> pinned, String missingOracle,
                     UnifiedPatch patch) {
    /** The directory of the patches, relative to the repository root. */
    public static final String DIRECTORY = "mutants";

    public Mutant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bugClass, "bugClass");
        Objects.requireNonNull(change, "change");
        pinned = List.copyOf(pinned);
        Objects.requireNonNull(patch, "patch");
    }

    /**
     * A pinned run.
     *
     * @param args       the run options ({@code whopper run}'s, including {@code --seed})
     * @param failureKey the failure it must end in, e.g. {@code VIOLATION:bank-conservation} or {@code LIVENESS}
     */
    public record Pinned(List<String> args, String failureKey) {
        public Pinned {
            args = List.copyOf(args);
            Objects.requireNonNull(failureKey, "failureKey");
        }
    }

    /**
     * Parses a patch file's text.
     *
     * @param name the mutant's name
     * @param text the patch with its header
     * @return the mutant
     * @throws IllegalArgumentException when the header lacks {@code mutant}, {@code class} or {@code change},
     *                                  names another mutant, or the diff is malformed
     */
    public static Mutant parse(String name, String text) {
        UnifiedPatch patch = UnifiedPatch.parse(text);
        String declared = null;
        String bugClass = null;
        String change = null;
        String missing = null;
        List<Pinned> pinned = new ArrayList<>();
        for (String line : patch.header()) {
            if (!line.startsWith("#")) {
                continue;
            }
            String l = line.substring(1).strip();
            int colon = l.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = l.substring(0, colon).strip();
            String value = l.substring(colon + 1).strip();
            switch (key) {
                case "mutant" -> declared = value;
                case "class" -> bugClass = value;
                case "change" -> change = value;
                case "pinned" -> pinned.add(pinned(name, value));
                case "missing-oracle" -> missing = value;
                default -> { } // free-form notes
            }
        }
        if (declared == null || bugClass == null || change == null) {
            throw new IllegalArgumentException("mutant " + name + ": header needs '# mutant:', '# class:' and '# change:' lines");
        }
        if (!declared.equals(name)) {
            throw new IllegalArgumentException("mutant " + name + ": header names '" + declared + "' (expected: the file's name)");
        }
        for (UnifiedPatch.FilePatch f : patch.files()) {
            if (!f.path().startsWith("core/src/main/java/")) {
                throw new IllegalArgumentException("mutant " + name + ": patches " + f.path()
                    + " (expected: the engine's sources under core/src/main/java/)");
            }
        }
        if (pinned.isEmpty() == (missing == null)) {
            throw new IllegalArgumentException("mutant " + name + ": header needs '# pinned:' lines or one '# missing-oracle:' line"
                + " (not both)");
        }
        return new Mutant(name, bugClass, change, pinned, missing, patch);
    }

    private static Pinned pinned(String name, String value) {
        int arrow = value.indexOf("=>");
        if (arrow < 0) {
            throw new IllegalArgumentException("mutant " + name + ": pinned line '" + value + "' (expected: ARGS => FAILURE-KEY)");
        }
        List<String> args = List.of(value.substring(0, arrow).strip().split("\\s+"));
        return new Pinned(args, value.substring(arrow + 2).strip());
    }

    /**
     * @param root the repository root
     * @return every mutant under {@code root/mutants}, by name
     * @throws IOException when the directory cannot be read
     */
    public static List<Mutant> all(Path root) throws IOException {
        Path dir = root.resolve(DIRECTORY);
        List<Mutant> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".patch")).sorted().toList()) {
                String file = p.getFileName().toString();
                out.add(parse(file.substring(0, file.length() - ".patch".length()), Files.readString(p, StandardCharsets.UTF_8)));
            }
        }
        return out;
    }
}
