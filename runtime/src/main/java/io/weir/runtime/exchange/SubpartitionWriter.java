package io.weir.runtime.exchange;

import java.io.IOException;

/** The producer's end of a channel: full buffers are added in order, then the end is marked. */
public interface SubpartitionWriter {

    /** Hands over a buffer; the channel now owns it. */
    void add(Buffer buffer) throws IOException;

    /** Marks the end of the producer's output to this consumer. */
    void finish() throws IOException;
}
