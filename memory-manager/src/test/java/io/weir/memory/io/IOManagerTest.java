package io.weir.memory.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.memory.MemoryManager;
import io.weir.memory.MemorySegment;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IOManagerTest {

    private static final int PAGE = 4096;
    private static final String OWNER = "sorter of 'test' (1/1)";

    @TempDir
    Path temp;

    private MemoryManager memory;
    private IOManager io;

    @BeforeEach
    void setUp() throws IOException {
        memory = MemoryManager.create(64 * PAGE, PAGE);
        io = new IOManager(List.of(
                Files.createDirectories(temp.resolve("disk1")), Files.createDirectories(temp.resolve("disk2"))));
    }

    @AfterEach
    void tearDown() {
        io.close();
        memory.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void recordsWrittenAcrossManyBlocksReadBackIdentically(int pagesPerView) throws IOException {
        List<String> records = records(5_000, 42);
        FileChannelId file = writeRecords(records, pagesPerView);

        ChannelReaderInputView in =
                new ChannelReaderInputView(io.createBlockReader(file), memory.allocatePages(OWNER, pagesPerView));
        for (String record : records) {
            assertThat(in.readUTF()).isEqualTo(record);
        }
        assertThatThrownBy(in::readByte).isInstanceOf(EOFException.class);
        memory.release(in.close());
        io.deleteChannel(file);

        memory.verifyEmpty();
        io.verifyEmpty();
        assertThat(io.filesOnDisk()).isEmpty();
    }

    @Test
    void anEmptySpillFileReadsAsImmediateEnd() throws IOException {
        FileChannelId file = writeRecords(List.of(), 2);
        ChannelReaderInputView in =
                new ChannelReaderInputView(io.createBlockReader(file), memory.allocatePages(OWNER, 2));
        assertThatThrownBy(in::readInt).isInstanceOf(EOFException.class);
        memory.release(in.close());
        io.releaseAll(OWNER);
    }

    @Test
    void spillFilesAreSpreadRoundRobinOverTheTempDirectories() {
        List<Path> parents = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            parents.add(io.createChannel(OWNER).path().getParent());
        }
        assertThat(parents.subList(0, 2)).doesNotHaveDuplicates();
        assertThat(parents).containsOnly(io.spillDirectories().toArray(Path[]::new));
        assertThat(parents.get(0)).isEqualTo(parents.get(2));
        io.releaseAll(OWNER);
    }

    @Test
    void aFlippedByteInABlockFailsWithTheFileBlockAndOffset() throws IOException {
        FileChannelId file = writeRecords(records(3_000, 7), 2);
        long size = Files.size(file.path());
        // flip one byte inside the payload of the second block
        flipByte(file.path(), BlockFormat.HEADER_LENGTH + PAGE + BlockFormat.HEADER_LENGTH + 100);
        assertThat(Files.size(file.path())).isEqualTo(size);

        IOException failure = readAllExpectingFailure(file);
        assertThat(failure)
                .hasMessageContaining(file.path().toString())
                .hasMessageContaining("checksum mismatch in block 1")
                .hasRootCauseInstanceOf(SpillFileCorruptedException.class);
        io.releaseAll(OWNER);
    }

    @Test
    void aFlippedByteInABlockHeaderIsDetected() throws IOException {
        FileChannelId file = writeRecords(records(3_000, 8), 2);
        flipByte(file.path(), BlockFormat.HEADER_LENGTH + PAGE + 6); // length field of block 1
        assertThat(readAllExpectingFailure(file))
                .hasMessageContaining(file.path().toString());
        io.releaseAll(OWNER);
    }

    @Test
    void aFileCutInsideABlockIsReportedAsTruncated() throws IOException {
        FileChannelId file = writeRecords(records(3_000, 9), 2);
        truncate(file.path(), Files.size(file.path()) - 1000);
        assertThat(readAllExpectingFailure(file))
                .hasMessageContaining(file.path().toString())
                .hasMessageContaining("ends inside block");
        io.releaseAll(OWNER);
    }

    @Test
    void aFileCutAtABlockBoundaryIsReportedAsMissingItsEndMarker() throws IOException {
        FileChannelId file = writeRecords(records(3_000, 10), 2);
        truncate(file.path(), Files.size(file.path()) - BlockFormat.HEADER_LENGTH);
        assertThat(readAllExpectingFailure(file))
                .hasMessageContaining(file.path().toString())
                .hasMessageContaining("without its end marker");
        io.releaseAll(OWNER);
    }

    @Test
    void blocksSwappedBetweenPositionsAreDetected() throws IOException {
        // two full blocks of equal length: swapping them keeps every checksum self-consistent
        // except for the sequence number that the checksum covers
        MemorySegment page = memory.allocatePage(OWNER);
        FileChannelId file = io.createChannel(OWNER);
        BlockChannelWriter writer = io.createBlockWriter(file);
        for (int block = 0; block < 2; block++) {
            for (int i = 0; i < PAGE; i++) {
                page.put(i, (byte) (block * 31 + i));
            }
            writer.writeBlock(page, PAGE);
            page = writer.nextReturnedSegment();
        }
        writer.close();
        memory.release(page);
        int blockBytes = BlockFormat.HEADER_LENGTH + PAGE;
        byte[] content = Files.readAllBytes(file.path());
        byte[] swapped = content.clone();
        System.arraycopy(content, 0, swapped, blockBytes, blockBytes);
        System.arraycopy(content, blockBytes, swapped, 0, blockBytes);
        Files.write(file.path(), swapped);

        assertThat(readAllExpectingFailure(file)).hasMessageContaining("block 1 found");
        io.releaseAll(OWNER);
    }

    @Test
    void releaseAllStopsOpenWritersAndDeletesEveryFileOfTheOwner() throws IOException {
        FileChannelId finished = writeRecords(records(1_000, 1), 2);
        FileChannelId open = io.createChannel(OWNER);
        ChannelWriterOutputView writer =
                new ChannelWriterOutputView(io.createBlockWriter(open), memory.allocatePages(OWNER, 3));
        for (String record : records(2_000, 2)) {
            writer.writeUTF(record);
        }
        FileChannelId otherOwners = io.createChannel("someone else");
        io.createBlockWriter(otherOwners).close();

        assertThat(io.spillFilesHeldBy(OWNER)).isEqualTo(2);
        assertThat(io.releaseAll(OWNER)).isEqualTo(2);

        assertThat(Files.exists(finished.path())).isFalse();
        assertThat(Files.exists(open.path())).isFalse();
        assertThat(Files.exists(otherOwners.path())).isTrue();
        // every page came back from the I/O thread and can be released
        assertThat(memory.releaseAll(OWNER)).isEqualTo(3);
        // a view used after its owner was cleaned up fails instead of touching reused memory
        assertThatThrownBy(() -> writer.writeLong(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("freed");
        assertThatThrownBy(io::verifyEmpty).hasMessageContaining("someone else (1 files)");
        io.releaseAll("someone else");
        io.verifyEmpty();
    }

    @Test
    void closeDeletesAllFilesAndTheSpillDirectories() throws IOException {
        writeRecords(records(500, 3), 1);
        FileChannelId open = io.createChannel(OWNER);
        BlockChannelWriter writer = io.createBlockWriter(open);
        writer.writeBlock(memory.allocatePage(OWNER), 100);
        List<Path> directories = io.spillDirectories();

        io.close();

        assertThat(directories).allSatisfy(directory -> assertThat(directory).doesNotExist());
        assertThat(io.isClosed()).isTrue();
        assertThatThrownBy(() -> io.createChannel(OWNER)).isInstanceOf(IllegalStateException.class);
        memory.releaseAll(OWNER);
    }

    @Test
    void aTempDirectoryThatCannotBeCreatedNamesTheOption() throws IOException {
        Path file = Files.writeString(temp.resolve("not-a-directory"), "x");
        assertThatThrownBy(() -> new IOManager(List.of(file)))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("io.tmp.dirs");
    }

    @Test
    void manyWritersShareTheIoThreadsConcurrently() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < 4; t++) {
            int seed = t;
            Thread thread = new Thread(() -> {
                String owner = "writer " + seed;
                try {
                    List<String> records = records(2_000, seed);
                    FileChannelId file = io.createChannel(owner);
                    ChannelWriterOutputView out =
                            new ChannelWriterOutputView(io.createBlockWriter(file), memory.allocatePages(owner, 2));
                    for (String record : records) {
                        out.writeUTF(record);
                    }
                    memory.release(out.close());
                    ChannelReaderInputView in =
                            new ChannelReaderInputView(io.createBlockReader(file), memory.allocatePages(owner, 2));
                    for (String record : records) {
                        assertThat(in.readUTF()).isEqualTo(record);
                    }
                    memory.release(in.closeAndDelete());
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
        memory.verifyEmpty();
        io.verifyEmpty();
        assertThat(io.filesOnDisk()).isEmpty();
    }

    // ------------------------------------------------------------------------------------------

    private FileChannelId writeRecords(List<String> records, int pages) throws IOException {
        FileChannelId file = io.createChannel(OWNER);
        ChannelWriterOutputView out =
                new ChannelWriterOutputView(io.createBlockWriter(file), memory.allocatePages(OWNER, pages));
        for (String record : records) {
            out.writeUTF(record);
        }
        long bytes = out.bytesWritten();
        List<MemorySegment> returned = out.close();
        assertThat(returned).hasSize(pages);
        memory.release(returned);
        long blocks = (bytes + PAGE - 1) / PAGE;
        assertThat(Files.size(file.path()))
                .isEqualTo(bytes + blocks * BlockFormat.HEADER_LENGTH + BlockFormat.HEADER_LENGTH);
        return file;
    }

    /**
     * Reads a corrupted file to the end and returns the failure. The failure may surface while the
     * view still queues its read-ahead (the I/O thread is fast), so construction is part of reading.
     */
    private IOException readAllExpectingFailure(FileChannelId file) {
        try {
            ChannelReaderInputView in =
                    new ChannelReaderInputView(io.createBlockReader(file), memory.allocatePages(OWNER, 2));
            while (true) {
                in.readUTF();
            }
        } catch (EOFException e) {
            throw new AssertionError("the corrupted file read to its end without an error", e);
        } catch (IOException e) {
            return e;
        } finally {
            // the owner's clean-up: stops the reader, deletes the file, then frees the pages
            io.releaseAll(OWNER);
            memory.releaseAll(OWNER);
        }
    }

    private static List<String> records(int count, long seed) {
        Random random = new Random(seed);
        List<String> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder record = new StringBuilder();
            int length = random.nextInt(40);
            for (int c = 0; c < length; c++) {
                record.append((char) ('a' + random.nextInt(26)));
            }
            records.add(i + ":" + record);
        }
        return records;
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position);
            one.put(0, (byte) (one.get(0) ^ 0x5A));
            one.rewind();
            channel.write(one, position);
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }
}
