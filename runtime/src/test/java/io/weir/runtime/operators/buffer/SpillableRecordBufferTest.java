package io.weir.runtime.operators.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.serialization.SerializerConfig;
import io.weir.core.serialization.TypeSerializer;
import io.weir.core.types.Types;
import io.weir.memory.testing.FailingFileChannels;
import io.weir.runtime.operators.OperatorException;
import io.weir.runtime.operators.OperatorResources;
import io.weir.runtime.operators.RecordIterator;
import io.weir.runtime.testing.OperatorTestEnvironment;
import io.weir.runtime.testing.ThrowingSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SpillableRecordBufferTest {

    private static final TypeSerializer<String> STRINGS = Types.STRING.createSerializer(SerializerConfig.DEFAULT);

    /** Records of 0 to ~100 chars, and now and then one of several pages. */
    static List<String> records(long seed, int count) {
        Random random = new Random(seed);
        List<String> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = random.nextInt(50) == 0 ? 5_000 + random.nextInt(10_000) : random.nextInt(100);
            StringBuilder record = new StringBuilder(length);
            for (int c = 0; c < length; c++) {
                record.append((char) ('a' + random.nextInt(26)));
            }
            records.add(record.toString());
        }
        return records;
    }

    static long bytes(List<String> records) {
        return records.stream().mapToLong(r -> r.length() + 2).sum();
    }

    @Property(tries = 40)
    void readsBackEveryRecordInOrderAnyNumberOfTimesWithAmpleAndWithATenthOfTheMemory(
            @ForAll long seed, @ForAll @IntRange(min = 0, max = 8_000) int count) throws IOException {
        List<String> records = records(seed, count);
        int dataPages = (int) (bytes(records) / OperatorTestEnvironment.PAGE_SIZE) + 1;
        int ample = dataPages + 8;
        int tenth = Math.max(SpillableRecordBuffer.MIN_PAGES, dataPages / 10);

        for (int pages : new int[] {ample, tenth}) {
            try (OperatorTestEnvironment environment = new OperatorTestEnvironment(ample)) {
                OperatorResources resources = environment.resources("buffer under test", pages);
                try (SpillableRecordBuffer<String> buffer = new SpillableRecordBuffer<>(STRINGS, resources)) {
                    for (String record : records) {
                        buffer.add(record);
                    }
                    buffer.finishWriting();
                    assertThat(buffer.size()).isEqualTo(records.size());
                    for (int pass = 0; pass < 3; pass++) {
                        assertThat(readAll(buffer.read())).isEqualTo(records);
                    }
                    if (pages == tenth && dataPages >= 10 * SpillableRecordBuffer.MIN_PAGES) {
                        assertThat(buffer.isSpilled())
                                .as("a tenth of the memory spills")
                                .isTrue();
                        assertThat(resources.metrics().bytesSpilled()).isPositive();
                        assertThat(resources.metrics().spillFiles()).isEqualTo(1);
                    }
                    if (pages == ample) {
                        assertThat(buffer.isSpilled()).isFalse();
                    }
                    assertThat(resources.metrics().recordsIn()).isEqualTo(records.size());
                }
                environment.assertNothingLeft();
            }
        }
    }

    @Test
    void inMemoryReadersRunSideBySide() throws IOException {
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(64);
                SpillableRecordBuffer<String> buffer =
                        new SpillableRecordBuffer<>(STRINGS, environment.resources("buffer", 64))) {
            List<String> records = records(1, 200);
            for (String record : records) {
                buffer.add(record);
            }
            buffer.finishWriting();
            RecordIterator<String> first = buffer.read();
            RecordIterator<String> second = buffer.read();
            for (String record : records) {
                assertThat(first.next()).isEqualTo(record);
                assertThat(second.next()).isEqualTo(record);
            }
            assertThat(first.next()).isNull();
        }
    }

    @Test
    void aSerializerThatThrowsFailsNamingTheOperatorAndLeavesNothing() {
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(16)) {
            OperatorResources resources = environment.resources("buffer of 'cross at Job.java:9'", 4);
            SpillableRecordBuffer<String> buffer =
                    new SpillableRecordBuffer<>(new ThrowingSerializer<>(STRINGS, 5_000), resources);
            assertThatThrownBy(() -> {
                        for (String record : records(2, 10_000)) {
                            buffer.add(record);
                        }
                    })
                    .isInstanceOf(OperatorException.class)
                    .hasMessageContaining("buffer of 'cross at Job.java:9'")
                    .hasMessageContaining("serializer bug");
            buffer.close();
            environment.assertNothingLeft();
        }
    }

    @Test
    void aFullDiskFailsNamingTheOperatorAndTheDiskErrorAndLeavesNothing() {
        try (OperatorTestEnvironment environment =
                new OperatorTestEnvironment(16, FailingFileChannels.failWritesAfter(3))) {
            OperatorResources resources = environment.resources("buffer of 'broadcast set'", 4);
            SpillableRecordBuffer<String> buffer = new SpillableRecordBuffer<>(STRINGS, resources);
            assertThatThrownBy(() -> {
                        for (String record : records(3, 20_000)) {
                            buffer.add(record);
                        }
                        buffer.finishWriting();
                    })
                    .isInstanceOf(OperatorException.class)
                    .hasMessageContaining("buffer of 'broadcast set'")
                    .hasMessageContaining(FailingFileChannels.NO_SPACE);
            buffer.close();
            environment.assertNothingLeft();
        }
    }

    @Test
    void cancellationFromAnotherThreadStopsTheWriterAndLeavesNothing() throws Exception {
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(16)) {
            OperatorResources resources = environment.resources("buffer of 'iteration cache'", 4);
            SpillableRecordBuffer<String> buffer = new SpillableRecordBuffer<>(STRINGS, resources);
            CountDownLatch spilling = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    Random random = new Random(4);
                    while (true) {
                        buffer.add("record " + random.nextLong());
                        if (buffer.isSpilled()) {
                            spilling.countDown();
                        }
                    }
                } catch (Throwable e) {
                    failure.set(e);
                } finally {
                    buffer.close();
                }
            });
            writer.start();
            assertThat(spilling.await(30, TimeUnit.SECONDS)).isTrue();
            resources.cancel();
            writer.join(30_000);
            assertThat(failure.get())
                    .isInstanceOf(OperatorException.class)
                    .hasMessageContaining("buffer of 'iteration cache' was cancelled");
            environment.assertNothingLeft();
        }
    }

    private static List<String> readAll(RecordIterator<String> iterator) throws IOException {
        List<String> result = new ArrayList<>();
        for (String record = iterator.next(); record != null; record = iterator.next()) {
            result.add(record);
        }
        return result;
    }
}
