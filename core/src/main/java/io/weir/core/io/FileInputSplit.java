package io.weir.core.io;

import java.net.URI;

/**
 * A byte range of a file: {@code [start, start + length)}. A line-oriented format reads the lines
 * that begin in the range, so a line crossing the end is read by this split and skipped by the next.
 */
public record FileInputSplit(int splitNumber, URI file, long start, long length) implements InputSplit {

    public long end() {
        return start + length;
    }
}
