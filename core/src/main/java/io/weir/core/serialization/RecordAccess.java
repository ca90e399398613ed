package io.weir.core.serialization;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/** Reads a Java record's components through its accessors and builds it with its canonical constructor. */
public final class RecordAccess<T> implements CompositeAccess<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> recordClass;
    private transient MethodHandle[] accessors;
    private transient MethodHandle constructor;

    public RecordAccess(Class<T> recordClass) {
        if (!recordClass.isRecord()) {
            throw new IllegalArgumentException(recordClass.getName() + " is not a record");
        }
        this.recordClass = recordClass;
        resolve();
    }

    private void resolve() {
        MethodHandles.Lookup lookup = ReflectionAccess.lookupFor(recordClass);
        RecordComponent[] components = recordClass.getRecordComponents();
        MethodHandle[] handles = new MethodHandle[components.length];
        Class<?>[] parameterTypes = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                handles[i] = lookup.unreflect(components[i].getAccessor())
                        .asType(MethodType.methodType(Object.class, Object.class));
                parameterTypes[i] = components[i].getType();
            }
            constructor = lookup.findConstructor(recordClass, MethodType.methodType(void.class, parameterTypes))
                    .asSpreader(Object[].class, components.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw ReflectionAccess.inaccessible(recordClass, e);
        }
        accessors = handles;
    }

    @Override
    public Class<T> type() {
        return recordClass;
    }

    @Override
    public int arity() {
        return recordClass.getRecordComponents().length;
    }

    @Override
    public Object get(T value, int field) {
        if (accessors == null) {
            resolve();
        }
        try {
            return (Object) accessors[field].invokeExact((Object) value);
        } catch (Throwable e) {
            throw ReflectionAccess.failure("reading component " + field + " of", recordClass, e);
        }
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
