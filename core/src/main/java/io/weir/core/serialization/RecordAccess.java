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
    private final int arity;
    private transient CompositeFields handles;

    public RecordAccess(Class<T> recordClass) {
        if (!recordClass.isRecord()) {
            throw new IllegalArgumentException(recordClass.getName() + " is not a record");
        }
        this.recordClass = recordClass;
        this.arity = recordClass.getRecordComponents().length;
        resolve();
    }

    private void resolve() {
        handles = FieldHandles.shared(recordClass, RecordAccess.class, this::build);
    }

    /** Generated code for the type where it can be defined ({@link FieldCodecs#fields}), else method handles. */
    private CompositeFields build() {
        CompositeFields generated = FieldCodecs.fields(this);
        return generated != null ? generated : methodHandles();
    }

    private FieldHandles methodHandles() {
        MethodHandles.Lookup lookup = ReflectionAccess.lookupFor(recordClass);
        RecordComponent[] components = recordClass.getRecordComponents();
        MethodHandle[] getters = new MethodHandle[components.length];
        Class<?>[] parameterTypes = new Class<?>[components.length];
        MethodHandle constructor;
        try {
            for (int i = 0; i < components.length; i++) {
                getters[i] = lookup.unreflect(components[i].getAccessor())
                        .asType(MethodType.methodType(Object.class, Object.class));
                parameterTypes[i] = components[i].getType();
            }
            constructor = lookup.findConstructor(recordClass, MethodType.methodType(void.class, parameterTypes))
                    .asSpreader(Object[].class, components.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw ReflectionAccess.inaccessible(recordClass, e);
        }
        return FieldHandles.of(constructor, getters);
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
        if (handles == null) {
            resolve();
        }
        try {
            return handles.get(value, field);
        } catch (Throwable e) {
            throw ReflectionAccess.failure("reading component " + field + " of", recordClass, e);
        }
    }

    @Override
    public T create(Object[] fields) {
        if (handles == null) {
            resolve();
        }
        try {
            return recordClass.cast(handles.create(fields));
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
