/**
 * The source and sink SPI: {@link io.weir.core.io.InputFormat} with its splits and {@link
 * io.weir.core.io.OutputFormat} with its commit protocol, and the collection formats. File formats
 * (text, CSV) and projection and filter pushdown arrive with the runtime and formats issues.
 */
package io.weir.core.io;
