package io.weir.core.io;

import io.weir.core.fs.FileStatus;
import io.weir.core.fs.FileSystem;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Objects;
import java.util.UUID;

/**
 * The base of file sinks. The target is a directory with one file per parallel instance, {@code
 * part-00000}, {@code part-00001}, ... Instances write into a hidden staging directory beside the
 * target; when the job succeeds, the staging directory is renamed to the target in one step, so a
 * reader never sees a half-written result and a failed job leaves nothing at the target.
 *
 * <pre>
 *   /out/.result.weir-staging-3f2a…/part-00000   ← written while the job runs
 *   /out/result/part-00000                      ← after commit (rename)
 * </pre>
 *
 * A target that exists and is not an empty directory fails the job before it starts, unless the
 * write mode is {@link WriteMode#OVERWRITE}: then it is replaced when the job has succeeded.
 */
public abstract class FileOutputFormat<T> implements OutputFormat<T> {

    private final String path;
    private final WriteMode writeMode;
    private URI target;
    private URI staging;
    private transient OutputStream stream;
    private transient URI partFile;

    protected FileOutputFormat(String path, WriteMode writeMode) {
        this.path = Objects.requireNonNull(path, "path is null");
        this.writeMode = Objects.requireNonNull(writeMode, "writeMode is null");
    }

    @Override
    public void initializeGlobal(int numTasks) throws IOException {
        target = FileSystem.toUri(path);
        FileSystem fileSystem = FileSystem.get(target);
        FileStatus existing = fileSystem.status(target);
        if (existing != null && writeMode == WriteMode.NO_OVERWRITE) {
            if (!existing.directory()) {
                throw new IOException("the output path " + path + " is an existing file; write to another path or"
                        + " overwrite it (WriteMode.OVERWRITE, the --overwrite option)");
            }
            if (!fileSystem.list(target).isEmpty()) {
                throw new IOException("the output directory " + path + " exists and is not empty; write to another"
                        + " path or overwrite it (WriteMode.OVERWRITE, the --overwrite option)");
            }
        }
        URI parent = FileSystem.parent(target);
        fileSystem.mkdirs(parent);
        staging = FileSystem.child(parent, "." + FileSystem.name(target) + ".weir-staging-" + UUID.randomUUID());
        fileSystem.mkdirs(staging);
    }

    /** The file name of instance {@code taskNumber}. */
    public static String partName(int taskNumber) {
        return String.format("part-%05d", taskNumber);
    }

    @Override
    public void open(int taskNumber, int numTasks) throws IOException {
        if (staging == null) {
            throw new IllegalStateException(description() + " was not initialized before the job started");
        }
        partFile = FileSystem.child(staging, partName(taskNumber));
        stream = new BufferedOutputStream(FileSystem.get(partFile).create(partFile, false), 64 * 1024);
    }

    /** The stream of the open part file. */
    protected OutputStream stream() {
        return stream;
    }

    @Override
    public void close() throws IOException {
        if (stream != null) {
            OutputStream closing = stream;
            stream = null;
            closing.close();
        }
    }

    @Override
    public void abort() throws IOException {
        try {
            close();
        } finally {
            if (partFile != null) {
                FileSystem.get(partFile).delete(partFile);
            }
        }
    }

    @Override
    public void commit(int numTasks) throws IOException {
        FileSystem fileSystem = FileSystem.get(target);
        if (fileSystem.status(target) != null) {
            fileSystem.delete(target);
        }
        fileSystem.rename(staging, target);
    }

    @Override
    public void abortGlobal(int numTasks) throws IOException {
        if (staging != null) {
            FileSystem.get(staging).delete(staging);
        }
    }

    @Override
    public String description() {
        return path;
    }
}
