package io.weir.runtime.task;

import io.weir.core.functions.BroadcastVariableInitializer;
import io.weir.runtime.operators.RecordIterator;
import io.weir.runtime.operators.buffer.SpillableRecordBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The broadcast sets of a task's head stage, each read whole from its gate into a {@link
 * SpillableRecordBuffer} before the stage opens. A set that fits in its buffer's memory becomes a list
 * on the heap the first time it is asked for; one that spilled is a list read from the buffer as it
 * is iterated, so a broadcast set need not fit on the heap.
 */
final class BroadcastSets {

    private final String stageName;
    private final Map<String, SpillableRecordBuffer<?>> buffers = new HashMap<>();
    private final Map<String, List<?>> lists = new HashMap<>();
    private final Map<String, Object> initialized = new HashMap<>();

    BroadcastSets(String stageName) {
        this.stageName = stageName;
    }

    /** Sets (or, in each superstep of an iteration, replaces) the records of a set. */
    void add(String name, SpillableRecordBuffer<?> buffer) {
        buffers.put(name, buffer);
        lists.remove(name);
        initialized.remove(name);
    }

    @SuppressWarnings("unchecked")
    <T> List<T> list(String name) {
        return (List<T>) lists.computeIfAbsent(name, n -> {
            SpillableRecordBuffer<?> buffer = buffer(n);
            return buffer.isSpilled() ? new SpilledList<>(buffer, stageName, n) : materialize(buffer);
        });
    }

    @SuppressWarnings("unchecked")
    <T, C> C initialized(String name, BroadcastVariableInitializer<T, C> initializer) {
        Object result = initialized.get(name);
        if (result == null) {
            result = initializer.initializeBroadcastVariable(this.<T>list(name));
            initialized.put(name, result);
        }
        return (C) result;
    }

    private SpillableRecordBuffer<?> buffer(String name) {
        SpillableRecordBuffer<?> buffer = buffers.get(name);
        if (buffer == null) {
            throw new IllegalArgumentException("operator '" + stageName + "' has no broadcast set named '" + name
                    + "'" + (buffers.isEmpty() ? "" : " (it has " + new java.util.TreeSet<>(buffers.keySet()) + ")")
                    + ": register it on the operator with withBroadcastSet(dataSet, \"" + name + "\")");
        }
        return buffer;
    }

    private static <T> List<T> materialize(SpillableRecordBuffer<T> buffer) {
        List<T> records = new ArrayList<>((int) Math.min(buffer.size(), Integer.MAX_VALUE));
        try {
            RecordIterator<T> reader = buffer.read();
            for (T record = reader.next(); record != null; record = reader.next()) {
                records.add(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableList(records);
    }

    /**
     * A read-only list over a spilled buffer: iteration streams the buffer; {@code get(i)} reads on
     * from the last position (from the start when {@code i} is behind it).
     */
    private static final class SpilledList<T> extends AbstractList<T> {
        private final SpillableRecordBuffer<T> buffer;
        private final int size;
        private RecordIterator<T> cursor;
        private int position;

        SpilledList(SpillableRecordBuffer<T> buffer, String stageName, String name) {
            if (buffer.size() > Integer.MAX_VALUE) {
                throw new IllegalStateException("broadcast set '" + name + "' of operator '" + stageName + "' has "
                        + buffer.size() + " records, more than a list can index");
            }
            this.buffer = buffer;
            this.size = (int) buffer.size();
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public T get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException("index " + index + " of a broadcast set of " + size);
            }
            try {
                if (cursor == null || index < position) {
                    cursor = buffer.read();
                    position = 0;
                }
                while (position < index) {
                    cursor.next();
                    position++;
                }
                position++;
                return cursor.next();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Iterator<T> iterator() {
            try {
                return buffer.read().asIterator();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
