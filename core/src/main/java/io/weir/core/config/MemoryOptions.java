package io.weir.core.config;

import io.weir.memory.MemoryManager;
import io.weir.memory.io.IOManager;
import java.nio.file.Path;
import java.util.List;

/**
 * Options for managed memory and spilling, and the factories that build a {@link MemoryManager} and
 * an {@link IOManager} from a configuration. (The memory-manager module depends on nothing, so its
 * options are declared here.)
 */
public final class MemoryOptions {

    public static final ConfigOption<MemorySize> MANAGED_MEMORY_SIZE = ConfigOption.key(
                    "taskmanager.memory.managed.size")
            .memoryType()
            .noDefaultValue()
            .withDescription("Off-heap memory for sorting, hashing, caching and blocking exchanges, shared by all"
                    + " tasks of a process. Operators spill to disk when it is full. It cannot exceed the JVM's"
                    + " direct-memory limit (-XX:MaxDirectMemorySize).")
            .withDefaultDescription("70% of the JVM's direct-memory limit");

    public static final ConfigOption<MemorySize> PAGE_SIZE = ConfigOption.key("taskmanager.memory.page-size")
            .memoryType()
            .defaultValue(MemorySize.ofBytes(MemoryManager.DEFAULT_PAGE_SIZE))
            .withDescription(
                    "The size of a managed memory page and of a spill block: a power of two between 4k and" + " 16m.");

    public static final ConfigOption<List<String>> TMP_DIRS = ConfigOption.key("io.tmp.dirs")
            .stringListType()
            .noDefaultValue()
            .withDescription("Directories for spill files, separated by commas; spilling spreads over them in turn."
                    + " Put them on different disks to spill faster.")
            .withDefaultDescription("the JVM's java.io.tmpdir");

    private MemoryOptions() {}

    /** The managed memory the configuration gives: its size, else the default budget. */
    public static long managedMemoryBytes(Configuration configuration) {
        return configuration
                .getOptional(MANAGED_MEMORY_SIZE)
                .map(MemorySize::bytes)
                .orElseGet(MemoryManager::defaultBudget);
    }

    /** A memory manager with the configured budget and page size. */
    public static MemoryManager createMemoryManager(Configuration configuration) {
        long budget = managedMemoryBytes(configuration);
        long pageSize = configuration.get(PAGE_SIZE).bytes();
        if (pageSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(PAGE_SIZE.key() + " of " + pageSize + " bytes is too large");
        }
        try {
            return MemoryManager.create(budget, (int) pageSize);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "invalid managed memory configuration (" + MANAGED_MEMORY_SIZE.key() + ", " + PAGE_SIZE.key()
                            + "): " + e.getMessage(),
                    e);
        }
    }

    /** An I/O manager spilling to the configured temp directories. */
    public static IOManager createIOManager(Configuration configuration) {
        List<String> directories = configuration
                .getOptional(TMP_DIRS)
                .filter(list -> !list.isEmpty())
                .orElse(List.of(System.getProperty("java.io.tmpdir")));
        return new IOManager(directories.stream().map(Path::of).toList());
    }
}
