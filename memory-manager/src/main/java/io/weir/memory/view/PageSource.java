package io.weir.memory.view;

import io.weir.memory.MemorySegment;

/** Gives a view its next empty page, or {@code null} when its budget allows no more. */
@FunctionalInterface
public interface PageSource {

    /** A page source that never has another page: a view over a fixed set of pages. */
    PageSource NONE = () -> null;

    MemorySegment nextPage();
}
