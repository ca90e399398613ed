package io.weir.core.serialization;

import java.lang.invoke.MethodHandles;

/** Lookups into user classes, and the errors when a class keeps Weir out. */
final class ReflectionAccess {

    private ReflectionAccess() {}

    /**
     * A lookup with private access to {@code type}: needed for records and POJOs that are not public
     * (nested in a test or a main class). Classes on the class path are always open to it; a class in
     * a named module must open its package to Weir.
     */
    static MethodHandles.Lookup lookupFor(Class<?> type) {
        try {
            return MethodHandles.privateLookupIn(type, MethodHandles.lookup());
        } catch (IllegalAccessException e) {
            throw inaccessible(type, e);
        }
    }

    static IllegalStateException inaccessible(Class<?> type, Exception cause) {
        return new IllegalStateException(
                "Weir cannot access the fields or constructor of " + type.getName() + ": " + cause.getMessage()
                        + ". If the class is in a named module, open its package to Weir (opens ... to"
                        + " io.weir.core, or --add-opens).",
                cause);
    }

    static RuntimeException failure(String action, Class<?> type, Throwable cause) {
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(action + " " + type.getName() + " failed: " + cause, cause);
    }
}
