package io.weir.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryManagerTest {

    private static final int PAGE = 4096;

    @Test
    void budgetIsCountedInWholePagesPerOwner() {
        try (MemoryManager manager = MemoryManager.create(10 * PAGE + 100, PAGE)) {
            assertThat(manager.totalPages()).isEqualTo(10);
            assertThat(manager.budgetBytes()).isEqualTo(10L * PAGE);

            List<MemorySegment> sorter = manager.allocatePages("sorter", 4);
            List<MemorySegment> join = manager.allocatePages("join", 3);

            assertThat(sorter)
                    .hasSize(4)
                    .allSatisfy(page -> assertThat(page.size()).isEqualTo(PAGE));
            assertThat(manager.pagesHeldBy("sorter")).isEqualTo(4);
            assertThat(manager.pagesHeldBy("join")).isEqualTo(3);
            assertThat(manager.availablePages()).isEqualTo(3);

            manager.release(sorter);
            assertThat(sorter).isEmpty();
            assertThat(manager.availablePages()).isEqualTo(7);
            manager.release(join.get(0));
            assertThat(manager.pagesHeldBy("join")).isEqualTo(2);
            assertThat(manager.releaseAll("join")).isEqualTo(2);
            manager.verifyEmpty();
        }
    }

    @Test
    void exhaustionNamesTheOwnerTheRequestTheBudgetAndWhoHoldsMemory() {
        try (MemoryManager manager = MemoryManager.create(8 * PAGE, PAGE)) {
            manager.allocatePages("hash join of 'orders'", 6);

            assertThatThrownBy(() -> manager.allocatePages("sorter of 'lineitem'", 3))
                    .isInstanceOf(MemoryAllocationException.class)
                    .hasMessageContaining("sorter of 'lineitem' asked for 3 pages")
                    .hasMessageContaining("only 2 of 8 pages are free")
                    .hasMessageContaining("budget 32 KiB in pages of 4 KiB")
                    .hasMessageContaining("hash join of 'orders' (6 pages)")
                    .hasMessageContaining("taskmanager.memory.managed.size");
            // an all-or-nothing request that failed took nothing
            assertThat(manager.pagesHeldBy("sorter of 'lineitem'")).isZero();
            assertThat(manager.availablePages()).isEqualTo(2);
            manager.releaseAll("hash join of 'orders'");
        }
    }

    @Test
    void tryAllocateTakesNothingAndThrowsNothingWhenTheBudgetIsShort() {
        try (MemoryManager manager = MemoryManager.create(4 * PAGE, PAGE)) {
            List<MemorySegment> pages = new ArrayList<>();
            assertThat(manager.tryAllocatePages("combiner", pages, 5)).isFalse();
            assertThat(pages).isEmpty();
            assertThat(manager.tryAllocatePages("combiner", pages, 4)).isTrue();
            assertThat(pages).hasSize(4);
            assertThat(manager.tryAllocatePages("other", pages, 1)).isFalse();
            manager.release(pages);
            manager.verifyEmpty();
        }
    }

    @Test
    void releasedMemoryIsReusedUnderANewSegmentObject() {
        try (MemoryManager manager = MemoryManager.create(2 * PAGE, PAGE)) {
            for (int round = 0; round < 50; round++) {
                List<MemorySegment> pages = manager.allocatePages("round " + round, 2);
                pages.get(0).putLong(0, round);
                manager.release(pages);
            }
            MemorySegment first = manager.allocatePage("a");
            manager.release(first);
            MemorySegment second = manager.allocatePage("b");
            assertThat(second).isNotSameAs(first);
            assertThat(first.isFreed()).isTrue();
            assertThat(second.isFreed()).isFalse();
            manager.release(second);
        }
    }

    @Test
    void verifyEmptyNamesEveryOwnerThatLeakedAndHowMuch() {
        try (MemoryManager manager = MemoryManager.create(16 * PAGE, PAGE)) {
            manager.allocatePages("sorter of 'reduce' (1/2)", 3);
            manager.allocatePages("sorter of 'reduce' (2/2)", 1);

            assertThatThrownBy(manager::verifyEmpty)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("4 pages")
                    .hasMessageContaining("sorter of 'reduce' (1/2) (3 pages)")
                    .hasMessageContaining("sorter of 'reduce' (2/2) (1 pages)");
        }
    }

    @Test
    void shutdownFreesLeakedPagesAndReportsThem() {
        MemoryManager manager = MemoryManager.create(16 * PAGE, PAGE);
        MemorySegment leaked = manager.allocatePage("forgetful operator");
        List<MemoryManager.OwnerPages> leaks = manager.shutdown();

        assertThat(leaks).containsExactly(new MemoryManager.OwnerPages("forgetful operator", 1));
        assertThat(leaked.isFreed()).isTrue();
        assertThat(manager.isClosed()).isTrue();
        assertThatThrownBy(() -> manager.allocatePage("late")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void ownersAreComparedByIdentityNotEquality() {
        try (MemoryManager manager = MemoryManager.create(8 * PAGE, PAGE)) {
            String first = new String("task");
            String second = new String("task");
            manager.allocatePages(first, 2);
            manager.allocatePages(second, 3);
            assertThat(manager.pagesHeldBy(first)).isEqualTo(2);
            assertThat(manager.releaseAll(second)).isEqualTo(3);
            assertThat(manager.pagesHeldBy(first)).isEqualTo(2);
            manager.releaseAll(first);
        }
    }

    @Test
    void releasingTwiceOrReleasingForeignSegmentsFails() {
        try (MemoryManager manager = MemoryManager.create(8 * PAGE, PAGE);
                MemoryManager other = MemoryManager.create(8 * PAGE, PAGE)) {
            MemorySegment page = manager.allocatePage("owner");
            manager.release(page);
            assertThatThrownBy(() -> manager.release(page)).hasMessageContaining("already released");

            MemorySegment foreign = other.allocatePage("owner");
            assertThatThrownBy(() -> manager.release(foreign)).hasMessageContaining("does not come from this");
            assertThatThrownBy(() -> manager.release(MemorySegment.allocateUnpooled(PAGE)))
                    .hasMessageContaining("does not come from this");
            other.release(foreign);
        }
    }

    @Test
    void pageSizeAndBudgetAreValidated() {
        assertThatThrownBy(() -> MemoryManager.create(1 << 20, 3000)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> MemoryManager.create(1 << 20, 1024)).hasMessageContaining("between");
        assertThatThrownBy(() -> MemoryManager.create(100, PAGE)).hasMessageContaining("smaller than one page");
    }

    @Test
    void theDefaultBudgetStaysBelowTheJvmDirectMemoryLimit() {
        assertThat(MemoryManager.defaultBudget()).isPositive().isLessThan(DirectMemory.maxDirectMemory());
        // the test JVMs run with -XX:MaxDirectMemorySize=512m
        if (ProcessHandle.current()
                .info()
                .arguments()
                .map(a -> String.join(" ", a))
                .orElse("")
                .contains("MaxDirectMemorySize=512m")) {
            assertThat(DirectMemory.maxDirectMemory()).isEqualTo(512L << 20);
        }
    }

    @Test
    void fractionsOfTheBudgetAreWholePagesAndAtLeastOne() {
        try (MemoryManager manager = MemoryManager.create(100 * PAGE, PAGE)) {
            assertThat(manager.pagesForFraction(0.25)).isEqualTo(25);
            assertThat(manager.pagesForFraction(0.001)).isEqualTo(1);
            assertThatThrownBy(() -> manager.pagesForFraction(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void pagesAreAllocatedConcurrentlyWithoutLosingCount() throws Exception {
        try (MemoryManager manager = MemoryManager.create(64 * PAGE, PAGE)) {
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int t = 0; t < 4; t++) {
                String owner = "thread " + t;
                Thread thread = new Thread(() -> {
                    try {
                        for (int i = 0; i < 500; i++) {
                            List<MemorySegment> pages = manager.allocatePages(owner, 1 + i % 8);
                            manager.release(pages);
                        }
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
            assertThat(manager.availablePages()).isEqualTo(64);
            manager.verifyEmpty();
        }
    }

    @Test
    void bytesAreDescribedForPeople() {
        assertThat(MemoryManager.describeBytes(512)).isEqualTo("512 bytes");
        assertThat(MemoryManager.describeBytes(32 * 1024)).isEqualTo("32 KiB");
        assertThat(MemoryManager.describeBytes(3L << 29)).isEqualTo("1.5 GiB");
    }
}
