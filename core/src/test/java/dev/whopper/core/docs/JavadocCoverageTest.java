package dev.whopper.core.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DocumentationTool;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/** Every public type and member of core has javadoc: doclint's "missing" group reports nothing. */
class JavadocCoverageTest {
    @Test
    void everyPublicApiElementIsDocumented() throws IOException {
        DocumentationTool javadoc = ToolProvider.getSystemDocumentationTool();
        assertNotNull(javadoc, "the JDK's javadoc tool");
        List<String> args = new ArrayList<>();
        Path out = Files.createTempDirectory("whopper-javadoc");
        args.addAll(List.of("-quiet", "-Xdoclint:missing", "-d", out.toString(),
            "-cp", System.getProperty("java.class.path")));
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted().forEach(args::add);
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int rc = javadoc.run(null, log, log, args.toArray(new String[0]));
        try (Stream<Path> files = Files.walk(out)) {
            files.sorted((a, b) -> b.compareTo(a)).map(Path::toFile).forEach(File::delete);
        }
        String text = log.toString(StandardCharsets.UTF_8);
        List<String> missing = text.lines().filter(l -> l.contains("warning: no comment")).collect(Collectors.toList());
        assertEquals(0, rc, "javadoc failed:\n" + text);
        assertEquals(List.of(), missing, "undocumented public API in core");
    }
}
