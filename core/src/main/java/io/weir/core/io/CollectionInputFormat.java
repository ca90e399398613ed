package io.weir.core.io;

import io.weir.core.serialization.TypeSerializer;
import io.weir.memory.view.ByteArrayInputView;
import io.weir.memory.view.ByteArrayOutputView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads records from a collection given in the program ({@code env.fromCollection(...)}), split into
 * contiguous slices. The records are serialized with the type's serializer when the format is
 * created, so the format ships with the job whatever the record class, and every instance reads its
 * own copies.
 */
public final class CollectionInputFormat<T> implements InputFormat<T, CollectionInputFormat.Slice> {

    private static final long serialVersionUID = 1L;

    /** The records {@code [from, to)} of the collection. */
    public record Slice(int splitNumber, int from, int to) implements InputSplit {}

    private final TypeSerializer<T> serializer;
    private final byte[] data;
    private final int[] offsets;

    private transient ByteArrayInputView input;
    private transient int next;
    private transient int end;

    public CollectionInputFormat(List<T> records, TypeSerializer<T> serializer) {
        this.serializer = serializer;
        ByteArrayOutputView out = new ByteArrayOutputView();
        this.offsets = new int[records.size() + 1];
        try {
            for (int i = 0; i < records.size(); i++) {
                offsets[i] = out.length();
                T record = records.get(i);
                if (record == null) {
                    throw new IllegalArgumentException(
                            "the collection holds null at position " + i + "; data sets cannot contain null records");
                }
                serializer.serialize(record, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        offsets[records.size()] = out.length();
        this.data = out.toByteArray();
    }

    public int size() {
        return offsets.length - 1;
    }

    /** Exact: the collection's size and serialized bytes. */
    @Override
    public SourceStatistics statistics() {
        return new SourceStatistics(size(), data.length, size() == 0 ? -1 : (double) data.length / size());
    }

    @Override
    public Slice[] createInputSplits(int minSplits) {
        int count = Math.max(1, Math.min(minSplits, size()));
        List<Slice> slices = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            slices.add(new Slice(i, (int) ((long) size() * i / count), (int) ((long) size() * (i + 1) / count)));
        }
        return slices.toArray(new Slice[0]);
    }

    @Override
    public void open(Slice split) {
        input = new ByteArrayInputView(data, offsets[split.from()], offsets[split.to()] - offsets[split.from()]);
        next = split.from();
        end = split.to();
    }

    @Override
    public boolean reachedEnd() {
        return next >= end;
    }

    @Override
    public T nextRecord() throws IOException {
        if (next >= end) {
            return null;
        }
        next++;
        return serializer.deserialize(input);
    }

    @Override
    public void close() {
        input = null;
    }

    @Override
    public String description() {
        return "collection of " + size();
    }
}
