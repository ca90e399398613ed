package io.weir.formats.hadoop;

import io.weir.core.fs.FileSystem;
import io.weir.core.fs.FileSystemFactory;
import java.io.IOException;
import java.net.URI;

/** {@code hdfs://} through the Hadoop client; registered as a service of the file-system SPI. */
public final class HadoopFileSystemFactory implements FileSystemFactory {

    @Override
    public String scheme() {
        return "hdfs";
    }

    @Override
    public FileSystem create(URI uri) throws IOException {
        return new HadoopFileSystem(org.apache.hadoop.fs.FileSystem.get(uri, HadoopFileSystem.configuration()));
    }
}
