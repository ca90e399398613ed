package io.weir.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.serialization.KryoSerializer;
import io.weir.core.serialization.SerializerConfig;
import io.weir.core.serialization.TypeSerializer;
import io.weir.core.types.TypeInfo;
import io.weir.memory.MemorySegment;
import io.weir.memory.view.ByteArrayOutputView;
import io.weir.memory.view.RandomAccessInputView;
import io.weir.memory.view.RandomAccessOutputView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What every serializer must do, checked on a list of values: read back what it wrote through pages
 * small enough that most values straddle a page boundary; copy serialized values byte for byte;
 * deep-copy values; keep its fixed-length promise; and work after a trip through Java serialization,
 * as when it is shipped to another process.
 */
public final class SerializerContract {

    private SerializerContract() {}

    public static <T> void check(TypeInfo<T> type, List<T> values) {
        check(type, values, SerializerConfig.DEFAULT);
    }

    public static <T> void check(TypeInfo<T> type, List<T> values, SerializerConfig config) {
        TypeSerializer<T> serializer = type.createSerializer(config);
        for (int pageSize : new int[] {8, 32, 4096}) {
            roundTripThroughPages(serializer, values, pageSize);
        }
        roundTripThroughPages(javaRoundTrip(serializer), values, 16);
        roundTripThroughPages(serializer.duplicate(), values, 16);
        for (T value : values) {
            T copy = serializer.copy(value);
            assertThat(DeepEquals.deepEquals(copy, value))
                    .as("copy of %s", value)
                    .isTrue();
            // Kryo may hand back immutable JDK singletons (emptyList) as their own copies
            if (!serializer.isImmutable() && !(serializer instanceof KryoSerializer<?>)) {
                assertThat(copy).as("a copy of a mutable value is a new object").isNotSameAs(value);
            }
        }
    }

    private static <T> void roundTripThroughPages(TypeSerializer<T> serializer, List<T> values, int pageSize) {
        try {
            List<MemorySegment> pages = new ArrayList<>(List.of(MemorySegment.allocateUnpooled(pageSize)));
            RandomAccessOutputView out =
                    new RandomAccessOutputView(pages, () -> MemorySegment.allocateUnpooled(pageSize));
            List<Long> starts = new ArrayList<>();
            for (T value : values) {
                starts.add(out.position());
                serializer.serialize(value, out);
                if (serializer.length() >= 0) {
                    assertThat(out.position() - starts.get(starts.size() - 1))
                            .as("fixed length of %s", serializer)
                            .isEqualTo(serializer.length());
                }
            }
            long end = out.position();

            RandomAccessInputView in = new RandomAccessInputView(pages, end);
            for (T value : values) {
                T read = serializer.deserialize(in);
                assertThat(DeepEquals.deepEquals(read, value))
                        .as("%s read back as %s with %s", value, read, serializer)
                        .isTrue();
            }
            assertThat(in.position()).as("every byte written was read").isEqualTo(end);

            // copying serialized values reproduces the bytes exactly
            in.seek(0);
            ByteArrayOutputView copied = new ByteArrayOutputView();
            for (int i = 0; i < values.size(); i++) {
                serializer.copy(in, copied);
            }
            byte[] original = new byte[(int) end];
            in.seek(0);
            in.readFully(original);
            assertThat(copied.toByteArray()).isEqualTo(original);

            // serializing what was read gives the same bytes again
            ByteArrayOutputView again = new ByteArrayOutputView();
            in.seek(0);
            for (int i = 0; i < values.size(); i++) {
                serializer.serialize(serializer.deserialize(in), again);
            }
            assertThat(again.toByteArray()).isEqualTo(original);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The object after a trip through Java serialization, as when a task is shipped. */
    @SuppressWarnings("unchecked")
    public static <S> S javaRoundTrip(S object) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(object);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (S) in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new AssertionError(object + " is not serializable", e);
        }
    }
}
