package io.weir.runtime.operators.sort;

import io.weir.core.serialization.TypeComparator;
import io.weir.runtime.operators.RecordIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Walks a sorted stream group by group: {@link #nextGroup()} moves to the next key, {@link #first()}
 * is the group's first record, and the iterable yields the records of the current group only,
 * once, without materializing them. Combiners, group reduces, joins and coGroups see their groups
 * through it.
 */
public final class GroupIterator<T> implements Iterable<T> {

    private final RecordIterator<T> input;
    private final TypeComparator<T> comparator;
    private T lookahead;
    private T groupFirst;
    private boolean started;
    private boolean groupDone = true;

    public GroupIterator(RecordIterator<T> input, TypeComparator<T> comparator) {
        this.input = input;
        this.comparator = comparator;
    }

    /** Moves to the next group, skipping what is left of the current one; false at the end. */
    public boolean nextGroup() throws IOException {
        if (!started) {
            lookahead = input.next();
            started = true;
        } else {
            skipRest();
        }
        if (lookahead == null) {
            groupFirst = null;
            return false;
        }
        groupFirst = lookahead;
        groupDone = false;
        return true;
    }

    /** The first record of the current group, or {@code null} after the last. */
    public T first() {
        return groupFirst;
    }

    /** Consumes what is left of the current group. */
    public void skipRest() throws IOException {
        while (!groupDone) {
            advance();
        }
    }

    private T advance() throws IOException {
        T current = lookahead;
        lookahead = input.next();
        if (lookahead == null || comparator.compare(groupFirst, lookahead) != 0) {
            groupDone = true;
        }
        return current;
    }

    /** The records of the current group; each group can be traversed once. */
    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !groupDone;
            }

            @Override
            public T next() {
                if (groupDone) {
                    throw new NoSuchElementException();
                }
                try {
                    return advance();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
