/**
 * Data input and output views: the {@link java.io.DataInput}/{@link java.io.DataOutput} that
 * serializers read and write, over pages (records may cross page boundaries), over a random-access
 * list of pages (sort buffers), and over heap byte arrays (single records).
 */
package io.weir.memory.view;
