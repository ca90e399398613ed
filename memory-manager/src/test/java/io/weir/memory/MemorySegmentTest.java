package io.weir.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MemorySegmentTest {

    private static final int SIZE = 256;

    @Property
    void primitivesReadBackInBothByteOrdersAsAHeapBufferEncodesThem(
            @ForAll @IntRange(min = 0, max = SIZE - 8) int index, @ForAll long bits) {
        MemorySegment segment = MemorySegment.allocateUnpooled(SIZE);
        ByteBuffer big = ByteBuffer.allocate(SIZE).order(ByteOrder.BIG_ENDIAN);
        ByteBuffer nat = ByteBuffer.allocate(SIZE).order(ByteOrder.nativeOrder());

        segment.putLongBigEndian(index, bits);
        big.putLong(index, bits);
        assertThat(bytesOf(segment)).isEqualTo(big.array());
        assertThat(segment.getLongBigEndian(index)).isEqualTo(bits);
        assertThat(segment.getIntBigEndian(index)).isEqualTo(big.getInt(index));
        assertThat(segment.getShortBigEndian(index)).isEqualTo(big.getShort(index));
        assertThat(segment.getCharBigEndian(index)).isEqualTo(big.getChar(index));
        assertThat(segment.get(index)).isEqualTo(big.get(index));

        segment.putLong(index, bits);
        nat.putLong(index, bits);
        assertThat(segment.getLong(index)).isEqualTo(bits);
        assertThat(segment.getInt(index)).isEqualTo(nat.getInt(index));
        assertThat(segment.getShort(index)).isEqualTo(nat.getShort(index));
        assertThat(segment.getChar(index)).isEqualTo(nat.getChar(index));

        segment.putIntBigEndian(index, (int) bits);
        assertThat(segment.getIntBigEndian(index)).isEqualTo((int) bits);
        segment.putInt(index, (int) bits);
        assertThat(segment.getInt(index)).isEqualTo((int) bits);
        segment.putShortBigEndian(index, (short) bits);
        assertThat(segment.getShortBigEndian(index)).isEqualTo((short) bits);
        segment.putShort(index, (short) bits);
        assertThat(segment.getShort(index)).isEqualTo((short) bits);
        segment.putCharBigEndian(index, (char) bits);
        assertThat(segment.getCharBigEndian(index)).isEqualTo((char) bits);
        segment.putChar(index, (char) bits);
        assertThat(segment.getChar(index)).isEqualTo((char) bits);
        segment.putBoolean(index, (bits & 1) == 1);
        assertThat(segment.getBoolean(index)).isEqualTo((bits & 1) == 1);
    }

    @Property
    void floatingPointValuesKeepTheirExactBits(
            @ForAll @IntRange(min = 0, max = SIZE - 8) int index, @ForAll double d, @ForAll float f) {
        MemorySegment segment = MemorySegment.allocateUnpooled(SIZE);
        segment.putDouble(index, d);
        assertThat(Double.doubleToRawLongBits(segment.getDouble(index))).isEqualTo(Double.doubleToRawLongBits(d));
        segment.putDoubleBigEndian(index, d);
        assertThat(Double.doubleToRawLongBits(segment.getDoubleBigEndian(index)))
                .isEqualTo(Double.doubleToRawLongBits(d));
        segment.putFloat(index, f);
        assertThat(Float.floatToRawIntBits(segment.getFloat(index))).isEqualTo(Float.floatToRawIntBits(f));
        segment.putFloatBigEndian(index, f);
        assertThat(Float.floatToRawIntBits(segment.getFloatBigEndian(index))).isEqualTo(Float.floatToRawIntBits(f));
    }

    @Property
    void compareOrdersRangesLikeUnsignedLexicographicArrayComparison(@ForAll("rangePairs") byte[][] pair) {
        byte[] a = pair[0];
        byte[] b = pair[1];
        MemorySegment left = MemorySegment.allocateUnpooled(64);
        MemorySegment right = MemorySegment.allocateUnpooled(64);
        left.put(3, a, 0, a.length);
        right.put(17, b, 0, b.length);

        int expected = Integer.signum(Arrays.compareUnsigned(a, b));
        assertThat(Integer.signum(left.compare(right, 3, 17, a.length))).isEqualTo(expected);
        assertThat(left.equalTo(right, 3, 17, a.length)).isEqualTo(expected == 0);
        byte[] padded = new byte[b.length + 5];
        System.arraycopy(b, 0, padded, 5, b.length);
        assertThat(left.equalTo(3, padded, 5, a.length)).isEqualTo(expected == 0);
    }

    @Provide
    Arbitrary<byte[][]> rangePairs() {
        // Equal-length ranges that often share a prefix, so the first difference lands anywhere.
        return Arbitraries.integers().between(0, 40).flatMap(length -> {
            Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofSize(length);
            return Combinators.combine(bytes, bytes, Arbitraries.integers().between(0, Math.max(0, length)))
                    .as((x, y, shared) -> {
                        System.arraycopy(x, 0, y, 0, Math.min(shared, length));
                        return new byte[][] {x, y};
                    });
        });
    }

    @Property
    void swapBytesExchangesTwoRanges(@ForAll @IntRange(min = 0, max = 100) int length, @ForAll long seed) {
        MemorySegment a = MemorySegment.allocateUnpooled(128);
        MemorySegment b = MemorySegment.allocateUnpooled(128);
        byte[] first = randomBytes(length, seed);
        byte[] second = randomBytes(length, seed + 1);
        a.put(5, first, 0, length);
        b.put(20, second, 0, length);

        a.swapBytes(new byte[length], b, 5, 20, length);

        byte[] readA = new byte[length];
        byte[] readB = new byte[length];
        a.get(5, readA, 0, length);
        b.get(20, readB, 0, length);
        assertThat(readA).isEqualTo(second);
        assertThat(readB).isEqualTo(first);
    }

    @Test
    void theAccessPathIsTheOneRequestedOrTheJdksDefault() {
        String requested = System.getProperty("weir.memory.access");
        String expected = requested != null ? requested : Runtime.version().feature() < 24 ? "unsafe" : "buffer";
        assertThat(MemorySegment.accessMode()).isEqualTo(expected);
    }

    @Test
    void copyToHandlesOverlappingRangesInOneSegment() {
        MemorySegment segment = MemorySegment.allocateUnpooled(64);
        for (int i = 0; i < 64; i++) {
            segment.put(i, (byte) i);
        }
        segment.copyTo(0, segment, 8, 32);
        for (int i = 0; i < 32; i++) {
            assertThat(segment.get(8 + i)).isEqualTo((byte) i);
        }
    }

    @Test
    void accessOutsideTheSegmentFailsAndBulkAccessSaysWhereAndHowLarge() {
        MemorySegment segment = MemorySegment.allocateUnpooled(16);
        // single values: the buffer's own bounds check (kept lean for speed, see the class comment)
        assertThatThrownBy(() -> segment.getLong(12)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> segment.putIntBigEndian(13, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> segment.put(-1, (byte) 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> segment.get(10, new byte[8], 0, 8))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("8 bytes at 10")
                .hasMessageContaining("16 bytes");
    }

    @Test
    void aReleasedSegmentFailsClearlyOnEveryKindOfAccess() {
        try (MemoryManager manager = MemoryManager.create(64 * 1024, 4096)) {
            MemorySegment page = manager.allocatePage("test owner");
            manager.release(page);

            assertThat(page.isFreed()).isTrue();
            assertThatThrownBy(() -> page.getLong(0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("freed")
                    .hasMessageContaining("test owner");
            assertThatThrownBy(() -> page.putInt(0, 1)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> page.getDoubleBigEndian(8)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> page.get(4095)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> page.compare(page, 0, 8, 8)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> page.get(0, new byte[4], 0, 4)).isInstanceOf(IllegalStateException.class);
            MemorySegment other = MemorySegment.allocateUnpooled(4096);
            assertThatThrownBy(() -> page.copyTo(0, other, 0, 4)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> other.copyTo(0, page, 0, 4)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> page.wrap(0, 4)).isInstanceOf(IllegalStateException.class);
            assertThat(page.size()).isEqualTo(4096);
        }
    }

    @Test
    void wrapSharesMemoryWithTheSegment() {
        MemorySegment segment = MemorySegment.allocateUnpooled(32);
        ByteBuffer window = segment.wrap(8, 8);
        window.putLong(0, 0x0102030405060708L);
        assertThat(segment.getLongBigEndian(8)).isEqualTo(0x0102030405060708L);
        assertThat(window.capacity()).isEqualTo(8);
    }

    @Test
    void clearZeroesTheRange() {
        MemorySegment segment = MemorySegment.allocateUnpooled(32);
        for (int i = 0; i < 32; i++) {
            segment.put(i, (byte) 0x7F);
        }
        segment.clear(3, 20);
        for (int i = 0; i < 32; i++) {
            assertThat(segment.get(i)).isEqualTo(i >= 3 && i < 23 ? (byte) 0 : (byte) 0x7F);
        }
    }

    private static byte[] bytesOf(MemorySegment segment) {
        byte[] bytes = new byte[segment.size()];
        segment.get(0, bytes, 0, bytes.length);
        return bytes;
    }

    private static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new java.util.Random(seed).nextBytes(bytes);
        return bytes;
    }
}
