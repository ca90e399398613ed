package io.weir.memory.io;

import java.nio.file.Path;

/**
 * A spill file made by an {@link IOManager}: its path, and the I/O thread (one per temp
 * directory) that serves it.
 */
public record FileChannelId(Path path, int directoryIndex) {

    @Override
    public String toString() {
        return path.toString();
    }
}
