package dev.whopper.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's simulator example is exactly {@link ReadmeExampleTest}'s body, so it compiles and runs. */
class ReadmeSnippetTest {
    private static String normalize(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    @Test
    void readmeExampleIsTheTestedExample() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        int section = readme.indexOf("## Your own state machines");
        assertTrue(section >= 0, "README has the simulator example section");
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        int end = readme.indexOf("```", start);
        String snippet = readme.substring(start, end);
        assertTrue(snippet.lines().count() < 40, "the example stays under 40 lines: " + snippet.lines().count());

        String src = Files.readString(Path.of("src/test/java/dev/whopper/sim/ReadmeExampleTest.java"));
        String open = "class ReadmeExampleTest {";
        String body = src.substring(src.indexOf(open) + open.length(), src.lastIndexOf('}'));
        assertEquals(normalize(body), normalize(snippet));
    }
}
