package io.weir.core.io;

import io.weir.core.predicate.Predicate;

/**
 * An input format that can skip data a {@link Predicate} rejects — the optimizer pushes the
 * declarative filters that directly follow a source into it. The format may still return records
 * the predicate rejects (when it skips only whole blocks by their statistics): the filter stays in
 * the plan and removes them.
 */
public interface FilterPushdown {

    /** A copy of this format that reads only (or mostly) the records {@code predicate} accepts. */
    InputFormat<?, ?> withFilter(Predicate predicate);
}
