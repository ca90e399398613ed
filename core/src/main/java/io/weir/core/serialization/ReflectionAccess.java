package io.weir.core.serialization;

import java.lang.invoke.MethodHandles;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Lookups into user classes, and the errors when a class keeps Weir out. */
final class ReflectionAccess {

    private ReflectionAccess() {}

    /**
     * A lookup with private access to {@code type}: needed for records and POJOs that are not public
     * (nested in a test or a main class). Classes on the class path are always open to it; a class in
     * a named module must open its package to Weir.
     */
    static MethodHandles.Lookup lookupFor(Class<?> type) {
        MethodHandles.Lookup lookup;
        try {
            lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
        } catch (IllegalAccessException e) {
            throw inaccessible(type, e);
        }
        if (!lookup.hasFullPrivilegeAccess() && type.getClassLoader() instanceof CodeGenerationLoader loader) {
            try {
                return MethodHandles.privateLookupIn(type, ModuleLookups.of(loader, type.getModule()));
            } catch (IllegalAccessException | RuntimeException e) {
                return lookup; // no full access: the generic paths run
            }
        }
        return lookup;
    }

    /**
     * Per {@link CodeGenerationLoader}, a lookup with full access to its unnamed module: that of a
     * class Weir defines there once (the loader then finds it by name), whose one method returns
     * {@code MethodHandles.lookup()}.
     */
    static final class ModuleLookups {
        private static final String NAME = "io.weir.generated.ModuleLookup";

        private ModuleLookups() {}

        static MethodHandles.Lookup of(CodeGenerationLoader loader, Module module) {
            Class<?> helper;
            try {
                helper = Class.forName(NAME, true, (ClassLoader) loader);
            } catch (ClassNotFoundException notYet) {
                try {
                    helper = loader.defineGeneratedClass(NAME, helperBytes());
                } catch (LinkageError definedMeanwhile) {
                    try {
                        helper = Class.forName(NAME, true, (ClassLoader) loader);
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException("cannot open the module of " + loader, e);
                    }
                }
            }
            if (helper.getModule() != module) {
                throw new IllegalStateException(NAME + " of " + loader + " is not in the module of its classes");
            }
            try {
                return (MethodHandles.Lookup) helper.getMethod("lookup").invoke(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot open the module of " + loader, e);
            }
        }

        private static byte[] helperBytes() {
            String name = NAME.replace('.', '/');
            ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
            writer.visit(
                    Opcodes.V17,
                    Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER,
                    name,
                    null,
                    "java/lang/Object",
                    null);
            MethodVisitor code = writer.visitMethod(
                    Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC,
                    "lookup",
                    "()Ljava/lang/invoke/MethodHandles$Lookup;",
                    null,
                    null);
            code.visitCode();
            code.visitMethodInsn(
                    Opcodes.INVOKESTATIC,
                    "java/lang/invoke/MethodHandles",
                    "lookup",
                    "()Ljava/lang/invoke/MethodHandles$Lookup;",
                    false);
            code.visitInsn(Opcodes.ARETURN);
            code.visitMaxs(0, 0);
            code.visitEnd();
            writer.visitEnd();
            return writer.toByteArray();
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
