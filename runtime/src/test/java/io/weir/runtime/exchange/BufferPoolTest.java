package io.weir.runtime.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.memory.MemorySegment;
import io.weir.runtime.testing.OperatorTestEnvironment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A buffer pool takes its pages from the memory manager as they are requested, up to its capacity. */
class BufferPoolTest {

    @Test
    void pagesAreTakenOnlyWhenRequestedAndReusedOnceRecycled() throws IOException {
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(64)) {
            BufferPool pool = new BufferPool(environment.memory(), "producer", 40, () -> false);
            assertThat(environment.memory().pagesInUse()).isZero();
            assertThat(pool.available()).isEqualTo(40);

            List<MemorySegment> out = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                out.add(pool.request());
            }
            assertThat(environment.memory().pagesInUse()).isEqualTo(5);
            assertThat(pool.available()).isEqualTo(35);

            out.forEach(pool::recycle);
            for (int i = 0; i < 5; i++) {
                pool.request();
            }
            assertThat(environment.memory().pagesInUse())
                    .as("recycled pages reused")
                    .isEqualTo(5);

            pool.releaseAll();
            assertThat(environment.memory().pagesInUse()).isZero();
        }
    }

    @Test
    void aFullPoolMakesTheWriterWaitUntilAPageIsRecycled() throws Exception {
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(64)) {
            BufferPool pool = new BufferPool(environment.memory(), "producer", 2, () -> false);
            MemorySegment first = pool.request();
            pool.request();
            assertThat(pool.available()).isZero();
            Thread recycler = new Thread(() -> {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                pool.recycle(first);
            });
            recycler.start();
            assertThat(pool.request()).as("the recycled page").isNotNull();
            recycler.join();
            assertThat(environment.memory().pagesInUse())
                    .as("never more than the capacity")
                    .isEqualTo(2);
            pool.releaseAll();
        }
    }
}
