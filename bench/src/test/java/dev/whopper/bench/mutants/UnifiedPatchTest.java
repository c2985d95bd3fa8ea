package dev.whopper.bench.mutants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnifiedPatchTest {
    private static final String FILE = "a\nb\nc\nd\ne\nf\ng\n";

    private static final String PATCH = String.join("\n",
        "# mutant: demo",
        "# class: demo class",
        "# change: drops c, adds x",
        "# pinned: --seed 3 --strategy pos => VIOLATION:p",
        "diff --git a/core/src/main/java/X.java b/core/src/main/java/X.java",
        "--- a/core/src/main/java/X.java",
        "+++ b/core/src/main/java/X.java",
        "@@ -2,3 +2,3 @@",
        " b",
        "-c",
        "+x",
        " d",
        "@@ -6,1 +6,2 @@",
        " f",
        "+y",
        "");

    @Test
    void appliesHunksWhereTheirLinesAre() {
        UnifiedPatch p = UnifiedPatch.parse(PATCH);
        assertEquals(1, p.files().size());
        assertEquals("core/src/main/java/X.java", p.files().get(0).path());
        assertEquals("a\nb\nx\nd\ne\nf\ny\ng\n", UnifiedPatch.apply(p.files().get(0), FILE));
    }

    @Test
    void appliesAfterTheFileMovedByAFewLines() {
        UnifiedPatch p = UnifiedPatch.parse(PATCH);
        assertEquals("0\n1\na\nb\nx\nd\ne\nf\ny\ng\n", UnifiedPatch.apply(p.files().get(0), "0\n1\n" + FILE));
    }

    @Test
    void aHunkWhoseLinesAreGoneFailsNamingTheFileAndHunk() {
        UnifiedPatch p = UnifiedPatch.parse(PATCH);
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> UnifiedPatch.apply(p.files().get(0), "a\nb\nC\nd\ne\nf\ng\n"));
        assertEquals("core/src/main/java/X.java: hunk 1 of 2 (at line 2) does not apply: its lines are not in the file",
            e.getMessage());
    }

    @Test
    void aHunkWhoseCountsDisagreeWithItsBodyIsRejected() {
        String bad = PATCH.replace("@@ -2,3 +2,3 @@", "@@ -2,2 +2,3 @@");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UnifiedPatch.parse(bad));
        assertEquals("line 8: hunk says -2 +3 lines, its body has -3 +3", e.getMessage());
        String overlong = PATCH.replace("@@ -2,3 +2,3 @@", "@@ -2,4 +2,3 @@");
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> UnifiedPatch.parse(overlong));
        assertEquals("line 13: unexpected line in a hunk: @@ -6,1 +6,2 @@", e2.getMessage());
    }

    @Test
    void theHeaderNamesTheMutantItsClassAndPinnedRuns() {
        Mutant m = Mutant.parse("demo", PATCH);
        assertEquals("demo class", m.bugClass());
        assertEquals(List.of(new Mutant.Pinned(List.of("--seed", "3", "--strategy", "pos"), "VIOLATION:p")), m.pinned());
        IllegalArgumentException wrongName = assertThrows(IllegalArgumentException.class, () -> Mutant.parse("other", PATCH));
        assertEquals("mutant other: header names 'demo' (expected: the file's name)", wrongName.getMessage());
    }

    @Test
    void aMutantOutsideTheEngineOrWithoutPinnedRunOrMissingOracleIsRejected() {
        String outside = PATCH.replace("core/src/main/java/X.java", "workloads/src/main/java/X.java");
        assertThrows(IllegalArgumentException.class, () -> Mutant.parse("demo", outside));
        String unpinned = PATCH.replace("# pinned: --seed 3 --strategy pos => VIOLATION:p\n", "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mutant.parse("demo", unpinned));
        assertTrue(e.getMessage().contains("'# pinned:' lines or one '# missing-oracle:' line"), e.getMessage());
        Mutant missing = Mutant.parse("demo", unpinned.replace("# change: drops c, adds x\n",
            "# change: drops c, adds x\n# missing-oracle: a pin balance check\n"));
        assertEquals("a pin balance check", missing.missingOracle());
    }
}
