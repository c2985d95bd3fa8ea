package dev.whopper.core.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/async-io.md} and {@link AsyncIoGuideExamplesTest} in step: every {@code ```java} block
 * of the guide must be, whitespace-normalized, one of the {@code // region: name ... // endregion}
 * regions of the examples (which compile and run as tests), and every region must be shown in the guide.
 * Surefire runs with the module directory as working directory, hence {@code ../docs}.
 */
class DocSnippetsTest {
    static final Path GUIDE = Path.of("..", "docs", "async-io.md");
    static final Path EXAMPLES = Path.of("src", "test", "java", "dev", "whopper", "core", "docs",
        "AsyncIoGuideExamplesTest.java");

    /** Collapses every run of whitespace to one space. */
    static String normalize(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }

    /** The contents of the {@code ```java} blocks of a markdown text, in order. */
    static List<String> javaBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = null;
        int line = 0;
        int openedAt = 0;
        for (String l : markdown.split("\n", -1)) {
            line++;
            String t = l.trim();
            if (current == null) {
                if (t.equals("```java")) {
                    current = new StringBuilder();
                    openedAt = line;
                }
            } else if (t.equals("```")) {
                blocks.add(current.toString());
                current = null;
            } else {
                current.append(l).append('\n');
            }
        }
        if (current != null) {
            throw new IllegalStateException("```java block opened at line " + openedAt + " is never closed");
        }
        return blocks;
    }

    /** The regions of a source text: name to content (marker lines excluded), in order. */
    static Map<String, String> regions(String source) {
        Map<String, String> regions = new LinkedHashMap<>();
        String name = null;
        StringBuilder current = null;
        int line = 0;
        for (String l : source.split("\n", -1)) {
            line++;
            String t = l.trim();
            if (t.startsWith("// region:")) {
                if (name != null) {
                    throw new IllegalStateException("line " + line + ": region inside region " + name);
                }
                name = t.substring("// region:".length()).trim();
                if (name.isEmpty() || regions.containsKey(name)) {
                    throw new IllegalStateException("line " + line + ": empty or duplicate region name '" + name + "'");
                }
                current = new StringBuilder();
            } else if (t.equals("// endregion")) {
                if (name == null) {
                    throw new IllegalStateException("line " + line + ": endregion without region");
                }
                regions.put(name, current.toString());
                name = null;
            } else if (name != null) {
                current.append(l).append('\n');
            }
        }
        if (name != null) {
            throw new IllegalStateException("region " + name + " is never closed");
        }
        return regions;
    }

    /** The guide's java blocks that are not (normalized) a region of the source, as their first lines. */
    static List<String> blocksWithoutRegion(String markdown, String source) {
        List<String> normalizedRegions = new ArrayList<>();
        for (String r : regions(source).values()) {
            normalizedRegions.add(normalize(r));
        }
        List<String> missing = new ArrayList<>();
        for (String block : javaBlocks(markdown)) {
            if (!normalizedRegions.contains(normalize(block))) {
                missing.add(block.strip().split("\n", 2)[0]);
            }
        }
        return missing;
    }

    /** The regions of the source that no java block of the guide shows, by name. */
    static List<String> regionsNotInGuide(String markdown, String source) {
        List<String> blocks = new ArrayList<>();
        for (String b : javaBlocks(markdown)) {
            blocks.add(normalize(b));
        }
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> e : regions(source).entrySet()) {
            if (!blocks.contains(normalize(e.getValue()))) {
                missing.add(e.getKey());
            }
        }
        return missing;
    }

    private static String read(Path p) throws IOException {
        if (!Files.isRegularFile(p)) {
            fail("missing " + p.toAbsolutePath().normalize() + " (tests must run with the core module as working directory)");
        }
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    @Test
    void everyJavaBlockOfTheGuideIsACompiledExample() throws IOException {
        String guide = read(GUIDE);
        String source = read(EXAMPLES);
        assertTrue(javaBlocks(guide).size() >= 12, "the guide shows its patterns in code: " + javaBlocks(guide).size());
        assertEquals(List.of(), blocksWithoutRegion(guide, source),
            "java blocks of docs/async-io.md not found as a region of AsyncIoGuideExamplesTest");
    }

    @Test
    void everyExampleIsShownInTheGuide() throws IOException {
        String guide = read(GUIDE);
        String source = read(EXAMPLES);
        assertTrue(regions(source).size() >= 12);
        assertEquals(List.of(), regionsNotInGuide(guide, source), "regions of the examples missing from the guide");
    }

    @Test
    void driftIsDetected() {
        String source = """
            class X {
                // region: a
                int f() {
                    return 1;
                }
                // endregion
            }
            """;
        String same = "text\n```java\nint f() { return 1; }\n```\n";
        String drifted = "text\n```java\nint f() {\n    return 2;\n}\n```\n";
        assertEquals(List.of(), blocksWithoutRegion(same, source), "whitespace does not matter");
        assertEquals(List.of("int f() {"), blocksWithoutRegion(drifted, source));
        assertEquals(List.of("a"), regionsNotInGuide(drifted, source));
        assertEquals(List.of("a"), regionsNotInGuide("no code here", source));
        // Only java blocks count; a part of a region is not enough.
        assertEquals(List.of("return 1;"), blocksWithoutRegion("```java\nreturn 1;\n```\n", source));
        assertEquals(List.of(), blocksWithoutRegion("```bash\nmvn verify\n```\n", source));
    }

    @Test
    void malformedMarkersAreErrors() {
        assertThrows(IllegalStateException.class, () -> javaBlocks("```java\nint x;\n"));
        assertThrows(IllegalStateException.class, () -> regions("// region: a\nint x;\n"));
        assertThrows(IllegalStateException.class, () -> regions("// endregion\n"));
        assertThrows(IllegalStateException.class, () -> regions("// region: a\n// region: b\n// endregion\n"));
        assertThrows(IllegalStateException.class,
            () -> regions("// region: a\n// endregion\n// region: a\n// endregion\n"));
    }
}
