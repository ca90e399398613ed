package io.weir.examples.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.Configuration;
import io.weir.core.config.MemoryOptions;
import io.weir.core.config.MemorySize;
import io.weir.dataset.ExecutionEnvironment;
import io.weir.examples.tpch.TpchData;
import io.weir.formats.parquet.Parquet;
import io.weir.formats.testing.MiniHdfs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ETL example with every path on a real {@code MiniDFSCluster}, beside the same job on local files. */
class TpchEtlOnHdfsTest {

    @TempDir
    static Path base;

    static MiniDFSCluster cluster;
    static FileSystem hdfs;

    @BeforeAll
    static void startCluster() throws IOException {
        cluster = MiniHdfs.start(base);
        hdfs = cluster.getFileSystem();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    private static ExecutionEnvironment environment() {
        Configuration configuration =
                new Configuration().set(MemoryOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("64m"));
        return ExecutionEnvironment.createLocalEnvironment(configuration).setParallelism(2);
    }

    private static List<TpchEtl.SegmentRevenue> result(String output) {
        return Parquet.read(environment(), output, TpchEtl.SegmentRevenue.class).collect();
    }

    @Test
    void theEtlOnHdfsGivesWhatItGivesOnLocalFilesAndWritesOnlyParquetFiles() throws Exception {
        Path tpch = base.resolve("tpch");
        TpchData.generate(tpch, 0.01, TpchData.EXAMPLE_TABLES);
        String remote = hdfs.getUri() + "/etl";
        hdfs.mkdirs(new org.apache.hadoop.fs.Path(remote + "/tpch"));
        for (String table : List.of("customer", "orders", "lineitem")) {
            hdfs.copyFromLocalFile(
                    new org.apache.hadoop.fs.Path(tpch.resolve(table + ".tbl").toString()),
                    new org.apache.hadoop.fs.Path(remote + "/tpch/" + table + ".tbl"));
        }

        TpchEtl.run(environment(), remote + "/tpch", remote + "/_tables", remote + "/revenue", false);
        TpchEtl.run(
                environment(),
                tpch.toString(),
                base.resolve("_tables").toString(),
                base.resolve("revenue").toString(),
                false);

        List<TpchEtl.SegmentRevenue> onHdfs = result(remote + "/revenue");
        assertThat(onHdfs)
                .hasSizeGreaterThan(10)
                .containsExactlyInAnyOrderElementsOf(
                        result(base.resolve("revenue").toString()));
        FileStatus[] files = hdfs.listStatus(new org.apache.hadoop.fs.Path(remote + "/revenue"));
        assertThat(files).isNotEmpty().allSatisfy(file -> {
            String name = file.getPath().getName();
            if (!name.startsWith("_") && !name.startsWith(".")) {
                assertThat(isParquet(file)).as("%s is a Parquet file", name).isTrue();
            }
        });
        // the tables went to HDFS, not to a local directory named after the URI
        assertThat(hdfs.exists(new org.apache.hadoop.fs.Path(remote + "/_tables/lineitem")))
                .isTrue();
    }

    /** Whether the file starts and ends with Parquet's magic bytes. */
    private static boolean isParquet(FileStatus file) throws IOException {
        byte[] head = new byte[4];
        byte[] tail = new byte[4];
        try (org.apache.hadoop.fs.FSDataInputStream in = hdfs.open(file.getPath())) {
            in.readFully(0, head);
            in.readFully(file.getLen() - 4, tail);
        }
        return new String(head, StandardCharsets.US_ASCII).equals("PAR1")
                && new String(tail, StandardCharsets.US_ASCII).equals("PAR1");
    }
}
