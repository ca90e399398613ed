package io.weir.core.io;

import java.net.URI;
import java.util.List;

/**
 * A byte range of a file: {@code [start, start + length)}. A line-oriented format reads the lines
 * that begin in the range, so a line crossing the end is read by this split and skipped by the next.
 *
 * @param hosts the hosts that hold the range's data (a distributed file system's block), empty
 *     when the file system does not say
 */
public record FileInputSplit(int splitNumber, URI file, long start, long length, List<String> hosts)
        implements InputSplit {

    public FileInputSplit {
        hosts = List.copyOf(hosts);
    }

    /** A range without host information. */
    public FileInputSplit(int splitNumber, URI file, long start, long length) {
        this(splitNumber, file, start, length, List.of());
    }

    @Override
    public List<String> hostnames() {
        return hosts;
    }

    public long end() {
        return start + length;
    }
}
