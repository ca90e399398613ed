package io.weir.core.serialization;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;

/**
 * The template of the hidden classes {@link FieldHandles#of} defines: never loaded under its own name.
 * Each hidden copy's class data holds its type's handles, which land in static final fields and so
 * are constants to the JIT.
 */
final class ConstantFieldHandles implements FieldHandles {

    private static final MethodHandle CREATE;
    private static final MethodHandle GET;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CREATE = MethodHandles.classDataAt(lookup, "_", MethodHandle.class, 0);
            GET = MethodHandles.classDataAt(lookup, "_", MethodHandle.class, 1);
        } catch (IllegalAccessException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Object create(Object[] fields) throws Throwable {
        return (Object) CREATE.invokeExact(fields);
    }

    @Override
    public Object get(Object value, int field) throws Throwable {
        return (Object) GET.invokeExact(field, value);
    }
}
