package io.weir.core.serialization;

/**
 * A class loader of a job's own classes (a job jar's) that lets Weir generate code beside them.
 * Code generation ({@link FieldCodecs}) defines hidden classes next to a record or POJO, which needs
 * a lookup with full access to the type's module; a loader's classes form an unnamed module of
 * their own, out of reach of Weir's. Such a loader defines one small class of Weir's into that
 * module, whose lookup then opens it. A job's classes from any other loader take the generic paths.
 */
public interface CodeGenerationLoader {

    /** Defines a class in this loader ({@code ClassLoader.defineClass}, which is protected). */
    Class<?> defineGeneratedClass(String name, byte[] bytes);
}
