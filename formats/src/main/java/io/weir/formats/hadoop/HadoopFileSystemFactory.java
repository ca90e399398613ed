package io.weir.formats.hadoop;

import io.weir.core.fs.FileSystem;
import io.weir.core.fs.FileSystemFactory;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code hdfs://}, and every other scheme the Hadoop client has a file system for ({@code webhdfs},
 * {@code viewfs}, {@code har}, ..., or one its configuration names with {@code fs.<scheme>.impl}),
 * through the Hadoop client; registered as a service of the file-system SPI.
 */
public final class HadoopFileSystemFactory implements FileSystemFactory {

    /** Per scheme, whether Hadoop has a file system for it (asked once: it reads the configuration). */
    private static final Map<String, Boolean> KNOWN = new ConcurrentHashMap<>();

    @Override
    public String scheme() {
        return "hdfs";
    }

    @Override
    public boolean supports(String scheme) {
        return KNOWN.computeIfAbsent(scheme, HadoopFileSystemFactory::hadoopKnows);
    }

    private static boolean hadoopKnows(String scheme) {
        try {
            org.apache.hadoop.fs.FileSystem.getFileSystemClass(scheme, HadoopFileSystem.configuration());
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public FileSystem create(URI uri) throws IOException {
        return new HadoopFileSystem(org.apache.hadoop.fs.FileSystem.get(uri, HadoopFileSystem.configuration()));
    }
}
