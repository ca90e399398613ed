package io.weir.core.serialization;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.function.Function;

/** Reads a Java record's components through its accessors and builds it with its canonical constructor. */
public final class RecordAccess<T> implements CompositeAccess<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> recordClass;
    private final int arity;
    private transient Function<Object, Object>[] accessors;
    private transient MethodHandle constructor;

    public RecordAccess(Class<T> recordClass) {
        if (!recordClass.isRecord()) {
            throw new IllegalArgumentException(recordClass.getName() + " is not a record");
        }
        this.recordClass = recordClass;
        this.arity = recordClass.getRecordComponents().length;
        resolve();
    }

    @SuppressWarnings("unchecked")
    private void resolve() {
        MethodHandles.Lookup lookup = ReflectionAccess.lookupFor(recordClass);
        RecordComponent[] components = recordClass.getRecordComponents();
        Function<Object, Object>[] getters = new Function[components.length];
        Class<?>[] parameterTypes = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                getters[i] = getter(lookup, lookup.unreflect(components[i].getAccessor()));
                parameterTypes[i] = components[i].getType();
            }
            constructor = lookup.findConstructor(recordClass, MethodType.methodType(void.class, parameterTypes))
                    .asSpreader(Object[].class, components.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw ReflectionAccess.inaccessible(recordClass, e);
        }
        accessors = getters;
    }

    /**
     * An accessor as a {@link Function} spun by {@link LambdaMetafactory}: called from a field array, a
     * method handle is not a constant and every call goes through the interpreter's adapters; the
     * function is an ordinary interface call (boxing a primitive component).
     */
    @SuppressWarnings("unchecked")
    private Function<Object, Object> getter(MethodHandles.Lookup lookup, MethodHandle accessor) {
        Class<?> boxed = accessor.type().wrap().returnType();
        try {
            return (Function<Object, Object>) LambdaMetafactory.metafactory(
                            lookup,
                            "apply",
                            MethodType.methodType(Function.class),
                            MethodType.methodType(Object.class, Object.class),
                            accessor,
                            MethodType.methodType(boxed, recordClass))
                    .getTarget()
                    .invokeExact();
        } catch (Throwable e) {
            // a class the metafactory cannot spin for (e.g. one a hidden class loader hides): the handle
            MethodHandle general = accessor.asType(MethodType.methodType(Object.class, Object.class));
            return value -> {
                try {
                    return (Object) general.invokeExact(value);
                } catch (Throwable failure) {
                    throw ReflectionAccess.failure("reading a component of", recordClass, failure);
                }
            };
        }
    }

    @Override
    public Class<T> type() {
        return recordClass;
    }

    @Override
    public int arity() {
        return arity;
    }

    @Override
    public Object get(T value, int field) {
        if (accessors == null) {
            resolve();
        }
        return accessors[field].apply(value);
    }

    @Override
    public T create(Object[] fields) {
        if (constructor == null) {
            resolve();
        }
        try {
            return recordClass.cast((Object) constructor.invokeExact(fields));
        } catch (Throwable e) {
            throw ReflectionAccess.failure("constructing " + Arrays.toString(fields) + " as", recordClass, e);
        }
    }

    @Override
    public boolean isImmutable() {
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordAccess<?> that && that.recordClass == recordClass;
    }

    @Override
    public int hashCode() {
        return recordClass.hashCode();
    }
}
