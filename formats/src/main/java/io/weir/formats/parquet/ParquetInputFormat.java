package io.weir.formats.parquet;

import io.weir.core.fs.FileStatus;
import io.weir.core.fs.FileSystem;
import io.weir.core.io.FilterPushdown;
import io.weir.core.io.InputFormat;
import io.weir.core.io.InputSplit;
import io.weir.core.io.ProjectionPushdown;
import io.weir.core.predicate.Predicate;
import io.weir.core.types.CompositeTypeInfo;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.compat.RowGroupFilter;
import org.apache.parquet.filter2.compat.RowGroupFilter.FilterLevel;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;

/**
 * Reads Parquet files (a file, or the files of a directory) into records: one split per row group,
 * taken by the parallel instances as they finish the previous one. Fields map to columns by name;
 * only the columns the type has are read (the rest of the file is skipped), and a field without a
 * column, or with a column of another kind, fails naming the file and the column.
 */
public final class ParquetInputFormat<T>
        implements InputFormat<T, ParquetInputFormat.RowGroupSplit>, FilterPushdown, ProjectionPushdown {

    private static final long serialVersionUID = 1L;

    /**
     * One row group of one file.
     *
     * @param hosts the hosts holding the file-system block where the row group starts (empty when the
     *     file system does not say)
     */
    public record RowGroupSplit(int splitNumber, URI file, int rowGroup, long rows, List<String> hosts)
            implements InputSplit {

        public RowGroupSplit {
            hosts = List.copyOf(hosts);
        }

        @Override
        public List<String> hostnames() {
            return hosts;
        }
    }

    private final String path;
    private final CompositeTypeInfo<T> type;
    private final Predicate filter;
    /**
     * Whether the reader tests each row against the filter; not when the optimizer pushed it, since
     * the filter stays in the plan behind the source (the reader then only skips row groups).
     */
    private final boolean testRows;
    /** The top-level fields read ({@code null}: all); the others are null, or zero for primitives. */
    private final Set<String> fields;

    private transient ParquetFileReader reader;
    /** The filter as a compiled row test, when the reader tests rows; else {@code null}. */
    private transient java.util.function.Predicate<Object> rowTest;

    private transient RecordReader<T> records;
    private transient long remaining;
    private transient T next;

    public ParquetInputFormat(String path, CompositeTypeInfo<T> type) {
        this(path, type, null);
    }

    /**
     * A format that reads only the rows {@code filter} accepts ({@code null}: all), skipping the row
     * groups whose statistics or dictionaries rule every row out — they get no split.
     */
    public ParquetInputFormat(String path, CompositeTypeInfo<T> type, Predicate filter) {
        this(path, type, filter, null, true);
    }

    private ParquetInputFormat(
            String path, CompositeTypeInfo<T> type, Predicate filter, Set<String> fields, boolean testRows) {
        this.testRows = testRows;
        this.path = path;
        this.type = type;
        this.filter = filter;
        this.fields = fields == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(fields));
    }

    /**
     * Reads only the columns of {@code fieldNames} (and those a pushed filter needs): the other
     * fields' column chunks are not read at all.
     */
    @Override
    public ParquetInputFormat<T> withFields(Set<String> fieldNames) {
        type.requireFields(fieldNames);
        return new ParquetInputFormat<>(path, type, filter, fieldNames, testRows);
    }

    /** The top-level fields read, or {@code null} for all. */
    public Set<String> fields() {
        return fields;
    }

    /** The fields read: those asked for and those the filter tests. */
    private Set<String> readFields() {
        if (fields == null) {
            return null;
        }
        Set<String> read = new LinkedHashSet<>(fields);
        if (filter != null) {
            filter.columns().forEach(column -> read.add(column.split("\\.")[0]));
        }
        return read;
    }

    /** Reads also only the rows {@code predicate} accepts: the row groups it rules out get no split. */
    @Override
    public ParquetInputFormat<T> withFilter(Predicate predicate) {
        // the rows of the pushed predicate are tested by the filter the plan keeps: only a filter given
        // to the format itself is tested here
        return new ParquetInputFormat<>(
                path, type, filter == null ? predicate : filter.and(predicate), fields, filter != null && testRows);
    }

    /** The filter pushed into the reader, or {@code null}. */
    public Predicate filter() {
        return filter;
    }

    /** The rows and their uncompressed bytes, from the files' footers (all row groups, before any filter). */
    @Override
    public io.weir.core.io.SourceStatistics statistics() throws IOException {
        URI uri = FileSystem.toUri(path);
        long rows = 0;
        long bytes = 0;
        for (FileStatus file : FileSystem.get(uri).inputFiles(uri)) {
            if (file.length() == 0 || FileSystem.name(file.path()).startsWith("_")) {
                continue;
            }
            try (ParquetFileReader footer = ParquetFileReader.open(new WeirInputFile(file.path()))) {
                for (var block : footer.getFooter().getBlocks()) {
                    rows += block.getRowCount();
                    bytes += block.getTotalByteSize();
                }
            }
        }
        return new io.weir.core.io.SourceStatistics(rows, bytes, rows == 0 ? -1 : (double) bytes / rows);
    }

    /**
     * One split per row group the filter (if any) may match, decided here, once per file, from the
     * footer's statistics and the dictionaries: a split names its row group by its index in the
     * file, so opening it reads the footer once and checks nothing again.
     */
    @Override
    public RowGroupSplit[] createInputSplits(int minSplits) throws IOException {
        URI uri = FileSystem.toUri(path);
        List<RowGroupSplit> splits = new ArrayList<>();
        FileSystem fileSystem = FileSystem.get(uri);
        for (FileStatus file : fileSystem.inputFiles(uri)) {
            if (file.length() == 0 || FileSystem.name(file.path()).startsWith("_")) {
                continue;
            }
            List<FileSystem.BlockLocation> blocks = fileSystem.blocks(file);
            try (ParquetFileReader footer = ParquetFileReader.open(new WeirInputFile(file.path()))) {
                MessageType schema = footer.getFileMetaData().getSchema();
                // check the schema once, before the job runs, so a wrong type fails early
                ParquetMapping.project(type, schema, file.path().toString());
                List<BlockMetaData> groups = footer.getRowGroups();
                Set<BlockMetaData> kept = Collections.newSetFromMap(new IdentityHashMap<>());
                kept.addAll(
                        filter == null
                                ? groups
                                : RowGroupFilter.filterRowGroups(
                                        List.of(FilterLevel.STATISTICS, FilterLevel.DICTIONARY),
                                        FilterCompat.get(ParquetFilters.toParquet(
                                                filter, schema, file.path().toString())),
                                        groups,
                                        footer));
                for (int group = 0; group < groups.size(); group++) {
                    if (kept.contains(groups.get(group))) {
                        BlockMetaData rowGroup = groups.get(group);
                        splits.add(new RowGroupSplit(
                                splits.size(),
                                file.path(),
                                group,
                                rowGroup.getRowCount(),
                                hostsAt(blocks, rowGroup.getStartingPos())));
                    }
                }
            } catch (RuntimeException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        return splits.toArray(new RowGroupSplit[0]);
    }

    /** The hosts of the block holding byte {@code position}. */
    private static List<String> hostsAt(List<FileSystem.BlockLocation> blocks, long position) {
        for (FileSystem.BlockLocation block : blocks) {
            if (position >= block.offset() && position < block.offset() + block.length()) {
                return block.hosts();
            }
        }
        return List.of();
    }

    @Override
    public void open(RowGroupSplit split) throws IOException {
        // the split's row group was kept when the splits were made: read it, all of it
        reader = ParquetFileReader.open(new WeirInputFile(split.file()));
        if (filter != null && testRows && rowTest == null) {
            rowTest = filter.compile(type);
        }
        MessageType fileSchema = reader.getFileMetaData().getSchema();
        MessageType requested =
                ParquetMapping.project(type, fileSchema, split.file().toString(), readFields());
        reader.setRequestedSchema(requested);
        PageReadStore pages = reader.readRowGroup(split.rowGroup());
        remaining = pages.getRowCount();
        records = new ColumnIOFactory()
                .getColumnIO(requested, fileSchema)
                .getRecordReader(pages, new Materializer<>(type, requested));
        fetch();
    }

    /** Reads ahead to the next row the filter accepts (evaluated on the built record), or to the end. */
    private void fetch() {
        next = null;
        while (next == null && remaining > 0) {
            remaining--;
            T record = records.read();
            if (rowTest == null || rowTest.test(record)) {
                next = record;
            }
        }
    }

    @Override
    public boolean reachedEnd() {
        return next == null;
    }

    @Override
    public T nextRecord() {
        T record = next;
        if (record != null) {
            fetch();
        }
        return record;
    }

    @Override
    public void close() throws IOException {
        records = null;
        if (reader != null) {
            ParquetFileReader closing = reader;
            reader = null;
            closing.close();
        }
    }

    @Override
    public String description() {
        return "Parquet " + path + " as " + type.typeClass().getSimpleName()
                + (filter == null ? "" : " where " + filter)
                + (fields == null ? "" : " reading " + fields);
    }

    private static final class Materializer<T> extends RecordMaterializer<T> {
        private final GroupConverter root;
        private T current;

        @SuppressWarnings("unchecked")
        Materializer(CompositeTypeInfo<T> type, MessageType schema) {
            root = new ParquetMapping.CompositeConverter(type, schema, value -> current = (T) value);
        }

        @Override
        public T getCurrentRecord() {
            return current;
        }

        @Override
        public GroupConverter getRootConverter() {
            return root;
        }
    }

    /** A file of Weir's file systems as Parquet's input file. */
    static final class WeirInputFile implements InputFile {
        private final URI file;

        WeirInputFile(URI file) {
            this.file = file;
        }

        @Override
        public long getLength() throws IOException {
            FileStatus status = FileSystem.get(file).status(file);
            if (status == null) {
                throw new IOException("the Parquet file " + file + " does not exist");
            }
            return status.length();
        }

        @Override
        public SeekableInputStream newStream() throws IOException {
            io.weir.core.fs.SeekableInputStream in = FileSystem.get(file).open(file);
            return new DelegatingSeekableInputStream(in) {
                @Override
                public long getPos() throws IOException {
                    return in.position();
                }

                @Override
                public void seek(long position) throws IOException {
                    in.seek(position);
                }
            };
        }

        @Override
        public String toString() {
            return file.toString();
        }
    }
}
