/**
 * Serializers and comparators: the only code that touches the bytes of user records. One
 * serializer per atomic type, one {@link io.weir.core.serialization.CompositeSerializer} for records,
 * POJOs and tuples, collections and arrays, and the Kryo fallback; one {@link
 * io.weir.core.serialization.NaturalOrderComparator} for atomic keys, {@link
 * io.weir.core.serialization.CompositeComparator} for field keys and {@link
 * io.weir.core.serialization.SelectorComparator} for key selectors, all with normalized keys.
 */
package io.weir.core.serialization;
