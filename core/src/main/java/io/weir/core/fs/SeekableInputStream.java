package io.weir.core.fs;

import java.io.IOException;
import java.io.InputStream;

/** An input stream that can jump to any byte of its file, for reading splits. */
public abstract class SeekableInputStream extends InputStream {

    /** Moves to byte {@code position} of the file. */
    public abstract void seek(long position) throws IOException;

    /** The position of the next byte read. */
    public abstract long position() throws IOException;
}
