/**
 * The file system SPI: {@link io.weir.core.fs.FileSystem} picked by URI scheme, with the local file
 * system built in and others (hdfs://) found through {@link java.util.ServiceLoader}.
 */
package io.weir.core.fs;
