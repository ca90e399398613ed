package io.weir.runtime.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.memory.MemorySegment;
import io.weir.runtime.testing.OperatorTestEnvironment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A blocking channel gives each superstep's buffers, in order, once the producer ended that superstep. */
class BlockingChannelTest {

    /** A buffer of the producer's pool whose first int is {@code value}. */
    static Buffer buffer(BufferPool pool, int value) throws IOException {
        MemorySegment page = pool.request();
        page.putInt(0, value);
        return new Buffer(page, 4, pool::recycle);
    }

    /** Polls until null: the values read, with -1 for an end of superstep. */
    static List<Integer> drain(BlockingChannel channel) throws IOException {
        List<Integer> read = new ArrayList<>();
        for (Buffer buffer; (buffer = channel.poll()) != null; ) {
            if (buffer.isEndOfSuperstep()) {
                read.add(-1);
                continue;
            }
            read.add(buffer.segment().getInt(0));
            buffer.recycle();
        }
        return read;
    }

    @ParameterizedTest(name = "pool of {0} pages")
    @ValueSource(ints = {200, 4})
    void eachSuperstepIsReadWholeInOrderOnceEndedInMemoryOrSpilled(int poolPages) throws IOException {
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(300)) {
            BufferPool pool = new BufferPool(environment.memory(), "producer", poolPages, () -> false);
            BlockingChannel channel = new BlockingChannel(pool, 1, environment.memory(), environment.io());
            int[] signals = new int[1];
            channel.setListener(() -> signals[0]++);

            for (int value = 0; value < 30; value++) {
                channel.add(buffer(pool, value));
            }
            assertThat(channel.poll()).as("nothing before the superstep ends").isNull();
            channel.add(Buffer.END_OF_SUPERSTEP);
            for (int value = 100; value < 130; value++) {
                channel.add(buffer(pool, value));
            }
            List<Integer> first = drain(channel);
            channel.add(Buffer.END_OF_SUPERSTEP);
            List<Integer> second = drain(channel);
            channel.add(buffer(pool, 500));
            channel.finish();
            List<Integer> last = drain(channel);

            List<Integer> expectedFirst = new ArrayList<>();
            for (int value = 0; value < 30; value++) {
                expectedFirst.add(value);
            }
            expectedFirst.add(-1);
            List<Integer> expectedSecond = new ArrayList<>();
            for (int value = 100; value < 130; value++) {
                expectedSecond.add(value);
            }
            expectedSecond.add(-1);
            assertThat(first).isEqualTo(expectedFirst);
            assertThat(second).isEqualTo(expectedSecond);
            assertThat(last).containsExactly(500);
            assertThat(channel.isFinished()).isTrue();
            assertThat(signals[0])
                    .as("a signal per ended superstep and at the finish")
                    .isEqualTo(3);
            if (poolPages == 4) {
                assertThat(channel.spilledBytes()).isPositive();
            } else {
                assertThat(channel.spilledBytes()).isZero();
            }
            channel.release();
            pool.destroy();
            environment.assertNothingLeft();
        }
    }

    @Test
    void releasingMidSuperstepFreesPagesAndFiles() throws IOException {
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(100)) {
            BufferPool pool = new BufferPool(environment.memory(), "producer", 4, () -> false);
            BlockingChannel channel = new BlockingChannel(pool, 1, environment.memory(), environment.io());
            for (int value = 0; value < 20; value++) {
                channel.add(buffer(pool, value));
            }
            channel.add(Buffer.END_OF_SUPERSTEP);
            channel.add(buffer(pool, 1));
            Buffer taken = channel.poll();
            assertThat(taken).isNotNull();

            channel.release();
            pool.destroy();
            taken.recycle();

            assertThat(channel.poll()).isNull();
            environment.assertNothingLeft();
        }
    }
}
