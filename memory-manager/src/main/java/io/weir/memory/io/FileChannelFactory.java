package io.weir.memory.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens the file channels of spill files. The default opens real files; tests substitute channels
 * that fail (a full disk, a broken device) to check that every operator cleans up and names itself.
 */
@FunctionalInterface
public interface FileChannelFactory {

    /** Real files: created and truncated for writing, opened for reading. */
    FileChannelFactory DEFAULT = (path, write) -> write
            ? FileChannel.open(
                    path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)
            : FileChannel.open(path, StandardOpenOption.READ);

    FileChannel open(Path path, boolean write) throws IOException;
}
