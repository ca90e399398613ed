package io.weir.core.fs;

/**
 * Makes the file system of a URI scheme; registered in {@code
 * META-INF/services/io.weir.core.fs.FileSystemFactory} by the module that brings it (the Hadoop
 * bridge in {@code formats} for hdfs://).
 */
public interface FileSystemFactory {

    /** The URI scheme, such as "hdfs". */
    String scheme();

    FileSystem create(java.net.URI uri) throws java.io.IOException;
}
