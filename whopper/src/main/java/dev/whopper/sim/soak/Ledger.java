package dev.whopper.sim.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The seed ledger of a soak: the records of finished seeds in numbered chunk files ({@code chunk-000000001.json}),
 * each written whole under a temporary name and renamed ({@link AtomicFiles}), in order. A seed counts as done
 * once its chunk is renamed; a kill loses only the seeds not yet in a renamed chunk (the ones in flight, and
 * those the collector took since its last flush, at most {@link SoakRunner#FLUSH_MILLIS} ago), and a resume
 * runs exactly the seeds not in the ledger. Every {@value #COMPACT_AT} chunks are folded into one segment file
 * (written, then the chunks deleted: a kill in between leaves a chunk in both, which loading reads once).
 */
public final class Ledger {
    /** Chunk files kept before they are folded into a segment. */
    public static final int COMPACT_AT = 128;

    private final Path dir;
    private final List<Chunk> unfolded = new ArrayList<>();

    /**
     * One flush of the collector: the seeds it took since the last one, and the interval's histograms.
     *
     * @param number             the chunk's number, from 1, in the order written
     * @param session            the session that wrote it (0, then one more per resume)
     * @param elapsedMillis      the soak's wall-clock time over all sessions when it was written
     * @param startEpochMillis   the interval's start (wall clock)
     * @param endEpochMillis     the interval's end
     * @param records            the seeds
     * @param wallHistogram      per-seed wall-clock time over the interval ({@link Histograms#encode})
     * @param simulatedHistogram per-seed simulated time over the interval
     */
    public record Chunk(long number, int session, long elapsedMillis, long startEpochMillis, long endEpochMillis,
                        List<SeedRecord> records, String wallHistogram, String simulatedHistogram) {
        public Chunk {
            records = List.copyOf(records);
        }
    }

    /** @param chunks folded chunks, in order */
    public record Segment(List<Chunk> chunks) {
        public Segment {
            chunks = List.copyOf(chunks);
        }
    }

    /** @param dir the ledger directory (created when missing) */
    public Ledger(Path dir) {
        this.dir = dir;
    }

    /**
     * @param soakDir a soak directory
     * @return its ledger directory
     */
    public static Path dirOf(Path soakDir) {
        return soakDir.resolve("ledger");
    }

    /**
     * Reads every chunk, each once, in number order (temporaries of a kill are not chunks and are ignored).
     *
     * @param dir a ledger directory
     * @return the chunks
     * @throws IOException when it cannot be listed
     * @throws Json.MalformedFileException for a chunk or segment that is not one
     */
    public static List<Chunk> load(Path dir) throws IOException {
        TreeMap<Long, Chunk> chunks = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith("segment-") && name.endsWith(".json")) {
                    for (Chunk c : Json.read(p, Segment.class).chunks()) {
                        chunks.putIfAbsent(c.number(), c);
                    }
                } else if (name.startsWith("chunk-") && name.endsWith(".json")) {
                    Chunk c = Json.read(p, Chunk.class);
                    chunks.putIfAbsent(c.number(), c);
                }
            }
        }
        return new ArrayList<>(chunks.values());
    }

    /**
     * @param chunks chunks as {@link #load} returns them
     * @return every seed record, each seed index once, by index
     */
    public static Collection<SeedRecord> records(List<Chunk> chunks) {
        TreeMap<Long, SeedRecord> byIndex = new TreeMap<>();
        for (Chunk c : chunks) {
            for (SeedRecord r : c.records()) {
                byIndex.putIfAbsent(r.index(), r);
            }
        }
        return byIndex.values();
    }

    /**
     * Writes a chunk (and folds the chunks into a segment every {@value #COMPACT_AT}).
     *
     * @param chunk the next chunk
     * @throws IOException when it cannot be written
     */
    public void append(Chunk chunk) throws IOException {
        AtomicFiles.write(chunkFile(chunk.number()), Json.text(chunk));
        unfolded.add(chunk);
        if (unfolded.size() >= COMPACT_AT) {
            long first = unfolded.get(0).number();
            long last = chunk.number();
            AtomicFiles.write(dir.resolve(String.format("segment-%09d-%09d.json", first, last)), Json.text(new Segment(unfolded)));
            for (Chunk c : unfolded) {
                Files.deleteIfExists(chunkFile(c.number()));
            }
            unfolded.clear();
        }
    }

    private Path chunkFile(long number) {
        return dir.resolve(String.format("chunk-%09d.json", number));
    }
}
