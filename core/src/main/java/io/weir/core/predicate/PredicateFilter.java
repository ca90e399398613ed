package io.weir.core.predicate;

import io.weir.core.functions.FilterFunction;
import io.weir.core.types.CompositeTypeInfo;
import io.weir.core.types.InvalidTypesException;
import java.util.Objects;

/**
 * The filter function of a declarative {@link Predicate} over records of a composite type: what
 * {@code DataSet.filter(Predicate)} runs, and what the optimizer recognizes to estimate and push down.
 */
public final class PredicateFilter<T> implements FilterFunction<T> {

    private static final long serialVersionUID = 1L;

    private final Predicate predicate;
    private final CompositeTypeInfo<T> type;
    /** The predicate with its field paths resolved to accessors once, not per record. */
    private transient java.util.function.Predicate<Object> compiled;

    /**
     * @throws InvalidTypesException if the predicate names a field {@code type} does not have
     */
    public PredicateFilter(Predicate predicate, CompositeTypeInfo<T> type) {
        this.predicate = Objects.requireNonNull(predicate, "predicate is null");
        this.type = Objects.requireNonNull(type, "type is null");
        for (String column : predicate.columns()) {
            type.resolveKey(column); // names the missing field and the fields there are
        }
    }

    public Predicate predicate() {
        return predicate;
    }

    public CompositeTypeInfo<T> type() {
        return type;
    }

    @Override
    public boolean filter(T value) {
        if (compiled == null) {
            compiled = predicate.compile(type);
        }
        return compiled.test(value);
    }

    @Override
    public String toString() {
        return predicate.toString();
    }
}
