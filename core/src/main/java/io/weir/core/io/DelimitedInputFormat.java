package io.weir.core.io;

import io.weir.core.fs.FileStatus;
import io.weir.core.fs.FileSystem;
import io.weir.core.fs.SeekableInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The base of line-oriented file formats: divides the files at a path into byte ranges and reads
 * the lines that start in each range, for the subclass to turn into records. A line belongs to the
 * range its first byte is in, so every line is read exactly once however the ranges fall.
 *
 * <p>Splits are about a quarter of a parallel instance's share of the input (at least 1 MiB, at most
 * 64 MiB): instances take splits as they finish the previous one, so a fast instance reads more. On a
 * file system with blocks (HDFS) no split crosses a block boundary, and each names the hosts of its
 * block.
 */
public abstract class DelimitedInputFormat<T> implements InputFormat<T, FileInputSplit> {

    private static final long MIN_SPLIT = 1 << 20;
    private static final long MAX_SPLIT = 64L << 20;

    private final String path;
    private transient SeekableInputStream stream;
    /** What lines are read from: the stream, or a decompressing stream over the file. */
    private transient InputStream content;

    private transient LineReader reader;
    private transient FileInputSplit split;
    private transient String next;
    /** In {@linkplain #readsBytes byte mode}: the length of the line read ahead (in the reader), -1 for none. */
    private transient int nextLength;

    private transient long lineStart;

    protected DelimitedInputFormat(String path) {
        this.path = Objects.requireNonNull(path, "path is null");
    }

    public String path() {
        return path;
    }

    @Override
    public FileInputSplit[] createInputSplits(int minSplits) throws IOException {
        URI uri = FileSystem.toUri(path);
        FileSystem fileSystem = FileSystem.get(uri);
        List<FileStatus> files = fileSystem.inputFiles(uri);
        long total = files.stream().mapToLong(FileStatus::length).sum();
        long size = Math.min(MAX_SPLIT, Math.max(MIN_SPLIT, total / Math.max(1, 4L * minSplits)));
        List<FileInputSplit> splits = new ArrayList<>();
        for (FileStatus file : files) {
            if (file.length() == 0) {
                continue;
            }
            if (isCompressed(file.path()) || !splittable()) {
                // a gzip stream cannot be entered in the middle, nor a file whose records may span lines
                splits.add(new FileInputSplit(splits.size(), file.path(), 0, Long.MAX_VALUE));
                continue;
            }
            List<FileSystem.BlockLocation> blocks = fileSystem.blocks(file);
            if (blocks.isEmpty()) {
                for (long start = 0; start < file.length(); start += size) {
                    splits.add(new FileInputSplit(
                            splits.size(), file.path(), start, Math.min(size, file.length() - start)));
                }
                continue;
            }
            // a distributed file: splits end at block boundaries, so each reads (mostly) one host's data
            for (FileSystem.BlockLocation block : blocks) {
                long end = Math.min(block.offset() + block.length(), file.length());
                for (long start = block.offset(); start < end; start += size) {
                    splits.add(new FileInputSplit(
                            splits.size(), file.path(), start, Math.min(size, end - start), block.hosts()));
                }
            }
        }
        return splits.toArray(new FileInputSplit[0]);
    }

    /** The bytes read from the start of the first file to estimate the width of a line. */
    private static final int SAMPLE_BYTES = 64 * 1024;

    /**
     * The input's size from the file system, and the records in it estimated from the lines of up to
     * the first 64 KiB (decompressed) of the first non-empty file: their average length, and the average width of
     * the records made of them ({@link #sampledWidth}).
     */
    @Override
    public SourceStatistics statistics() throws IOException {
        URI uri = FileSystem.toUri(path);
        FileSystem fileSystem = FileSystem.get(uri);
        List<FileStatus> files = fileSystem.inputFiles(uri);
        long total = files.stream().mapToLong(FileStatus::length).sum();
        FileStatus first =
                files.stream().filter(file -> file.length() > 0).findFirst().orElse(null);
        if (first == null) {
            return new SourceStatistics(0, 0, -1);
        }
        long lines = 0;
        long lineBytes = 0;
        double width = 0;
        java.util.Map<String, java.util.Map<String, Integer>> values = new java.util.HashMap<>();
        try (InputStream in = openContent(fileSystem, first.path())) {
            LineReader sample = new LineReader(in, 0);
            String line;
            while (sample.offset() < SAMPLE_BYTES && (line = sample.readLine()) != null) {
                lines++;
                lineBytes = sample.offset();
                width += sampledWidth(line);
                sampleValues(
                        line,
                        (field, value) -> values.computeIfAbsent(field, f -> new java.util.HashMap<>())
                                .merge(value, 1, Integer::sum));
            }
        }
        if (lines == 0) {
            return new SourceStatistics(-1, total, -1);
        }
        // a compressed file's lines are estimated at the usual gzip ratio of text, 4 to 1
        double expansion = isCompressed(first.path()) ? 4 : 1;
        long records = Math.max(1, Math.round(total * expansion / ((double) lineBytes / lines)));
        java.util.Map<String, Long> distinct = new java.util.HashMap<>();
        values.forEach((field, counts) -> {
            long once = counts.values().stream().filter(count -> count == 1).count();
            long twice = counts.values().stream().filter(count -> count == 2).count();
            distinct.put(field, SourceStatistics.estimateDistinct(records, counts.size(), once, twice));
        });
        return new SourceStatistics(records, total, width / lines, distinct);
    }

    /**
     * Reports the values of the top-level fields of the record a sampled line makes, as text, to
     * estimate their distinct counts ({@code "*"} for an atomic record). Reports nothing by default.
     */
    protected void sampleValues(String line, java.util.function.BiConsumer<String, String> fieldValue) {}

    /** The width in bytes of the record made of {@code line} (a sampled line), for estimates. */
    protected double sampledWidth(String line) {
        return line.length() + 1;
    }

    /** Whether {@code file} is gzip-compressed, by its name ({@code .gz}): read decompressed, never split. */
    public static boolean isCompressed(URI file) {
        return file.getPath().endsWith(".gz");
    }

    /** The file's bytes, decompressed when it is {@linkplain #isCompressed compressed}. */
    private static InputStream openContent(FileSystem fileSystem, URI file) throws IOException {
        InputStream in = fileSystem.open(file);
        if (!isCompressed(file)) {
            return in;
        }
        try {
            return new java.util.zip.GZIPInputStream(in, 64 * 1024);
        } catch (IOException e) {
            in.close();
            throw new IOException(file + " is named .gz but is not gzip data: " + e.getMessage(), e);
        }
    }

    @Override
    public void open(FileInputSplit newSplit) throws IOException {
        this.split = newSplit;
        if (isCompressed(newSplit.file())) {
            this.content = openContent(FileSystem.get(newSplit.file()), newSplit.file());
            reader = new LineReader(content, 0);
            advance();
            return;
        }
        this.stream = FileSystem.get(newSplit.file()).open(newSplit.file());
        this.content = stream;
        long from = Math.max(0, newSplit.start() - 1);
        stream.seek(from);
        reader = new LineReader(stream, from);
        if (newSplit.start() > 0) {
            // the line running into this split (or ending just before it) is the previous split's
            reader.skipLine();
        }
        advance();
    }

    private void advance() throws IOException {
        if (reader.offset() >= split.end()) {
            next = null;
            nextLength = -1;
            return;
        }
        if (readsBytes()) {
            nextLength = reader.readLineBytes();
            lineStart = reader.lineStart();
            return;
        }
        next = reader.readLine();
        lineStart = reader.lineStart();
        while (next != null && continues(next)) {
            String more = reader.readLine();
            if (more == null) {
                break; // the record ends with the file, unfinished: the format says what is wrong
            }
            next = next + "\n" + more;
        }
    }

    /** Whether a file may be divided into splits at arbitrary offsets (each record on one line). */
    protected boolean splittable() {
        return true;
    }

    /** Whether {@code record}, read so far, runs on over the next line. Records are single lines by default. */
    protected boolean continues(String record) {
        return false;
    }

    @Override
    public boolean reachedEnd() {
        return readsBytes() ? nextLength < 0 : next == null;
    }

    @Override
    public T nextRecord() throws IOException {
        if (readsBytes()) {
            if (nextLength < 0) {
                return null;
            }
            // the line's bytes are the reader's: parsed before the next line is read over them
            T record = readRecord(reader.lineBytes(), reader.lineOffset(), nextLength, lineStart);
            advance();
            return record;
        }
        if (next == null) {
            return null;
        }
        String line = next;
        long start = lineStart;
        advance();
        return readRecord(line, start);
    }

    /**
     * The record of one line, or {@code null} to skip the line.
     *
     * @param lineStart the byte offset of the line in {@link #currentFile()}, for error messages
     */
    protected abstract T readRecord(String line, long lineStart) throws IOException;

    /**
     * Whether records are made from a line's bytes ({@link #readRecord(byte[], int, int, long)}) rather
     * than from it as a {@code String}: for formats that parse bytes themselves. Records are then
     * single lines ({@link #continues} is not asked).
     */
    protected boolean readsBytes() {
        return false;
    }

    /**
     * In {@linkplain #readsBytes byte mode}: the record of the line {@code line[offset .. offset +
     * length)} (UTF-8, without its terminator; the array is the reader's and is overwritten by the next
     * line), or {@code null} to skip it.
     *
     * @param lineStart the byte offset of the line in {@link #currentFile()}, for error messages
     */
    protected T readRecord(byte[] line, int offset, int length, long lineStart) throws IOException {
        return readRecord(new String(line, offset, length, java.nio.charset.StandardCharsets.UTF_8), lineStart);
    }

    /** The file being read. */
    protected URI currentFile() {
        return split.file();
    }

    /**
     * The 1-based number of the line starting at {@code offset} of {@link #currentFile()}, for error
     * messages: counted from the file's start, so only when a line fails.
     */
    protected String lineNumber(long offset) {
        URI file = currentFile();
        try (InputStream in = openContent(FileSystem.get(file), file)) {
            byte[] buffer = new byte[64 * 1024];
            long line = 1;
            long remaining = offset;
            while (remaining > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (read <= 0) {
                    break;
                }
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        line++;
                    }
                }
                remaining -= read;
            }
            return String.valueOf(line);
        } catch (IOException e) {
            return "at byte " + offset;
        }
    }

    @Override
    public void close() throws IOException {
        if (content != null) {
            content.close(); // (closes the file's stream under it)
            content = null;
            stream = null;
        }
        reader = null;
        next = null;
        nextLength = -1;
    }

    @Override
    public String description() {
        return path;
    }
}
