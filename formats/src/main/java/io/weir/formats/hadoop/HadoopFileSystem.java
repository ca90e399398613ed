package io.weir.formats.hadoop;

import io.weir.core.fs.FileStatus;
import io.weir.core.fs.FileSystem;
import io.weir.core.fs.SeekableInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;

/**
 * Weir's file-system SPI over a Hadoop {@code FileSystem}: {@code hdfs://} and whatever other
 * scheme the Hadoop client is configured for. The Hadoop configuration comes from the class path
 * ({@code core-site.xml}, {@code hdfs-site.xml}), then from the directory named by the {@code
 * weir.hadoop.conf.dir} system property or the {@code HADOOP_CONF_DIR} environment variable.
 */
public final class HadoopFileSystem extends FileSystem {

    private final org.apache.hadoop.fs.FileSystem hadoop;

    public HadoopFileSystem(org.apache.hadoop.fs.FileSystem hadoop) {
        this.hadoop = hadoop;
    }

    /** The Hadoop configuration Weir uses (see the class comment). */
    public static Configuration configuration() {
        Configuration configuration = new Configuration();
        String directory = System.getProperty("weir.hadoop.conf.dir", System.getenv("HADOOP_CONF_DIR"));
        if (directory != null) {
            for (String name : List.of("core-site.xml", "hdfs-site.xml")) {
                Path file = Path.of(directory, name);
                if (Files.isRegularFile(file)) {
                    configuration.addResource(new org.apache.hadoop.fs.Path(file.toUri()));
                }
            }
        }
        return configuration;
    }

    private static org.apache.hadoop.fs.Path path(URI uri) {
        return new org.apache.hadoop.fs.Path(uri);
    }

    private FileStatus status(org.apache.hadoop.fs.FileStatus status) {
        return new FileStatus(
                status.getPath().toUri(), status.isDirectory() ? 0 : status.getLen(), status.isDirectory());
    }

    @Override
    public FileStatus status(URI path) throws IOException {
        try {
            return status(hadoop.getFileStatus(path(path)));
        } catch (FileNotFoundException e) {
            return null;
        }
    }

    @Override
    public List<FileStatus> list(URI directory) throws IOException {
        List<FileStatus> result = new ArrayList<>();
        for (org.apache.hadoop.fs.FileStatus status : hadoop.listStatus(path(directory))) {
            result.add(status(status));
        }
        result.sort((a, b) -> a.path().toString().compareTo(b.path().toString()));
        return result;
    }

    @Override
    public SeekableInputStream open(URI file) throws IOException {
        FSDataInputStream in = hadoop.open(path(file));
        return new SeekableInputStream() {
            @Override
            public void seek(long position) throws IOException {
                in.seek(position);
            }

            @Override
            public long position() throws IOException {
                return in.getPos();
            }

            @Override
            public int read() throws IOException {
                return in.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return in.read(buffer, offset, length);
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    @Override
    public OutputStream create(URI file, boolean overwrite) throws IOException {
        return hadoop.create(path(file), overwrite);
    }

    @Override
    public void mkdirs(URI directory) throws IOException {
        if (!hadoop.mkdirs(path(directory))) {
            throw new IOException("cannot create the directory " + directory);
        }
    }

    @Override
    public void rename(URI from, URI to) throws IOException {
        if (!hadoop.rename(path(from), path(to))) {
            throw new IOException(
                    "cannot rename " + from + " to " + to + (hadoop.exists(path(to)) ? ": the target exists" : ""));
        }
    }

    @Override
    public List<BlockLocation> blocks(FileStatus file) throws IOException {
        org.apache.hadoop.fs.FileStatus status = hadoop.getFileStatus(path(file.path()));
        List<BlockLocation> blocks = new ArrayList<>();
        for (org.apache.hadoop.fs.BlockLocation block : hadoop.getFileBlockLocations(status, 0, status.getLen())) {
            blocks.add(new BlockLocation(block.getOffset(), block.getLength(), List.of(block.getHosts())));
        }
        return blocks;
    }

    @Override
    public void delete(URI path) throws IOException {
        hadoop.delete(path(path), true);
    }
}
