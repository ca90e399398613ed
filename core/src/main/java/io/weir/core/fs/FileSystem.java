package io.weir.core.fs;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Where sources read and sinks write: the local file system for {@code file:} URIs and plain paths,
 * and any other scheme whose {@link FileSystemFactory} is on the class path.
 */
public abstract class FileSystem {

    /** The file system of {@code uri}'s scheme. */
    public static FileSystem get(URI uri) throws IOException {
        String scheme = uri.getScheme();
        if (scheme == null || scheme.equals("file")) {
            return LocalFileSystem.INSTANCE;
        }
        for (FileSystemFactory factory : ServiceLoader.load(FileSystemFactory.class)) {
            if (factory.supports(scheme)) {
                return factory.create(uri);
            }
        }
        throw new IOException(
                "no file system for scheme '" + scheme + "' in " + uri
                        + ": put the module that provides it on the class path (weir-formats for hdfs:// and the other schemes"
                        + " the Hadoop client knows, such as webhdfs:// and viewfs://, or one configured with fs.<scheme>.impl)");
    }

    /** A path as the user wrote it ("data/in.txt", "/tmp/x", "hdfs://nn/x") as an absolute URI. */
    public static URI toUri(String path) {
        try {
            URI uri = new URI(path);
            if (uri.getScheme() != null && uri.getScheme().length() > 1) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // a local path with characters a URI does not allow
        }
        return Path.of(path).toAbsolutePath().normalize().toUri();
    }

    /** The status of a file or directory, or {@code null} if there is nothing at {@code path}. */
    public abstract FileStatus status(URI path) throws IOException;

    /** The entries of a directory. */
    public abstract List<FileStatus> list(URI directory) throws IOException;

    public abstract SeekableInputStream open(URI file) throws IOException;

    /** Creates a file, and its parent directories; fails if it exists and {@code overwrite} is false. */
    public abstract OutputStream create(URI file, boolean overwrite) throws IOException;

    /** Creates a directory and its parents. */
    public abstract void mkdirs(URI directory) throws IOException;

    /** Moves a file or directory; the target must not exist. */
    public abstract void rename(URI from, URI to) throws IOException;

    /** Deletes a file, or a directory with everything in it; nothing happens if it does not exist. */
    public abstract void delete(URI path) throws IOException;

    /**
     * Where the data of a file lies: its blocks in order, each with the hosts that store it — or an
     * empty list when the file system has no such notion (a local disk), and then readers divide
     * files by size.
     */
    public List<BlockLocation> blocks(FileStatus file) throws IOException {
        return List.of();
    }

    /** A block of a file: {@code [offset, offset + length)} and the hosts that hold it. */
    public record BlockLocation(long offset, long length, List<String> hosts) {
        public BlockLocation {
            hosts = List.copyOf(hosts);
        }
    }

    /**
     * The files a source reads at {@code path}: the file itself, or the files of a directory
     * (recursively), leaving out hidden ones (names starting with '.' or '_'), in name order.
     */
    public List<FileStatus> inputFiles(URI path) throws IOException {
        FileStatus status = status(path);
        if (status == null) {
            throw new java.io.FileNotFoundException("input " + path + " does not exist");
        }
        if (!status.directory()) {
            return List.of(status);
        }
        List<FileStatus> files = new java.util.ArrayList<>();
        collect(path, files);
        files.sort(java.util.Comparator.comparing(file -> file.path().toString()));
        return files;
    }

    private void collect(URI directory, List<FileStatus> into) throws IOException {
        for (FileStatus entry : list(directory)) {
            String name = name(entry.path());
            if (name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            if (entry.directory()) {
                collect(entry.path(), into);
            } else {
                into.add(entry);
            }
        }
    }

    /** The last part of a path. */
    public static String name(URI path) {
        String text = path.getPath();
        if (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text.substring(text.lastIndexOf('/') + 1);
    }

    /** The directory a path is in. */
    public static URI parent(URI path) {
        String text = path.toString();
        if (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text.substring(0, text.lastIndexOf('/') + 1));
    }

    /** {@code child} inside {@code directory}. */
    public static URI child(URI directory, String child) {
        String text = directory.toString();
        return URI.create(text.endsWith("/") ? text + child : text + "/" + child);
    }
}
