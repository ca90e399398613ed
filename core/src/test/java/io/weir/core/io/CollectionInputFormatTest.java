package io.weir.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.serialization.SerializerConfig;
import io.weir.core.testing.SerializerContract;
import io.weir.core.types.Types;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class CollectionInputFormatTest {

    @Property(tries = 200)
    void everyRecordIsReadExactlyOnceInOrderWhateverTheNumberOfSplits(
            @ForAll @Size(max = 50) List<String> records, @ForAll @IntRange(min = 1, max = 12) int splits)
            throws IOException {
        List<String> nonNull = records.stream().map(r -> r == null ? "" : r).toList();
        CollectionInputFormat<String> format = SerializerContract.javaRoundTrip(
                new CollectionInputFormat<>(nonNull, Types.STRING.createSerializer(SerializerConfig.DEFAULT)));

        CollectionInputFormat.Slice[] slices = format.createInputSplits(splits);
        assertThat(slices.length).isBetween(1, Math.max(1, splits));
        List<String> read = new ArrayList<>();
        for (CollectionInputFormat.Slice slice : slices) {
            format.open(slice);
            while (!format.reachedEnd()) {
                read.add(format.nextRecord());
            }
            assertThat(format.nextRecord()).isNull();
            format.close();
        }
        assertThat(read).containsExactlyElementsOf(nonNull);
        assertThat(Arrays.stream(slices).mapToInt(CollectionInputFormat.Slice::splitNumber))
                .doesNotHaveDuplicates();
    }

    @Property(tries = 1)
    void aNullRecordIsRejectedWithItsPosition() {
        assertThatThrownBy(() -> new CollectionInputFormat<>(
                        Arrays.asList("a", null), Types.STRING.createSerializer(SerializerConfig.DEFAULT)))
                .hasMessageContaining("null at position 1");
    }
}
