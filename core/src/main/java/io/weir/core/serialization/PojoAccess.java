package io.weir.core.serialization;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.List;

/**
 * Reads and writes a POJO's fields directly (through field handles, not getters and setters) and
 * builds it with its no-argument constructor. Which fields a POJO has, and that it qualifies, is
 * decided by type extraction; this class only needs the declaring class and name of each field.
 */
public final class PojoAccess<T> implements CompositeAccess<T> {

    private static final long serialVersionUID = 1L;

    /** A field by its declaring class and name, which identify it across processes. */
    public record FieldRef(Class<?> declaringClass, String name) implements java.io.Serializable {}

    private final Class<T> pojoClass;
    private final List<FieldRef> fields;
    private transient CompositeFields handles;

    public PojoAccess(Class<T> pojoClass, List<FieldRef> fields) {
        this.pojoClass = pojoClass;
        this.fields = List.copyOf(fields);
        resolve();
    }

    private void resolve() {
        handles = FieldHandles.shared(pojoClass, fields, this::build);
    }

    /** Generated code for the type where it can be defined ({@link FieldCodecs#fields}), else method handles. */
    private CompositeFields build() {
        CompositeFields generated = FieldCodecs.fields(this);
        return generated != null ? generated : methodHandles();
    }

    private FieldHandles methodHandles() {
        MethodHandle[] get = new MethodHandle[fields.size()];
        MethodHandle[] set = new MethodHandle[fields.size()];
        try {
            for (int i = 0; i < fields.size(); i++) {
                FieldRef ref = fields.get(i);
                Field field = ref.declaringClass().getDeclaredField(ref.name());
                MethodHandles.Lookup lookup = ReflectionAccess.lookupFor(ref.declaringClass());
                get[i] = lookup.unreflectGetter(field).asType(MethodType.methodType(Object.class, Object.class));
                set[i] = lookup.unreflectSetter(field)
                        .asType(MethodType.methodType(void.class, Object.class, Object.class));
            }
            MethodHandle constructor =
                    ReflectionAccess.lookupFor(pojoClass).findConstructor(pojoClass, MethodType.methodType(void.class));
            return FieldHandles.of(FieldHandles.constructAndSet(constructor, set), get);
        } catch (ReflectiveOperationException e) {
            throw ReflectionAccess.inaccessible(pojoClass, e);
        }
    }

    @Override
    public Class<T> type() {
        return pojoClass;
    }

    /** The fields, in field order. */
    List<FieldRef> fields() {
        return fields;
    }

    @Override
    public int arity() {
        return fields.size();
    }

    @Override
    public Object get(T value, int field) {
        if (handles == null) {
            resolve();
        }
        try {
            return handles.get(value, field);
        } catch (Throwable e) {
            throw ReflectionAccess.failure("reading field " + fields.get(field).name() + " of", pojoClass, e);
        }
    }

    @Override
    public T create(Object[] values) {
        if (handles == null) {
            resolve();
        }
        try {
            return pojoClass.cast(handles.create(values));
        } catch (Throwable e) {
            throw ReflectionAccess.failure("constructing", pojoClass, e);
        }
    }

    @Override
    public boolean isImmutable() {
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PojoAccess<?> that && that.pojoClass == pojoClass && that.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return pojoClass.hashCode() * 31 + fields.hashCode();
    }
}
