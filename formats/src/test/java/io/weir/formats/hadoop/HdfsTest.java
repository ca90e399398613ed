package io.weir.formats.hadoop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.io.WriteMode;
import io.weir.core.tuple.Tuple3;
import io.weir.core.types.TypeExtractor;
import io.weir.core.types.Types;
import io.weir.dataset.ExecutionEnvironment;
import io.weir.formats.parquet.Parquet;
import io.weir.formats.parquet.ParquetTest;
import io.weir.formats.testing.MiniHdfs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weir reading and writing {@code hdfs://} paths of a real {@code MiniDFSCluster} (one DataNode, on 127.0.0.1). */
class HdfsTest {

    @TempDir
    static Path base;

    static MiniDFSCluster cluster;
    static FileSystem hdfs;
    static String root;

    @BeforeAll
    static void startCluster() throws IOException {
        cluster = MiniHdfs.start(base);
        hdfs = cluster.getFileSystem();
        root = hdfs.getUri() + "/weir";
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    static ExecutionEnvironment environment(int parallelism) {
        io.weir.core.config.Configuration configuration = new io.weir.core.config.Configuration()
                .set(
                        io.weir.core.config.MemoryOptions.MANAGED_MEMORY_SIZE,
                        io.weir.core.config.MemorySize.parse("32m"));
        return ExecutionEnvironment.createLocalEnvironment(configuration).setParallelism(parallelism);
    }

    static List<String> names(String directory) throws IOException {
        List<String> names = new ArrayList<>();
        for (FileStatus status : hdfs.listStatus(new org.apache.hadoop.fs.Path(directory))) {
            names.add(status.getPath().getName());
        }
        names.sort(null);
        return names;
    }

    @Test
    void textWrittenToHdfsIsReadBackAndOnlyThePartFilesRemain() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            lines.add("line " + i + " of hdfs");
        }
        String output = root + "/text";
        ExecutionEnvironment env = environment(3);
        env.fromCollection(lines, Types.STRING).writeAsText(output, WriteMode.NO_OVERWRITE);
        env.execute("write to hdfs");

        assertThat(names(output)).containsExactly("part-00000", "part-00001", "part-00002");
        assertThat(names(root)).noneMatch(name -> name.contains("staging"));
        assertThat(environment(2).readTextFile(output).collect()).containsExactlyInAnyOrderElementsOf(lines);
    }

    @Test
    void csvRecordsAcrossBlockBoundariesAreReadOnce() throws Exception {
        // ~4 MB over 1 MB blocks: lines run across block and split boundaries
        Random random = new Random(3);
        long expectedSum = 0;
        String file = root + "/numbers.csv";
        try (OutputStream out = hdfs.create(new org.apache.hadoop.fs.Path(file))) {
            for (int i = 0; i < 200_000; i++) {
                long value = random.nextInt(1_000_000);
                expectedSum += value * i;
                out.write((i + "," + value + ",padding-" + "x".repeat(i % 7) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        assertThat(hdfs.getFileBlockLocations(
                        hdfs.getFileStatus(new org.apache.hadoop.fs.Path(file)), 0, Long.MAX_VALUE))
                .hasSizeGreaterThan(3);

        List<Tuple3<Long, Long, String>> rows = environment(3)
                .readCsvFile(file)
                .<Tuple3<Long, Long, String>>types(Long.class, Long.class, String.class)
                .collect();

        assertThat(rows).hasSize(200_000);
        assertThat(rows.stream().mapToLong(row -> row.f0 * row.f1).sum()).isEqualTo(expectedSum);

        // the splits end at block boundaries and name the DataNode that holds them
        long blockSize = hdfs.getFileStatus(new org.apache.hadoop.fs.Path(file)).getBlockSize();
        io.weir.core.io.FileInputSplit[] splits = new io.weir.core.io.TextInputFormat(file).createInputSplits(2);
        assertThat(splits).hasSizeGreaterThan(3).allSatisfy(split -> {
            assertThat(split.start() / blockSize).isEqualTo((split.end() - 1) / blockSize);
            assertThat(split.hostnames()).isNotEmpty();
            // the DataNode runs here: the embedded engine's instances count as holding the block
            assertThat(split.hostnames())
                    .anyMatch(host -> io.weir.runtime.cluster.SplitAssigner.hostKey(host)
                            .equals(io.weir.runtime.cluster.SplitAssigner.THIS_MACHINE));
        });
    }

    @Test
    void parquetOnHdfsRoundTrips() throws Exception {
        List<ParquetTest.Row> rows = ParquetTest.rows(2_000, 5);
        String output = root + "/parquet";
        writeParquet(rows, output, 32 * 1024);

        List<ParquetTest.Row> read =
                Parquet.read(environment(3), output, ParquetTest.Row.class).collect();
        assertThat(ParquetTest.multiset(read)).isEqualTo(ParquetTest.multiset(rows));
        // each row group's split names the DataNode holding the block it starts in
        assertThat(new io.weir.formats.parquet.ParquetInputFormat<>(
                                output, (io.weir.core.types.CompositeTypeInfo<ParquetTest.Row>)
                                        TypeExtractor.of(ParquetTest.Row.class))
                        .createInputSplits(1))
                .hasSizeGreaterThan(2)
                .allSatisfy(split -> assertThat(split.hostnames()).isNotEmpty());
    }

    /** Writes {@code rows} as Parquet to {@code target} (any file system) with parallelism 2. */
    private static void writeParquet(List<ParquetTest.Row> rows, String target, long rowGroupSize) throws Exception {
        ExecutionEnvironment env = environment(2);
        Parquet.writer()
                .rowGroupSize(rowGroupSize)
                .write(
                        env.fromCollection(rows, TypeExtractor.of(ParquetTest.Row.class)),
                        target,
                        WriteMode.NO_OVERWRITE);
        env.execute("write parquet to " + target);
    }

    /** The bytes this JVM has read from HDFS so far (Hadoop's own file-system statistics). */
    private static long hdfsBytesRead() {
        return org.apache.hadoop.fs.FileSystem.getAllStatistics().stream()
                .filter(statistics -> statistics.getScheme().equals("hdfs"))
                .mapToLong(FileSystem.Statistics::getBytesRead)
                .sum();
    }

    @Test
    void parquetOnHdfsIsReadWithPushdownAsOnTheLocalFileSystemAndReadsFewerBytes() throws Exception {
        List<ParquetTest.Row> rows = ParquetTest.rows(20_000, 6); // ids ascending
        String remote = root + "/pushdown";
        String local = base.resolve("pushdown").toString();
        for (String target : List.of(remote, local)) {
            writeParquet(rows, target, 64 * 1024);
        }
        long first = rows.get(0).id();

        long before = hdfsBytesRead();
        List<ParquetTest.Row> all =
                Parquet.read(environment(2), remote, ParquetTest.Row.class).collect();
        long whole = hdfsBytesRead() - before;
        before = hdfsBytesRead();
        List<io.weir.core.tuple.Tuple1<Long>> remoteIds = Parquet.read(environment(2), remote, ParquetTest.Row.class)
                .filter(io.weir.core.predicate.Predicate.col("id").lt(first + 1_000))
                .<io.weir.core.tuple.Tuple1<Long>>project("id")
                .collect();
        long pushed = hdfsBytesRead() - before;
        List<io.weir.core.tuple.Tuple1<Long>> localIds = Parquet.read(environment(2), local, ParquetTest.Row.class)
                .filter(io.weir.core.predicate.Predicate.col("id").lt(first + 1_000))
                .<io.weir.core.tuple.Tuple1<Long>>project("id")
                .collect();

        assertThat(all).hasSize(rows.size());
        assertThat(ParquetTest.multiset(remoteIds))
                .isEqualTo(ParquetTest.multiset(localIds))
                .hasSize(1_000);
        assertThat(pushed)
                .as("skipped row groups and unread columns: %d bytes against %d for everything", pushed, whole)
                .isPositive()
                .isLessThan(whole / 4);
    }

    @Test
    void aFailedJobLeavesNothingAtTheHdfsTarget() throws Exception {
        String output = root + "/failed";
        ExecutionEnvironment env = environment(2);
        env.fromCollection(Arrays.asList(1, 2, 3, 4, 5, 6), Types.INT)
                .map(i -> {
                    if (i == 5) {
                        throw new IllegalStateException("no fives");
                    }
                    return "n" + i;
                })
                .returns(Types.STRING)
                .writeAsText(output, WriteMode.NO_OVERWRITE);

        assertThatThrownBy(() -> env.execute("fails")).hasStackTraceContaining("no fives");
        assertThat(hdfs.exists(new org.apache.hadoop.fs.Path(output))).isFalse();
        assertThat(names(root)).noneMatch(name -> name.contains("failed"));
    }

    @Test
    void aMissingHdfsInputIsNamed() {
        String missing = root + "/does-not-exist.txt";

        assertThatThrownBy(() -> environment(1).readTextFile(missing).collect()).hasStackTraceContaining(missing);
    }

    @Test
    void otherSchemesOfTheHadoopClientWorkTooAndAnUnknownOneIsAClearError() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            lines.add("webhdfs line " + i);
        }
        String output = root + "/for-webhdfs";
        ExecutionEnvironment env = environment(2);
        env.fromCollection(lines, Types.STRING).writeAsText(output, WriteMode.NO_OVERWRITE);
        env.execute("write over hdfs://");
        // the same files through the NameNode's HTTP endpoint: Hadoop's WebHDFS client, not its RPC one
        String web =
                "webhdfs://127.0.0.1:" + cluster.getNameNode().getHttpAddress().getPort() + "/weir/for-webhdfs";

        assertThat(environment(2).readTextFile(web).collect()).containsExactlyInAnyOrderElementsOf(lines);
        String copy =
                "webhdfs://127.0.0.1:" + cluster.getNameNode().getHttpAddress().getPort() + "/weir/copy";
        ExecutionEnvironment writer = environment(2);
        writer.readTextFile(web).writeAsText(copy, WriteMode.NO_OVERWRITE);
        writer.execute("write over webhdfs://");
        assertThat(environment(1).readTextFile(root + "/copy").collect()).containsExactlyInAnyOrderElementsOf(lines);

        assertThatThrownBy(
                        () -> environment(1).readTextFile("nosuchfs://host/x").collect())
                .hasStackTraceContaining("no file system for scheme 'nosuchfs'")
                .hasStackTraceContaining("fs.<scheme>.impl");
    }

    @Test
    void anHdfsPathTheUserMayNotReadIsAnErrorNamingIt() throws Exception {
        String secret = root + "/secret";
        try (OutputStream out = hdfs.create(new org.apache.hadoop.fs.Path(secret + "/data.txt"))) {
            out.write("hidden\n".getBytes(StandardCharsets.UTF_8));
        }
        hdfs.setPermission(
                new org.apache.hadoop.fs.Path(secret), new org.apache.hadoop.fs.permission.FsPermission((short) 0700));
        org.apache.hadoop.security.UserGroupInformation alice =
                org.apache.hadoop.security.UserGroupInformation.createRemoteUser("alice");

        assertThatThrownBy(() -> alice.doAs((java.security.PrivilegedExceptionAction<List<String>>)
                        () -> environment(1).readTextFile(secret).collect()))
                .hasStackTraceContaining(secret)
                .hasStackTraceContaining("Permission denied");
    }
}
