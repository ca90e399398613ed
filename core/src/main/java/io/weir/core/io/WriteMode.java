package io.weir.core.io;

/** What a file sink does when its target exists. */
public enum WriteMode {
    /** Fail before the job starts if the target exists and is not an empty directory. */
    NO_OVERWRITE,
    /** Replace the target, when the job has succeeded. */
    OVERWRITE
}
