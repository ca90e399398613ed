package io.weir.formats.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A real {@code MiniDFSCluster} for tests: one DataNode, everything bound to 127.0.0.1, 1 MiB
 * blocks (so that small files span several). Start one per test class; it takes seconds.
 */
public final class MiniHdfs {

    private MiniHdfs() {}

    /** Starts a cluster keeping its data under {@code base} and waits until it is up. */
    public static MiniDFSCluster start(Path base) throws IOException {
        Configuration configuration = new Configuration();
        configuration.set(
                MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.resolve("dfs").toString());
        configuration.set("dfs.namenode.rpc-address", "127.0.0.1:0");
        configuration.set("dfs.namenode.http-address", "127.0.0.1:0");
        for (String host : List.of("rpc", "servicerpc", "http", "https")) {
            configuration.set("dfs.namenode." + host + "-bind-host", "127.0.0.1");
        }
        configuration.set("dfs.datanode.address", "127.0.0.1:0");
        configuration.set("dfs.datanode.http.address", "127.0.0.1:0");
        configuration.set("dfs.datanode.ipc.address", "127.0.0.1:0");
        configuration.setLong("dfs.blocksize", 1L << 20);
        MiniDFSCluster cluster =
                new MiniDFSCluster.Builder(configuration).numDataNodes(1).build();
        cluster.waitActive();
        return cluster;
    }
}
