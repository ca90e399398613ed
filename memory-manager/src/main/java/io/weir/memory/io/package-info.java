/**
 * Spilling: the {@link io.weir.memory.io.IOManager} with its spill directories and I/O threads,
 * asynchronous block readers and writers with a checksum on every block, and the paged views that
 * write records to and read them from spill files.
 */
package io.weir.memory.io;
