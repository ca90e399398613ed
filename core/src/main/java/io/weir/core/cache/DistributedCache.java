package io.weir.core.cache;

import java.io.File;
import java.util.Map;
import java.util.Objects;

/**
 * The files a program registered with {@code ExecutionEnvironment.registerCachedFile(path, name)},
 * as local files every task can read: {@code getRuntimeContext().getDistributedCache().getFile(name)},
 * typically in {@code open()}. A local file is used where it is; a file of another file system
 * (e.g. {@code hdfs://}) is copied to a local directory once per job and deleted when it ends.
 */
public final class DistributedCache {

    /** No files. */
    public static final DistributedCache EMPTY = new DistributedCache(Map.of());

    private final Map<String, File> files;

    public DistributedCache(Map<String, File> files) {
        this.files = Map.copyOf(Objects.requireNonNull(files, "files is null"));
    }

    /**
     * The local copy of the file registered as {@code name}.
     *
     * @throws IllegalArgumentException if no file has that name
     */
    public File getFile(String name) {
        File file = files.get(name);
        if (file == null) {
            throw new IllegalArgumentException("no cached file is registered as '" + name + "'; the job has "
                    + files.keySet() + ". Register it with ExecutionEnvironment.registerCachedFile(path, name).");
        }
        return file;
    }
}
