package io.weir.core.io;

import java.util.Set;

/**
 * An input format that can leave fields unread — the optimizer tells it which top-level fields the
 * program uses (those declarative filters and functions with declared read or forwarded fields
 * name). The fields it does not read are null, or zero and false for primitives.
 */
public interface ProjectionPushdown {

    /** A copy of this format that reads only {@code fields} (top-level field names of its type). */
    InputFormat<?, ?> withFields(Set<String> fields);
}
