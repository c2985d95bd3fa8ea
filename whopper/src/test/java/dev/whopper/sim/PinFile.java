package dev.whopper.sim;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A test resource of pinned lines {@code key => value} ({@code #} comments and blank lines skipped), in file order. */
public final class PinFile {
    private PinFile() { }

    /**
     * @param resource the class-path resource, e.g. {@code /golden/trace-hashes.txt}
     * @return key to pinned value, in file order
     * @throws IOException when the resource cannot be read
     */
    public static Map<String, String> read(String resource) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = PinFile.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is missing");
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (l.isBlank() || l.startsWith("#")) {
                    continue;
                }
                int bar = l.indexOf(" => ");
                out.put(l.substring(0, bar), l.substring(bar + 4));
            }
        }
        return out;
    }
}
