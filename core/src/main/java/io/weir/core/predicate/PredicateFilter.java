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
            compiled = compile(predicate);
        }
        return compiled.test(value);
    }

    private java.util.function.Predicate<Object> compile(Predicate part) {
        if (part instanceof Predicate.And and) {
            return compile(and.left()).and(compile(and.right()));
        }
        if (part instanceof Predicate.Or or) {
            return compile(or.left()).or(compile(or.right()));
        }
        if (part instanceof Predicate.Not not) {
            return compile(not.predicate()).negate();
        }
        Predicate.Compare compare = (Predicate.Compare) part;
        String[] steps = compare.path().split("\\.");
        @SuppressWarnings("rawtypes")
        io.weir.core.serialization.CompositeAccess[] accesses =
                new io.weir.core.serialization.CompositeAccess[steps.length];
        int[] indices = new int[steps.length];
        CompositeTypeInfo<?> owner = type;
        for (int i = 0; i < steps.length; i++) {
            indices[i] = owner.fieldIndex(steps[i]);
            accesses[i] = owner.access();
            owner = owner.field(indices[i]).type() instanceof CompositeTypeInfo<?> nested ? nested : null;
        }
        return record -> {
            Object current = record;
            for (int i = 0; i < indices.length && current != null; i++) {
                @SuppressWarnings("unchecked")
                Object next = accesses[i].get(current, indices[i]);
                current = next;
            }
            return compare.accepts(current);
        };
    }

    @Override
    public String toString() {
        return predicate.toString();
    }
}
