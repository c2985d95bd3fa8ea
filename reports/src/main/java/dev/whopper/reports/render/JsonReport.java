package dev.whopper.reports.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.whopper.reports.model.RunReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A {@link RunReport} as JSON (Jackson), and back. The schema is in {@code docs/reports.md}; histograms
 * travel in HdrHistogram's compressed encoding, base64. Fields marked derived (counts and percentiles next
 * to a histogram, a property's status) are written for readers and ignored on read.
 */
public final class JsonReport {
    private static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private JsonReport() { }

    /** @return the mapper reports are written with (a shared, configured instance: do not reconfigure it) */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * @param report a report
     * @return its JSON, indented, ending with a newline
     */
    public static String write(RunReport report) {
        try {
            return MAPPER.writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report: cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Writes a report to a file, through a temporary file and a rename (never half a file).
     *
     * @param report a report
     * @param file   where
     * @throws UncheckedIOException when it cannot be written
     */
    public static void write(RunReport report, Path file) {
        writeAtomically(file, write(report));
    }

    /**
     * @param json a report's JSON
     * @return the report
     * @throws IllegalArgumentException with one line saying what is wrong (not JSON, another schema version,
     *                                  a missing or bad field)
     */
    public static RunReport read(String json) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("report: not JSON (" + e.getOriginalMessage() + ")");
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("report: not a JSON object (expected: a whopper report)");
        }
        JsonNode version = tree.get("schemaVersion");
        if (version == null || !version.canConvertToInt()) {
            throw new IllegalArgumentException("report: no schemaVersion (expected: a whopper report, schemaVersion "
                + RunReport.SCHEMA_VERSION + ")");
        }
        if (version.asInt() != RunReport.SCHEMA_VERSION) {
            throw new IllegalArgumentException("report: schemaVersion " + version.asInt() + " (expected: "
                + RunReport.SCHEMA_VERSION + ")");
        }
        try {
            return MAPPER.treeToValue(tree, RunReport.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String why = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
            throw new IllegalArgumentException("report: " + why);
        }
    }

    /**
     * @param file a report's JSON file
     * @return the report
     * @throws IllegalArgumentException when it cannot be read or is not a report (one line naming the file)
     */
    public static RunReport read(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")");
        }
        try {
            return read(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    /**
     * @param reports one or more reports
     * @return their merge ({@link RunReport#plus}), in order; the report itself when there is one
     */
    public static RunReport merge(List<RunReport> reports) {
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("reports: none (expected: at least one)");
        }
        RunReport out = reports.get(0);
        for (int i = 1; i < reports.size(); i++) {
            out = out.plus(reports.get(i));
        }
        return out;
    }

    static void writeAtomically(Path file, String text) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".report-", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                // a temporary file is private; a report is meant to be shared like any other output
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep its default permissions
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
