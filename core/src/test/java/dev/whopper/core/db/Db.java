package dev.whopper.core.db;

import dev.whopper.core.io.IO;
import dev.whopper.core.io.backend.Blocking;
import dev.whopper.core.sm.StateMachine;
import java.nio.charset.StandardCharsets;

/** Test helpers: drive machines to completion, build keys. */
final class Db {
    private Db() { }

    static <T> T run(IO io, StateMachine<T> m) {
        return Blocking.run(io, m::step, 1_000_000L);
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    static DbException expectDb(Runnable r) {
        try {
            r.run();
        } catch (DbException e) {
            return e;
        }
        throw new AssertionError("expected a DbException");
    }
}
