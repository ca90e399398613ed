package io.weir.core.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldHandlesTest {

    record Point(long x, String label, int y) {}

    private static MethodHandle create() throws ReflectiveOperationException {
        return MethodHandles.lookup()
                .findConstructor(Point.class, MethodType.methodType(void.class, long.class, String.class, int.class))
                .asSpreader(Object[].class, 3)
                .asType(MethodType.methodType(Object.class, Object[].class));
    }

    private static MethodHandle[] getters() throws ReflectiveOperationException {
        MethodHandle[] getters = new MethodHandle[3];
        int i = 0;
        for (String name : List.of("x", "label", "y")) {
            MethodHandle accessor = MethodHandles.lookup()
                    .findVirtual(
                            Point.class,
                            name,
                            MethodType.methodType(
                                    Point.class.getDeclaredMethod(name).getReturnType()));
            getters[i++] = accessor.asType(MethodType.methodType(Object.class, Object.class));
        }
        return getters;
    }

    @Test
    void eachTypeGetsAHiddenClassThatBuildsAndReadsLikeThePlainHandles() throws Throwable {
        FieldHandles hidden = FieldHandles.of(create(), getters());
        FieldHandles plain = FieldHandles.plain(create(), FieldHandles.switchOver(getters()));
        assertThat(hidden.getClass().isHidden())
                .as("constants in a hidden class")
                .isTrue();
        assertThat(FieldHandles.of(create(), getters()).getClass())
                .as("one hidden class per type")
                .isNotSameAs(hidden.getClass());

        for (FieldHandles handles : List.of(hidden, plain)) {
            Object point = handles.create(new Object[] {7L, "p", 3});
            assertThat(point).isEqualTo(new Point(7, "p", 3));
            assertThat(handles.get(point, 0)).isEqualTo(7L);
            assertThat(handles.get(point, 1)).isEqualTo("p");
            assertThat(handles.get(point, 2)).isEqualTo(3);
            assertThatThrownBy(() -> handles.get(point, 3))
                    .isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining("no field 3");
        }
    }

    record Other(long x, String label, int y) {}

    /** A POJO with two layouts: all its fields, or only some. */
    public static final class Bean {
        public long id;
        public String name;
    }

    @Test
    void accessesOfOneTypeShareItsHandlesAcrossInstancesAndCopies() throws Exception {
        RecordAccess<Point> first = new RecordAccess<>(Point.class);
        RecordAccess<Point> second = new RecordAccess<>(Point.class);
        RecordAccess<Point> copy = roundTrip(first);
        assertThat(copy.create(new Object[] {1L, "c", 2})).isEqualTo(new Point(1, "c", 2)); // resolves
        assertThat(handlesOf(second)).isSameAs(handlesOf(first));
        assertThat(handlesOf(copy)).isSameAs(handlesOf(first));
        assertThat(handlesOf(new RecordAccess<>(Other.class))).isNotSameAs(handlesOf(first));

        PojoAccess.FieldRef id = new PojoAccess.FieldRef(Bean.class, "id");
        PojoAccess.FieldRef name = new PojoAccess.FieldRef(Bean.class, "name");
        PojoAccess<Bean> both = new PojoAccess<>(Bean.class, List.of(id, name));
        PojoAccess<Bean> idOnly = new PojoAccess<>(Bean.class, List.of(id));
        PojoAccess<Bean> bothCopy = roundTrip(both);
        assertThat(bothCopy.get(bothCopy.create(new Object[] {6L, "n"}), 1)).isEqualTo("n");
        assertThat(handlesOf(bothCopy)).isSameAs(handlesOf(both));
        assertThat(handlesOf(idOnly)).as("another layout of the class").isNotSameAs(handlesOf(both));
        Bean bean = idOnly.create(new Object[] {5L});
        assertThat(bean.id).isEqualTo(5L);
    }

    private static Object handlesOf(Object access) throws ReflectiveOperationException {
        Field field = access.getClass().getDeclaredField("handles");
        field.setAccessible(true);
        return field.get(access);
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
