package io.weir.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;
import io.weir.memory.MemorySegment;
import io.weir.memory.view.ByteArrayInputView;
import io.weir.memory.view.ByteArrayOutputView;
import java.io.IOException;
import java.util.Comparator;

/**
 * What every comparator must do, checked on a pair of values against an independent oracle: order
 * them as the oracle does, also when they are serialized; hash equal keys equally; and write
 * normalized keys whose byte order agrees with the order at every prefix length, deciding it fully
 * where the comparator says the prefix is not "prefix only".
 */
public final class ComparatorContract {

    private static final int MAX_CHECKED_PREFIX = 40;

    private ComparatorContract() {}

    public static <T> void checkPair(
            TypeComparator<T> comparator, TypeSerializer<T> serializer, T a, T b, Comparator<? super T> oracle) {
        int expected = Integer.signum(oracle.compare(a, b));
        int actual = Integer.signum(comparator.compare(a, b));
        assertThat(actual).as("compare(%s, %s)", a, b).isEqualTo(expected);
        assertThat(Integer.signum(comparator.compare(b, a)))
                .as("compare(%s, %s)", b, a)
                .isEqualTo(-expected);
        assertThat(comparator.compare(a, a)).as("compare(%s, itself)", a).isZero();

        assertThat(Integer.signum(compareSerialized(comparator, serializer, a, b)))
                .as("compareSerialized(%s, %s)", a, b)
                .isEqualTo(expected);

        if (expected == 0) {
            assertThat(comparator.hash(a))
                    .as("hash of equal keys %s and %s", a, b)
                    .isEqualTo(comparator.hash(b));
        }

        if (comparator.supportsNormalizedKey()) {
            int longest = Math.min(comparator.normalizedKeyLength(), MAX_CHECKED_PREFIX);
            for (int bytes = 1; bytes <= longest; bytes++) {
                int keyOrder = Integer.signum(compareNormalizedKeys(comparator, a, b, bytes));
                if (keyOrder != 0) {
                    assertThat(keyOrder)
                            .as("normalized keys of %d bytes order %s and %s", bytes, a, b)
                            .isEqualTo(expected);
                } else if (!comparator.isNormalizedKeyPrefixOnly(bytes)) {
                    assertThat(expected)
                            .as("equal complete normalized keys of %d bytes for %s and %s", bytes, a, b)
                            .isZero();
                }
            }
        }
    }

    private static <T> int compareSerialized(TypeComparator<T> comparator, TypeSerializer<T> serializer, T a, T b) {
        try {
            ByteArrayOutputView first = new ByteArrayOutputView();
            ByteArrayOutputView second = new ByteArrayOutputView();
            serializer.serialize(a, first);
            first.writeInt(0x5EA1AB1E); // a sentinel after the value: compare must stop exactly before it
            serializer.serialize(b, second);
            second.writeInt(0x5EA1AB1E);
            ByteArrayInputView in1 = new ByteArrayInputView(first.toByteArray());
            ByteArrayInputView in2 = new ByteArrayInputView(second.toByteArray());
            int result = comparator.compareSerialized(in1, in2);
            assertThat(in1.readInt())
                    .as("compareSerialized consumed exactly the first value")
                    .isEqualTo(0x5EA1AB1E);
            assertThat(in2.readInt())
                    .as("compareSerialized consumed exactly the second value")
                    .isEqualTo(0x5EA1AB1E);
            return result;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static <T> int compareNormalizedKeys(TypeComparator<T> comparator, T a, T b, int bytes) {
        MemorySegment left = MemorySegment.allocateUnpooled(bytes + 16);
        MemorySegment right = MemorySegment.allocateUnpooled(bytes + 16);
        // garbage around the key, which must neither be read nor overwritten
        fill(left, (byte) 0x5A);
        fill(right, (byte) 0xA5);
        comparator.putNormalizedKey(a, left, 8, bytes);
        comparator.putNormalizedKey(b, right, 8, bytes);
        for (int i = 0; i < 8; i++) {
            assertThat(left.get(i)).isEqualTo((byte) 0x5A);
            assertThat(left.get(8 + bytes + i))
                    .as("byte after a %d-byte key", bytes)
                    .isEqualTo((byte) 0x5A);
        }
        return left.compare(right, 8, 8, bytes);
    }

    private static void fill(MemorySegment segment, byte value) {
        for (int i = 0; i < segment.size(); i++) {
            segment.put(i, value);
        }
    }
}
