package io.weir.core.fs;

import java.net.URI;

/** A file or directory: its path, its length in bytes (0 for a directory), and which it is. */
public record FileStatus(URI path, long length, boolean directory) {}
