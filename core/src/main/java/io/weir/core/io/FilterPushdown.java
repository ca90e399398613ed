package io.weir.core.io;

import io.weir.core.predicate.Predicate;

/**
 * An input format that can skip data a {@link Predicate} rejects — the optimizer pushes the
 * declarative filters that directly follow a source into it. The format may still return records
 * the predicate rejects (when it skips only whole blocks by their statistics): the filter stays in
 * the plan and removes them.
 */
public interface FilterPushdown {

    /**
     * A copy of this format that reads only (or mostly) the records {@code predicate} accepts, or
     * this format itself when it cannot use the predicate.
     */
    InputFormat<?, ?> withFilter(Predicate predicate);

    /**
     * Whether this format returns only records its pushed filter accepts, so that the filters of the
     * plan need not test them again (the optimizer then has them pass every record).
     */
    default boolean filtersExactly() {
        return false;
    }
}
