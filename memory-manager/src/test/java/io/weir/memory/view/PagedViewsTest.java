package io.weir.memory.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.memory.MemorySegment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Every view must produce exactly the bytes of {@link DataOutputStream} (the {@code DataOutput}
 * contract) and read them back like {@link DataInputStream}, wherever page boundaries fall.
 */
class PagedViewsTest {

    /** One write operation and its matching read, applied to any DataOutput/DataInput. */
    record Op(int kind, long value, String text, byte[] bytes) {

        void write(DataOutput out) throws IOException {
            switch (kind) {
                case 0 -> out.writeByte((int) value);
                case 1 -> out.writeShort((int) value);
                case 2 -> out.writeInt((int) value);
                case 3 -> out.writeLong(value);
                case 4 -> out.writeDouble(Double.longBitsToDouble(value));
                case 5 -> out.writeFloat(Float.intBitsToFloat((int) value));
                case 6 -> out.writeBoolean((value & 1) == 1);
                case 7 -> out.writeChar((int) value);
                case 8 -> out.writeUTF(text);
                case 9 -> out.write(bytes);
                case 10 -> out.writeChars(text);
                case 11 -> out.writeBytes(text);
                default -> throw new IllegalStateException();
            }
        }

        void readAndCheck(DataInput in) throws IOException {
            switch (kind) {
                case 0 -> assertThat(in.readByte()).isEqualTo((byte) value);
                case 1 -> assertThat(in.readShort()).isEqualTo((short) value);
                case 2 -> assertThat(in.readInt()).isEqualTo((int) value);
                case 3 -> assertThat(in.readLong()).isEqualTo(value);
                case 4 ->
                    assertThat(Double.doubleToLongBits(in.readDouble()))
                            .isEqualTo(Double.doubleToLongBits(Double.longBitsToDouble(value)));
                case 5 ->
                    assertThat(Float.floatToIntBits(in.readFloat()))
                            .isEqualTo(Float.floatToIntBits(Float.intBitsToFloat((int) value)));
                case 6 -> assertThat(in.readBoolean()).isEqualTo((value & 1) == 1);
                case 7 -> assertThat(in.readChar()).isEqualTo((char) value);
                case 8 -> assertThat(in.readUTF()).isEqualTo(text);
                case 9 -> {
                    byte[] read = new byte[bytes.length];
                    in.readFully(read);
                    assertThat(read).isEqualTo(bytes);
                }
                case 10 -> {
                    for (int i = 0; i < text.length(); i++) {
                        assertThat(in.readChar()).isEqualTo(text.charAt(i));
                    }
                }
                case 11 -> {
                    for (int i = 0; i < text.length(); i++) {
                        assertThat(in.readByte()).isEqualTo((byte) text.charAt(i));
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = net.jqwik.api.Combinators.combine(
                        Arbitraries.integers().between(0, 11),
                        Arbitraries.longs(),
                        Arbitraries.strings().ofMaxLength(20),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(70))
                .as(Op::new);
        return op.list().ofMaxSize(60);
    }

    @Property
    void randomAccessViewsWriteDataOutputBytesAcrossPageBoundaries(
            @ForAll("ops") List<Op> ops, @ForAll("pageSizes") int pageSize) throws IOException {
        byte[] expected = oracleBytes(ops);

        List<MemorySegment> pages = new ArrayList<>();
        pages.add(MemorySegment.allocateUnpooled(pageSize));
        RandomAccessOutputView out = new RandomAccessOutputView(pages, () -> MemorySegment.allocateUnpooled(pageSize));
        for (Op op : ops) {
            op.write(out);
        }
        assertThat(out.position()).isEqualTo(expected.length);

        RandomAccessInputView in = new RandomAccessInputView(pages, out.position());
        byte[] actual = new byte[expected.length];
        in.readFully(actual);
        assertThat(actual).isEqualTo(expected);

        in.seek(0);
        for (Op op : ops) {
            op.readAndCheck(in);
        }
        assertThatThrownBy(in::readByte).isInstanceOf(EOFException.class);
    }

    @Provide
    Arbitrary<Integer> pageSizes() {
        return Arbitraries.of(8, 16, 64, 4096);
    }

    @Property
    void bulkArraysAreTheLittleEndianBytesOfTheirElementsWrittenOneByOneWherePagesEnd(
            @ForAll @Size(max = 60) List<Long> values,
            @ForAll @IntRange(min = 0, max = 7) int lead,
            @ForAll("pageSizes") int pageSize)
            throws IOException {
        int[] ints = values.stream().mapToInt(Long::intValue).toArray();
        long[] longs = values.stream().mapToLong(Long::longValue).toArray();
        double[] doubles = values.stream().mapToDouble(Double::longBitsToDouble).toArray();
        // the oracle: every element through DataOutputStream, after `lead` bytes that shift the page ends
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream oracle = new DataOutputStream(expected);
        oracle.write(new byte[lead]);
        // (little-endian: DataOutputStream's big-endian writes of the reversed bytes)
        for (int value : ints) {
            oracle.writeInt(Integer.reverseBytes(value));
        }
        for (long value : longs) {
            oracle.writeLong(Long.reverseBytes(value));
        }
        for (double value : doubles) {
            oracle.writeLong(Long.reverseBytes(Double.doubleToRawLongBits(value)));
        }
        List<MemorySegment> pages = new ArrayList<>();
        pages.add(MemorySegment.allocateUnpooled(pageSize));
        RandomAccessOutputView out = new RandomAccessOutputView(pages, () -> MemorySegment.allocateUnpooled(pageSize));
        out.write(new byte[lead]);
        out.writeInts(ints, 0, ints.length);
        out.writeLongs(longs, 0, longs.length);
        out.writeDoubles(doubles, 0, doubles.length);
        RandomAccessInputView in = new RandomAccessInputView(pages, out.position());
        byte[] written = new byte[(int) out.position()];
        in.readFully(written);
        assertThat(written).isEqualTo(expected.toByteArray());

        in.seek(lead);
        assertReadsBack(in, 1, ints, longs, doubles);

        // the byte-array views' bulk copies give the same bytes and read them back
        ByteArrayOutputView array = new ByteArrayOutputView(1);
        array.write(new byte[lead]);
        array.writeInts(ints, 0, ints.length);
        array.writeLongs(longs, 0, longs.length);
        array.writeDoubles(doubles, 0, doubles.length);
        assertThat(array.toByteArray()).isEqualTo(expected.toByteArray());
        ByteArrayInputView arrayIn = new ByteArrayInputView(array.toByteArray(), lead, array.length() - lead);
        assertReadsBack(arrayIn, 2, ints, longs, doubles);
        assertThat(arrayIn.available()).isZero();
        assertThatThrownBy(() -> arrayIn.readLongs(new long[1], 0, 1)).isInstanceOf(EOFException.class);
    }

    /** Reads the arrays back in bulk (the ints into an array at {@code intsAt}) and compares them. */
    private static void assertReadsBack(DataInputView in, int intsAt, int[] ints, long[] longs, double[] doubles)
            throws IOException {
        int[] readInts = new int[ints.length + intsAt + 1];
        in.readInts(readInts, intsAt, ints.length);
        long[] readLongs = new long[longs.length];
        in.readLongs(readLongs, 0, longs.length);
        double[] readDoubles = new double[doubles.length];
        in.readDoubles(readDoubles, 0, doubles.length);
        assertThat(java.util.Arrays.copyOfRange(readInts, intsAt, intsAt + ints.length))
                .isEqualTo(ints);
        assertThat(readLongs).isEqualTo(longs);
        for (int i = 0; i < doubles.length; i++) {
            assertThat(Double.doubleToRawLongBits(readDoubles[i])).isEqualTo(Double.doubleToRawLongBits(doubles[i]));
        }
    }

    @Property
    void byteArrayViewsWriteAndReadDataOutputBytes(@ForAll("ops") List<Op> ops) throws IOException {
        byte[] expected = oracleBytes(ops);
        ByteArrayOutputView out = new ByteArrayOutputView(1);
        for (Op op : ops) {
            op.write(out);
        }
        assertThat(out.toByteArray()).isEqualTo(expected);

        ByteArrayInputView in = new ByteArrayInputView(out.toByteArray());
        for (Op op : ops) {
            op.readAndCheck(in);
        }
        assertThat(in.available()).isZero();
        assertThatThrownBy(in::readInt).isInstanceOf(EOFException.class);
    }

    @Property
    void variableLengthIntegersRoundTrip(@ForAll int i, @ForAll long l) throws IOException {
        ByteArrayOutputView out = new ByteArrayOutputView();
        out.writeVarInt(i);
        out.writeVarLong(l);
        ByteArrayInputView in = new ByteArrayInputView(out.toByteArray());
        assertThat(in.readVarInt()).isEqualTo(i);
        assertThat(in.readVarLong()).isEqualTo(l);
        ByteArrayOutputView small = new ByteArrayOutputView();
        small.writeVarInt(i & 0x7F);
        assertThat(small.length()).as("values below 128 take one byte").isEqualTo(1);
    }

    @Property
    void copyingBetweenViewsMovesRawBytes(
            @ForAll @Size(max = 300) byte[] data, @ForAll @IntRange(min = 0, max = 3) int pageChoice)
            throws IOException {
        int pageSize = new int[] {8, 16, 32, 64}[pageChoice];
        ByteArrayInputView source = new ByteArrayInputView(data);
        List<MemorySegment> pages = new ArrayList<>();
        pages.add(MemorySegment.allocateUnpooled(pageSize));
        RandomAccessOutputView paged =
                new RandomAccessOutputView(pages, () -> MemorySegment.allocateUnpooled(pageSize));
        paged.write(source, data.length);

        RandomAccessInputView pagedIn = new RandomAccessInputView(pages, paged.position());
        ByteArrayOutputView copy = new ByteArrayOutputView();
        copy.write(pagedIn, data.length);
        assertThat(copy.toByteArray()).isEqualTo(data);
    }

    @Test
    void releaseLetsAGrownBufferGoAndKeepsASmallOne() {
        ByteArrayOutputView out = new ByteArrayOutputView(16);
        out.write(new byte[100_000]);
        out.release(256);
        assertThat(out.length()).isZero();
        assertThat(out.buffer().length).isLessThanOrEqualTo(256);
        out.writeLong(42);
        assertThat(out.toByteArray()).isEqualTo(new byte[] {0, 0, 0, 0, 0, 0, 0, 42});

        byte[] small = out.buffer();
        out.release(256);
        assertThat(out.buffer()).isSameAs(small);
    }

    @Test
    void aBoundedViewSignalsFullWithEofException() throws IOException {
        List<MemorySegment> pages = new ArrayList<>(List.of(MemorySegment.allocateUnpooled(16)));
        RandomAccessOutputView out = new RandomAccessOutputView(pages, PageSource.NONE);
        out.writeLong(1);
        out.writeLong(2);
        assertThatThrownBy(() -> out.writeByte(3)).isInstanceOf(EOFException.class);
    }

    @Test
    void seekingBackToTheEndOfAFullLastPageContinuesOnANewPage() throws IOException {
        List<MemorySegment> pages = new ArrayList<>(List.of(MemorySegment.allocateUnpooled(16)));
        List<MemorySegment> spare = new ArrayList<>(List.of(MemorySegment.allocateUnpooled(16)));
        RandomAccessOutputView out = new RandomAccessOutputView(pages, () -> spare.isEmpty() ? null : spare.remove(0));
        out.writeLong(1);
        out.writeLong(2); // the first page is exactly full
        long end = out.position();
        out.writeLong(3);
        out.seek(end); // as a buffer does after a record that did not fit
        out.writeLong(4);
        RandomAccessInputView in = new RandomAccessInputView(pages, out.position());
        assertThat(in.readLong()).isEqualTo(1);
        assertThat(in.readLong()).isEqualTo(2);
        assertThat(in.readLong()).isEqualTo(4);
    }

    @Test
    void seekJumpsToRecordPointers() throws IOException {
        List<MemorySegment> pages = new ArrayList<>(List.of(MemorySegment.allocateUnpooled(16)));
        RandomAccessOutputView out = new RandomAccessOutputView(pages, () -> MemorySegment.allocateUnpooled(16));
        List<Long> pointers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pointers.add(out.position());
            out.writeUTF("record " + i);
        }
        RandomAccessInputView in = new RandomAccessInputView(pages, out.position());
        for (int i = 19; i >= 0; i--) {
            in.seek(pointers.get(i));
            assertThat(in.readUTF()).isEqualTo("record " + i);
        }
    }

    @Test
    void readLineStopsAtNewlineAndDropsACarriageReturnBeforeIt() throws IOException {
        ByteArrayInputView in =
                new ByteArrayInputView("one\r\ntwo\nthree".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(in.readLine()).isEqualTo("one");
        assertThat(in.readLine()).isEqualTo("two");
        assertThat(in.readLine()).isEqualTo("three");
        assertThat(in.readLine()).isNull();
    }

    @Test
    void skippingPastTheEndIsAnEofForSkipBytesToReadButNotForSkipBytes() throws IOException {
        List<MemorySegment> pages = new ArrayList<>(List.of(MemorySegment.allocateUnpooled(8)));
        RandomAccessOutputView out = new RandomAccessOutputView(pages, () -> MemorySegment.allocateUnpooled(8));
        out.write(new byte[20]);
        RandomAccessInputView in = new RandomAccessInputView(pages, out.position());
        assertThat(in.skipBytes(15)).isEqualTo(15);
        assertThat(in.skipBytes(15)).isEqualTo(5);
        in.seek(0);
        assertThatThrownBy(() -> in.skipBytesToRead(21)).isInstanceOf(EOFException.class);
    }

    private static byte[] oracleBytes(List<Op> ops) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (Op op : ops) {
            op.write(out);
        }
        out.flush();
        // sanity: the oracle reads its own bytes back
        DataInputStream check = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        for (Op op : ops) {
            op.readAndCheck(check);
        }
        return bytes.toByteArray();
    }
}
