package io.weir.core.serialization;

import io.weir.core.functions.KeySelector;
import io.weir.memory.MemorySegment;
import io.weir.memory.view.DataInputView;
import java.io.IOException;
import java.util.Objects;

/**
 * Compares values by the key a {@link KeySelector} extracts, with the key type's comparator: for
 * {@code groupBy(r -> r.customer().id())} and the like.
 */
public final class SelectorComparator<T, K> implements TypeComparator<T> {

    private static final long serialVersionUID = 1L;

    private final KeySelector<T, K> selector;
    private final TypeComparator<K> keyComparator;
    private final TypeSerializer<T> serializer;

    public SelectorComparator(
            KeySelector<T, K> selector, TypeComparator<K> keyComparator, TypeSerializer<T> serializer) {
        this.selector = Objects.requireNonNull(selector, "selector is null");
        this.keyComparator = Objects.requireNonNull(keyComparator, "keyComparator is null");
        this.serializer = Objects.requireNonNull(serializer, "serializer is null");
    }

    /** The key of {@code value}; a selector that fails or returns {@code null} is an error. */
    public K key(T value) {
        K key;
        try {
            key = selector.getKey(value);
        } catch (Exception e) {
            throw new KeySelectorException("the key selector failed on the record " + value + ": " + e, e);
        }
        if (key == null) {
            throw new KeySelectorException(
                    "the key selector returned null for the record " + value + "; keys must not be null", null);
        }
        return key;
    }

    @Override
    public int hash(T value) {
        return keyComparator.hash(key(value));
    }

    @Override
    public int compare(T first, T second) {
        return keyComparator.compare(key(first), key(second));
    }

    @Override
    public Object[] extractKeys(T value) {
        return keyComparator.extractKeys(key(value));
    }

    @Override
    public int compareKeys(Object[] first, Object[] second) {
        return keyComparator.compareKeys(first, second);
    }

    @Override
    public int compareKeyWith(T value, Object[] key) {
        return keyComparator.compareKeyWith(key(value), key);
    }

    @Override
    public int hashKeys(Object[] key) {
        return keyComparator.hashKeys(key);
    }

    @Override
    public int compareSerialized(DataInputView first, DataInputView second) throws IOException {
        return compare(serializer.deserialize(first), serializer.deserialize(second));
    }

    @Override
    public boolean supportsNormalizedKey() {
        return keyComparator.supportsNormalizedKey();
    }

    @Override
    public int normalizedKeyLength() {
        return keyComparator.normalizedKeyLength();
    }

    @Override
    public boolean isNormalizedKeyPrefixOnly(int bytes) {
        return keyComparator.isNormalizedKeyPrefixOnly(bytes);
    }

    @Override
    public void putNormalizedKey(T value, MemorySegment target, int offset, int bytes) {
        keyComparator.putNormalizedKey(key(value), target, offset, bytes);
    }

    @Override
    public TypeComparator<T> duplicate() {
        TypeComparator<K> key = keyComparator.duplicate();
        TypeSerializer<T> values = serializer.duplicate();
        return key == keyComparator && values == serializer ? this : new SelectorComparator<>(selector, key, values);
    }

    /** A key selector that threw or returned {@code null}. */
    public static final class KeySelectorException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public KeySelectorException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
