package dev.whopper.core.io.model;

import dev.whopper.core.io.IO;

/**
 * An {@link IO} whose files are a {@link Volume} of the durable-file model (the in-memory backend and the
 * simulator's disk): the path-level operations are the volume's; subclasses open files, run requests and
 * decide how they complete.
 */
public abstract class VolumeIO implements IO {
    private final Volume volume = new Volume();

    /** For subclasses. */
    protected VolumeIO() { }

    /** @return the files */
    protected final Volume volume() {
        return volume;
    }

    @Override
    public final boolean exists(String path) {
        return volume.exists(path);
    }

    /** Deletes a file at once (and durably); open handles keep their (now unlinked) file. */
    @Override
    public final void delete(String path) {
        volume.delete(path);
    }
}
