package dev.whopper.sim.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.whopper.sim.trace.EventKind;
import dev.whopper.sim.trace.TraceSink;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Every event of a run, one JSON object a line ({@code whopper run --trace FILE}):
 * {@code {"step":3,"timeNanos":3000,"fiber":1,"op":"transfer","kind":"DONE","value":"..."}}; {@code fiber}
 * is -1 for the system (I/O, faults, crashes), {@code value} the event's value as text ({@code ""}: none).
 * Written through Jackson's streaming generator.
 */
public final class JsonlTrace implements TraceSink, AutoCloseable {
    private final JsonGenerator json;
    private long lines;

    /** @param out where the lines go (closed by {@link #close()}) */
    public JsonlTrace(OutputStream out) {
        try {
            json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        json.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
    }

    @Override
    public void event(long step, long timeNanos, int fiber, String op, EventKind kind, Object value) {
        try {
            json.writeStartObject();
            json.writeNumberField("step", step);
            json.writeNumberField("timeNanos", timeNanos);
            json.writeNumberField("fiber", fiber);
            json.writeStringField("op", op == null ? "" : op);
            json.writeStringField("kind", kind.name());
            json.writeStringField("value", Values.of(value));
            json.writeEndObject();
            lines++;
        } catch (IOException e) {
            throw new UncheckedIOException("--trace: cannot write: " + e.getMessage(), e);
        }
    }

    /** @return events written */
    public long lines() {
        return lines;
    }

    @Override
    public void close() {
        try {
            json.writeRaw('\n');
            json.close();
        } catch (IOException e) {
            throw new UncheckedIOException("--trace: cannot write: " + e.getMessage(), e);
        }
    }
}
