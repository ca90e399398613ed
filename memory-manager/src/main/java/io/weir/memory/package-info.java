/**
 * Managed memory: off-heap pages ({@link io.weir.memory.MemorySegment}) and the budget that hands
 * them to owners ({@link io.weir.memory.MemoryManager}). Every operator that holds data borrows its
 * pages here and gives them back on success, failure and cancellation; spilling goes through {@link
 * io.weir.memory.io}.
 */
package io.weir.memory;
