package io.weir.core.accumulators;

import java.util.ArrayList;

/**
 * Records as serialized bytes, gathered from all instances: how {@code collect()} brings a data set
 * back to the program. It lives on the heap, so it is for results that fit there.
 */
public final class SerializedListAccumulator implements Accumulator<byte[], ArrayList<byte[]>> {

    private final ArrayList<byte[]> chunks = new ArrayList<>();

    @Override
    public void add(byte[] chunk) {
        chunks.add(chunk);
    }

    @Override
    public ArrayList<byte[]> getLocalValue() {
        return chunks;
    }

    @Override
    public void resetLocal() {
        chunks.clear();
    }

    @Override
    public void merge(Accumulator<byte[], ArrayList<byte[]>> other) {
        chunks.addAll(other.getLocalValue());
    }

    @Override
    public SerializedListAccumulator clone() {
        SerializedListAccumulator copy = new SerializedListAccumulator();
        copy.chunks.addAll(chunks);
        return copy;
    }
}
