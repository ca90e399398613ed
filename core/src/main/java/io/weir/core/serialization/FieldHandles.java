package io.weir.core.serialization;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Builds a composite value from its field values and reads its fields, through method handles that
 * the JIT compiles as constants.
 *
 * <p>A method handle held in an ordinary field is not a constant: each call runs through the handle's
 * generic adapters, which made building a record (spreading the field array over its canonical
 * constructor) the costliest step of deserializing one. A handle in a {@code static final} field is a
 * constant that the JIT inlines down to the constructor or field access. {@link #of} therefore
 * defines, per composite type, a hidden class from {@link ConstantFieldHandles}' bytes whose static
 * final fields hold that type's two handles (its class data). Where a hidden class cannot be defined,
 * the handles are called as they are.
 */
interface FieldHandles extends CompositeFields {

    /**
     * The handles of composite type {@code type} with the given fields (a description that tells
     * apart two layouts of one class), built by {@code build} the first time they are asked for and
     * then shared: every serializer, comparator and task of a job (and of later jobs in the process)
     * that reads or builds the type uses one hidden class, instead of defining its own and spinning
     * its own method-handle forms — which cost start-up time and compiler work per instance.
     */
    static CompositeFields shared(Class<?> type, Object fields, Supplier<CompositeFields> build) {
        return Shared.BY_TYPE.get(type).computeIfAbsent(fields, unused -> build.get());
    }

    /**
     * @param create {@code (Object[]) Object}: the value built from its field values
     * @param getters per field, {@code (Object) Object}: the field's value (boxed)
     */
    static FieldHandles of(MethodHandle create, MethodHandle[] getters) {
        MethodHandle get = switchOver(getters);
        try {
            MethodHandles.Lookup hidden =
                    MethodHandles.lookup().defineHiddenClassWithClassData(Template.BYTES, List.of(create, get), true);
            return (FieldHandles) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
        } catch (Throwable e) {
            return plain(create, get);
        }
    }

    /** The handles called as they are: what {@link #of} falls back to. */
    static FieldHandles plain(MethodHandle create, MethodHandle get) {
        return new FieldHandles() {
            @Override
            public Object create(Object[] fields) throws Throwable {
                return (Object) create.invokeExact(fields);
            }

            @Override
            public Object get(Object value, int field) throws Throwable {
                return (Object) get.invokeExact(field, value);
            }
        };
    }

    /** {@code (Object[]) Object}: a no-argument constructor followed by a setter per field. */
    static MethodHandle constructAndSet(MethodHandle constructor, MethodHandle[] setters) {
        // from the last field back: (Object value, Object[] fields) -> value, after setting field i
        MethodHandle rest = MethodHandles.dropArguments(MethodHandles.identity(Object.class), 1, Object[].class);
        MethodHandle element = MethodHandles.arrayElementGetter(Object[].class);
        for (int i = setters.length - 1; i >= 0; i--) {
            MethodHandle setField = MethodHandles.filterArguments(
                    setters[i], 1, MethodHandles.insertArguments(element, 1, i)); // (Object, Object[]) void
            rest = MethodHandles.foldArguments(rest, setField);
        }
        return MethodHandles.foldArguments(rest, constructor.asType(MethodType.methodType(Object.class)));
    }

    /** {@code (int, Object) Object}: a table switch over the getters. */
    static MethodHandle switchOver(MethodHandle[] getters) {
        MethodHandle[] cases = new MethodHandle[getters.length];
        for (int i = 0; i < getters.length; i++) {
            cases[i] = MethodHandles.dropArguments(getters[i], 0, int.class);
        }
        MethodHandle outOfRange;
        try {
            outOfRange = MethodHandles.lookup()
                    .findStatic(
                            FieldHandles.class,
                            "outOfRange",
                            MethodType.methodType(Object.class, int.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        if (cases.length == 0) {
            return outOfRange;
        }
        return MethodHandles.tableSwitch(outOfRange, cases);
    }

    private static Object outOfRange(int field, Object value) {
        throw new IndexOutOfBoundsException(
                "no field " + field + " in " + value.getClass().getName());
    }

    /** The handles built so far, per type and fields (see {@link #shared}). */
    final class Shared {
        static final ClassValue<Map<Object, CompositeFields>> BY_TYPE = new ClassValue<>() {
            @Override
            protected Map<Object, CompositeFields> computeValue(Class<?> type) {
                return new ConcurrentHashMap<>();
            }
        };

        private Shared() {}
    }

    /** The template's class file, read once. */
    final class Template {
        static final byte[] BYTES = read();

        private Template() {}

        private static byte[] read() {
            try (InputStream in = FieldHandles.class.getResourceAsStream("ConstantFieldHandles.class")) {
                return in == null ? new byte[0] : in.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        }
    }
}
