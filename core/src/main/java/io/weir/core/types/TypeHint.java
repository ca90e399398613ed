package io.weir.core.types;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Captures a generic type that Java would erase, by subclassing:
 *
 * <pre>{@code
 * TypeInfo<Tuple2<String, Integer>> type = new TypeHint<Tuple2<String, Integer>>() {}.typeInfo();
 * }</pre>
 */
public abstract class TypeHint<T> {

    private final TypeInfo<T> typeInfo;

    @SuppressWarnings("unchecked")
    protected TypeHint() {
        Type superclass = getClass().getGenericSuperclass();
        if (!(superclass instanceof ParameterizedType parameterized) || parameterized.getRawType() != TypeHint.class) {
            throw new InvalidTypesException("create a TypeHint as a direct anonymous subclass with the type filled in,"
                    + " e.g. new TypeHint<Tuple2<String, Integer>>() {}");
        }
        this.typeInfo = (TypeInfo<T>) TypeExtractor.of(parameterized.getActualTypeArguments()[0]);
    }

    /** The type info of the captured type. */
    public TypeInfo<T> typeInfo() {
        return typeInfo;
    }
}
