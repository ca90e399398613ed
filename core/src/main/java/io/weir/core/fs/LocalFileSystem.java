package io.weir.core.fs;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The local file system, through {@code java.nio.file}. */
public final class LocalFileSystem extends FileSystem {

    static final LocalFileSystem INSTANCE = new LocalFileSystem();

    private LocalFileSystem() {}

    private static Path path(URI uri) {
        return uri.getScheme() == null ? Path.of(uri.getPath()) : Path.of(uri);
    }

    @Override
    public FileStatus status(URI uri) throws IOException {
        Path path = path(uri);
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return new FileStatus(
                    path.toUri(), attributes.isDirectory() ? 0 : attributes.size(), attributes.isDirectory());
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public List<FileStatus> list(URI directory) throws IOException {
        List<FileStatus> result = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path(directory))) {
            for (Path entry : entries) {
                FileStatus status = status(entry.toUri());
                if (status != null) {
                    result.add(status);
                }
            }
        }
        return result;
    }

    @Override
    public SeekableInputStream open(URI file) throws IOException {
        FileChannel channel = FileChannel.open(path(file), StandardOpenOption.READ);
        return new SeekableInputStream() {
            private final ByteBuffer one = ByteBuffer.allocate(1);

            @Override
            public int read() throws IOException {
                one.clear();
                int read = channel.read(one);
                return read <= 0 ? -1 : one.get(0) & 0xFF;
            }

            @Override
            public int read(byte[] target, int offset, int length) throws IOException {
                return channel.read(ByteBuffer.wrap(target, offset, length));
            }

            @Override
            public void seek(long position) throws IOException {
                channel.position(position);
            }

            @Override
            public long position() throws IOException {
                return channel.position();
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    @Override
    public OutputStream create(URI file, boolean overwrite) throws IOException {
        Path path = path(file);
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        return overwrite
                ? Files.newOutputStream(path)
                : Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    @Override
    public void mkdirs(URI directory) throws IOException {
        Files.createDirectories(path(directory));
    }

    @Override
    public void rename(URI from, URI to) throws IOException {
        Path target = path(to);
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Files.move(path(from), target, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void delete(URI uri) throws IOException {
        Path path = path(uri);
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path entry : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(entry);
            }
        }
    }
}
