package io.weir.core.io;

import java.io.Serializable;
import java.util.List;

/** A part of a source's input that one parallel instance reads: a file block, a row group, a slice. */
public interface InputSplit extends Serializable {

    /** The split's number, unique within the source. */
    int splitNumber();

    /** The hosts that hold the split's data locally, for scheduling; empty when it does not matter. */
    default List<String> hostnames() {
        return List.of();
    }
}
