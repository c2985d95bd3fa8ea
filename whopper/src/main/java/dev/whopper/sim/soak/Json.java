package dev.whopper.sim.soak;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JSON of soak files (Jackson): pretty-printed, records by their components, unknown properties an error
 * so a malformed or foreign file is reported, not half-read. Used only outside runs (the mapper is
 * thread-safe once configured and holds nothing a run could observe).
 */
public final class Json {
    /** The configured mapper. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private Json() { }

    /**
     * @param value a record
     * @return its JSON text, ending with a newline
     */
    public static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param file  a file written by {@link #text}
     * @param type  the record it holds
     * @param <T>   the type
     * @return the value
     * @throws MalformedFileException naming the file and what is wrong with it, in one line
     */
    public static <T> T read(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) {
            throw new MalformedFileException(file + ": no such file");
        }
        try {
            T v = MAPPER.readValue(file.toFile(), type);
            if (v == null) {
                throw new MalformedFileException(file + ": empty (expected: a JSON object)");
            }
            return v;
        } catch (JsonProcessingException e) {
            throw new MalformedFileException(file + ": not a valid " + type.getSimpleName() + " file: "
                + e.getOriginalMessage().lines().findFirst().orElse("") + " (line " + lineOf(e) + ")");
        } catch (IOException e) {
            throw new MalformedFileException(file + ": cannot read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new MalformedFileException(file + ": " + e.getMessage());
        }
    }

    private static int lineOf(JsonProcessingException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    }

    /** A soak file that is missing, unreadable or not what it should be; the message is one line. */
    public static final class MalformedFileException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** @param message one line naming the file and the problem */
        public MalformedFileException(String message) {
            super(message);
        }
    }
}
