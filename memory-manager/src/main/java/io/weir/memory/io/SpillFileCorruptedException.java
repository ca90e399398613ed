package io.weir.memory.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A spill file that does not read back as it was written: truncated, overwritten, or with a block
 * whose checksum does not match. The message names the file, the block and the byte offset.
 */
public final class SpillFileCorruptedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public SpillFileCorruptedException(Path file, String problem) {
        super("spill file " + file + " is corrupted or truncated: " + problem
                + ". It was written by this process moments ago; check the disk under the temp directory"
                + " (io.tmp.dirs) for errors or for another process deleting files there.");
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
