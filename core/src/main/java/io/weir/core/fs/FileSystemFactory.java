package io.weir.core.fs;

/**
 * Makes the file system of a URI scheme; registered in {@code
 * META-INF/services/io.weir.core.fs.FileSystemFactory} by the module that brings it (the Hadoop
 * bridge in {@code formats} for hdfs://).
 */
public interface FileSystemFactory {

    /** The URI scheme, such as "hdfs". */
    String scheme();

    /**
     * Whether this factory makes file systems for {@code scheme}: by default only for {@link
     * #scheme()}; a bridge to another library's file systems may answer for all it knows.
     */
    default boolean supports(String scheme) {
        return scheme().equals(scheme);
    }

    FileSystem create(java.net.URI uri) throws java.io.IOException;
}
