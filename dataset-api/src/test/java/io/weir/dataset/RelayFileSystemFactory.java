package io.weir.dataset;

import io.weir.core.fs.FileStatus;
import io.weir.core.fs.FileSystem;
import io.weir.core.fs.FileSystemFactory;
import io.weir.core.fs.SeekableInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;

/**
 * A test file system of scheme {@code relay}: {@code relay:///x} is the local file {@code /x}, read
 * through the file-system SPI as a remote one would be.
 */
public final class RelayFileSystemFactory implements FileSystemFactory {

    @Override
    public String scheme() {
        return "relay";
    }

    @Override
    public FileSystem create(URI uri) {
        return new FileSystem() {
            private FileSystem local() throws IOException {
                return FileSystem.get(URI.create("file:///"));
            }

            private URI local(URI relay) {
                return URI.create("file://" + relay.getPath());
            }

            @Override
            public FileStatus status(URI path) throws IOException {
                return local().status(local(path));
            }

            @Override
            public List<FileStatus> list(URI directory) throws IOException {
                return local().list(local(directory));
            }

            @Override
            public SeekableInputStream open(URI file) throws IOException {
                return local().open(local(file));
            }

            @Override
            public OutputStream create(URI file, boolean overwrite) throws IOException {
                return local().create(local(file), overwrite);
            }

            @Override
            public void mkdirs(URI directory) throws IOException {
                local().mkdirs(local(directory));
            }

            @Override
            public void rename(URI from, URI to) throws IOException {
                local().rename(local(from), local(to));
            }

            @Override
            public void delete(URI path) throws IOException {
                local().delete(local(path));
            }
        };
    }
}
