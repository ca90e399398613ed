package io.weir.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.memory.MemoryManager;
import io.weir.memory.io.FileChannelFactory;
import io.weir.memory.io.IOManager;
import io.weir.runtime.operators.OperatorResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A memory manager and an I/O manager for one operator test, with the check every test ends with:
 * nothing left behind — no page, no spill file, no file on disk.
 */
public final class OperatorTestEnvironment implements AutoCloseable {

    /** Small pages, so that small data spans many of them. */
    public static final int PAGE_SIZE = 4096;

    private final MemoryManager memory;
    private final IOManager io;
    private final Path directory;

    public OperatorTestEnvironment(int budgetPages) {
        this(budgetPages, FileChannelFactory.DEFAULT);
    }

    public OperatorTestEnvironment(int budgetPages, FileChannelFactory channels) {
        try {
            this.directory = Files.createTempDirectory("weir-operator-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.memory = MemoryManager.create((long) budgetPages * PAGE_SIZE, PAGE_SIZE);
        this.io = new IOManager(List.of(directory), IOManager.DEFAULT_QUEUE_CAPACITY, channels);
    }

    public MemoryManager memory() {
        return memory;
    }

    public IOManager io() {
        return io;
    }

    /** Resources for an operator with a budget of {@code pages} pages. */
    public OperatorResources resources(String name, int pages) {
        return new OperatorResources(memory, io, name, pages);
    }

    /** Fails unless every page and every spill file has been given back. */
    public void assertNothingLeft() {
        memory.verifyEmpty();
        io.verifyEmpty();
        assertThat(io.filesOnDisk()).as("files left in the spill directories").isEmpty();
    }

    @Override
    public void close() {
        io.close();
        memory.close();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory does no harm
        }
    }
}
