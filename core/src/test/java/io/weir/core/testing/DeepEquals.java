package io.weir.core.testing;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Structural equality for test oracles: arrays by content, records by components, POJOs by fields,
 * collections and maps element by element — so that a record holding an {@code int[]} compares by
 * value.
 */
public final class DeepEquals {

    private DeepEquals() {}

    public static boolean deepEquals(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a.getClass().isArray() && b.getClass().isArray()) {
            return Objects.deepEquals(a, b) || arrayElementsEqual(a, b);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<?> i = x.iterator();
            Iterator<?> j = y.iterator();
            while (i.hasNext()) {
                if (!deepEquals(i.next(), j.next())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : x.entrySet()) {
                if (!y.containsKey(entry.getKey()) || !deepEquals(entry.getValue(), y.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a.getClass() != b.getClass()) {
            return false;
        }
        if (a.getClass().isRecord()) {
            try {
                for (RecordComponent component : a.getClass().getRecordComponents()) {
                    component.getAccessor().setAccessible(true);
                    if (!deepEquals(
                            component.getAccessor().invoke(a),
                            component.getAccessor().invoke(b))) {
                        return false;
                    }
                }
                return true;
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        if (a.equals(b)) {
            return true;
        }
        if (a.getClass().getName().startsWith("java.")) {
            return false;
        }
        // a POJO without equals: compare its fields
        try {
            for (Class<?> c = a.getClass(); c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers())) {
                        continue;
                    }
                    field.setAccessible(true);
                    if (!deepEquals(field.get(a), field.get(b))) {
                        return false;
                    }
                }
            }
            return true;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean arrayElementsEqual(Object a, Object b) {
        if (!(a instanceof Object[] x) || !(b instanceof Object[] y) || x.length != y.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            if (!deepEquals(x[i], y[i])) {
                return false;
            }
        }
        return true;
    }
}
