package io.weir.core.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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
}
