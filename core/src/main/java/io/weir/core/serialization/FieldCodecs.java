package io.weir.core.serialization;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Generates, per composite type (a record, POJO or tuple), hidden classes in the type's own package
 * and nest whose methods are straight-line bytecode for that type's fields: {@link FieldCodec}
 * ({@link CompositeSerializer}'s serialize and deserialize), {@link CompositeFields} (building a value
 * and reading a field, for {@link RecordAccess} and {@link PojoAccess}), {@link KeyValueCodec}
 * ({@link KeyValueLayout}'s reads and writes) and {@link FieldKeys} ({@link CompositeComparator}'s key
 * functions on top-level fields); {@link SlotCodecs} uses the same machinery for {@link SlotCodec}.
 *
 * <p>The generic loops read every field as an {@code Object} through the type's {@link
 * CompositeAccess} (a primitive field boxed on the way), call each field's serializer or comparator
 * from one call site that sees every one of the job, and build a value from an {@code Object[]}
 * spread over a constructor. The generated code calls the accessor, reads the field or invokes the
 * constructor directly, writes and reads primitive fields with {@code writeLong}, {@code readInt},
 * ... without boxing, and calls each other field's serializer or comparator from a call site of its
 * own, which the JIT sees with one receiver and inlines. Bytes and results are the generic loops',
 * which stay as the fallback and as the tests' oracle.
 *
 * <p>A type gets no generated code (the generic loops run) when its composite access is not a
 * record, POJO or tuple; when Weir cannot define a class next to it (a class of a loader of its own
 * is in another unnamed module, and {@code defineHiddenClass} needs full access to the type's
 * package — unless the loader is a {@link CodeGenerationLoader}, as a job jar's is); when a field, a
 * constructor or a field's type would not be accessible from the type's package and nest; or when
 * {@code -Dweir.codegen=false}.
 */
final class FieldCodecs {

    /** Off with {@code -Dweir.codegen=false}: every composite type then takes the generic path. */
    static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty("weir.codegen"));

    static final String OBJECT = "java/lang/Object";
    private static final String CODEC = Type.getInternalName(FieldCodec.class);
    private static final String SERIALIZER = Type.getInternalName(TypeSerializer.class);
    private static final String SERIALIZER_DESCRIPTOR = Type.getDescriptor(TypeSerializer.class);
    private static final String KEYS = Type.getInternalName(FieldKeys.class);
    private static final String FIELDS = Type.getInternalName(CompositeFields.class);
    private static final String LAYOUT = Type.getInternalName(KeyValueCodec.class);
    private static final String COMPARATOR = Type.getInternalName(TypeComparator.class);
    private static final String COMPARATOR_DESCRIPTOR = Type.getDescriptor(TypeComparator.class);
    private static final String OUTPUT = "io/weir/memory/view/DataOutputView";
    private static final String INPUT = "io/weir/memory/view/DataInputView";

    private FieldCodecs() {}

    /** How a primitive field is written and read when its serializer is the standard one. */
    record Primitive(
            Class<?> serializer, String write, String writeDescriptor, String read, Class<?> box, String unbox) {}

    static final Map<Class<?>, Primitive> PRIMITIVES = Map.of(
            long.class, new Primitive(LongSerializer.class, "writeLong", "(J)V", "readLong", Long.class, "longValue"),
            int.class, new Primitive(IntSerializer.class, "writeInt", "(I)V", "readInt", Integer.class, "intValue"),
            double.class,
                    new Primitive(
                            DoubleSerializer.class, "writeDouble", "(D)V", "readDouble", Double.class, "doubleValue"),
            float.class,
                    new Primitive(FloatSerializer.class, "writeFloat", "(F)V", "readFloat", Float.class, "floatValue"),
            short.class,
                    new Primitive(ShortSerializer.class, "writeShort", "(I)V", "readShort", Short.class, "shortValue"),
            byte.class, new Primitive(ByteSerializer.class, "writeByte", "(I)V", "readByte", Byte.class, "byteValue"),
            char.class,
                    new Primitive(CharSerializer.class, "writeChar", "(I)V", "readChar", Character.class, "charValue"),
            boolean.class,
                    new Primitive(
                            BooleanSerializer.class,
                            "writeBoolean",
                            "(Z)V",
                            "readBoolean",
                            Boolean.class,
                            "booleanValue"));

    /** One field: its declared type, and how it is read (and, unless the constructor sets it, written). */
    record FieldAccess(Class<?> type, String owner, String name, boolean viaAccessor) {

        void get(MethodVisitor code) {
            if (viaAccessor) {
                code.visitMethodInsn(Opcodes.INVOKEVIRTUAL, owner, name, "()" + Type.getDescriptor(type), false);
            } else {
                code.visitFieldInsn(Opcodes.GETFIELD, owner, name, Type.getDescriptor(type));
            }
        }

        void set(MethodVisitor code) {
            code.visitFieldInsn(Opcodes.PUTFIELD, owner, name, Type.getDescriptor(type));
        }
    }

    /** A composite type as the generated code sees it. */
    record Shape(Class<?> type, List<FieldAccess> fields, boolean viaConstructor) {}

    /** The generated classes so far, per type, composite access, serializer classes and nullability. */
    private static final ClassValue<Map<List<Object>, Optional<MethodHandle>>> GENERATED = new ClassValue<>() {
        @Override
        protected Map<List<Object>, Optional<MethodHandle>> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    /**
     * A codec for values of {@code access}'s type written with {@code serializers} (one per field,
     * held by the codec), or {@code null} when the type gets none (see the class comment).
     */
    static FieldCodec create(CompositeAccess<?> access, TypeSerializer<Object>[] serializers, boolean[] nullable) {
        return (FieldCodec) instantiate(
                access,
                List.of("codec", access, Arrays.toString(nullable)),
                TypeSerializer[].class,
                serializers.clone(),
                shape -> shape.fields().size() == serializers.length
                        ? generateCodec(shape, serializers, nullable)
                        : null);
    }

    /**
     * Building values of {@code access}'s type from field values and reading their fields, without
     * method handles; {@code null} when the type gets no generated code.
     */
    static CompositeFields fields(CompositeAccess<?> access) {
        return (CompositeFields) instantiate(
                access, List.of("fields", access), Object[].class, new Object[0], FieldCodecs::generateFields);
    }

    /**
     * A {@link KeyValueLayout}'s reads and writes for {@code access}'s type with key fields {@code
     * keyFields} (in key order) and the others {@code valueFields}, each written by its serializer
     * in {@code serializers} (held by the result); {@code null} when the type gets no generated
     * code.
     */
    static KeyValueCodec layout(
            CompositeAccess<?> access,
            int[] keyFields,
            int[] valueFields,
            TypeSerializer<Object>[] serializers,
            boolean[] nullable) {
        return (KeyValueCodec) instantiate(
                access,
                List.of(
                        "layout",
                        access,
                        Arrays.toString(keyFields),
                        Arrays.toString(valueFields),
                        Arrays.toString(nullable)),
                TypeSerializer[].class,
                serializers.clone(),
                shape -> shape.fields().size() == serializers.length
                        ? generateLayout(shape, keyFields, valueFields, serializers, nullable)
                        : null);
    }

    /**
     * The key functions of a {@link CompositeComparator} on the top-level fields {@code positions}
     * of {@code access}'s type, compared by {@code comparators} (held by the result), or {@code
     * null} when the type gets no generated code.
     */
    static FieldKeys keys(
            CompositeAccess<?> access,
            int[] positions,
            TypeComparator<Object>[] comparators,
            boolean[] nullable,
            boolean[] ascending) {
        boolean[] primitiveHash = new boolean[positions.length];
        for (int k = 0; k < positions.length; k++) {
            primitiveHash[k] =
                    comparators[k] instanceof NaturalOrderComparator<?> natural && natural.hashesAsPrimitive();
        }
        return (FieldKeys) instantiate(
                access,
                List.of(
                        "keys",
                        access,
                        Arrays.toString(positions),
                        Arrays.toString(nullable),
                        Arrays.toString(ascending),
                        Arrays.toString(primitiveHash)),
                TypeComparator[].class,
                comparators.clone(),
                shape -> Arrays.stream(positions)
                                .allMatch(position -> position < shape.fields().size())
                        ? generateKeys(shape, positions, nullable, ascending, primitiveHash)
                        : null);
    }

    /**
     * An instance, holding {@code held}, of the class {@code generate} writes for the type's shape:
     * defined once per {@code what} (the kind of class and what shapes its code) and classes of the
     * held objects, which the code's call sites are compiled for; {@code null} where there is none.
     */
    static Object instantiate(
            CompositeAccess<?> access,
            List<Object> what,
            Class<?> heldType,
            Object[] held,
            Function<Shape, byte[]> generate) {
        if (!ENABLED) {
            return null;
        }
        List<Object> key = new ArrayList<>(what);
        for (Object object : held) {
            key.add(object.getClass());
        }
        Optional<MethodHandle> constructor = GENERATED
                .get(access.type())
                .computeIfAbsent(List.copyOf(key), unused -> define(access, heldType, generate));
        if (constructor.isEmpty()) {
            return null;
        }
        try {
            return constructor.get().invoke(held);
        } catch (Throwable e) {
            return null;
        }
    }

    private static Optional<MethodHandle> define(
            CompositeAccess<?> access, Class<?> heldType, Function<Shape, byte[]> generate) {
        try {
            Shape shape = shapeOf(access);
            if (shape == null) {
                return Optional.empty();
            }
            MethodHandles.Lookup lookup = ReflectionAccess.lookupFor(shape.type());
            if (!lookup.hasFullPrivilegeAccess()) {
                return Optional.empty();
            }
            byte[] bytes = generate.apply(shape);
            if (bytes == null) {
                return Optional.empty();
            }
            MethodHandles.Lookup hidden =
                    lookup.defineHiddenClass(bytes, true, MethodHandles.Lookup.ClassOption.NESTMATE);
            return Optional.of(
                    hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class, heldType)));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** The type's fields and how to reach them, or {@code null} when some are out of reach. */
    private static Shape shapeOf(CompositeAccess<?> access) throws ReflectiveOperationException {
        Class<?> type = access.type();
        if (type.isHidden() || type.isArray() || type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            return null;
        }
        List<FieldAccess> fields = new ArrayList<>();
        if (access instanceof RecordAccess<?>) {
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                if (!reachable(type, components[i].getAccessor(), type) || !reachable(type, types[i])) {
                    return null;
                }
                fields.add(new FieldAccess(
                        types[i],
                        Type.getInternalName(type),
                        components[i].getAccessor().getName(),
                        true));
            }
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            return reachable(type, canonical, type) ? new Shape(type, fields, true) : null;
        }
        if (access instanceof PojoAccess<?> pojo) {
            for (PojoAccess.FieldRef ref : pojo.fields()) {
                Field field = ref.declaringClass().getDeclaredField(ref.name());
                if (Modifier.isFinal(field.getModifiers())
                        || !reachable(type, field, ref.declaringClass())
                        || !reachable(type, field.getType())) {
                    return null;
                }
                fields.add(new FieldAccess(
                        field.getType(), Type.getInternalName(ref.declaringClass()), field.getName(), false));
            }
        } else if (access instanceof TupleAccess<?>) {
            for (int i = 0; i < access.arity(); i++) {
                Field field = type.getField("f" + i);
                fields.add(new FieldAccess(field.getType(), Type.getInternalName(type), field.getName(), false));
            }
        } else {
            return null;
        }
        Constructor<?> constructor = type.getDeclaredConstructor();
        return reachable(type, constructor, type) ? new Shape(type, fields, false) : null;
    }

    /** Whether code in {@code host}'s package and nest may name {@code type}. */
    private static boolean reachable(Class<?> host, Class<?> type) {
        while (type.isArray()) {
            type = type.getComponentType();
        }
        if (type.isPrimitive() || samePackage(host, type)) {
            return true;
        }
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                return false;
            }
        }
        return type.getModule().isExported(type.getPackageName(), host.getModule());
    }

    /** Whether code in {@code host}'s package and nest may use {@code member} of {@code owner}. */
    private static boolean reachable(Class<?> host, Member member, Class<?> owner) {
        if (!reachable(host, owner)) {
            return false;
        }
        int modifiers = member.getModifiers();
        if (Modifier.isPublic(modifiers)) {
            return true;
        }
        if (Modifier.isPrivate(modifiers)) {
            return owner.getNestHost() == host.getNestHost();
        }
        return samePackage(host, owner);
    }

    private static boolean samePackage(Class<?> a, Class<?> b) {
        return a.getClassLoader() == b.getClassLoader() && a.getPackageName().equals(b.getPackageName());
    }

    // ---------------------------------------------------------------------------------------------
    // Bytecode

    /** A class writer for a generated class implementing {@code implemented}, next to the shape's type. */
    static ClassWriter begin(String self, String implemented) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String first, String second) {
                return OBJECT; // locals only ever merge with null; no class needs loading
            }
        };
        writer.visit(
                Opcodes.V17,
                Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER,
                self,
                null,
                OBJECT,
                new String[] {implemented});
        return writer;
    }

    private static byte[] generateCodec(Shape shape, TypeSerializer<Object>[] serializers, boolean[] nullable) {
        String self = Type.getInternalName(shape.type()) + "$$WeirCodec";
        ClassWriter writer = begin(self, CODEC);
        constructor(writer, self, "s", SERIALIZER_DESCRIPTOR, serializers.length);
        serialize(writer, self, shape, serializers, nullable);
        deserialize(writer, self, shape, serializers, nullable);
        writer.visitEnd();
        return writer.toByteArray();
    }

    /** Starts public method {@code name} of the generated class (declared to throw {@code IOException}). */
    static MethodVisitor method(ClassWriter writer, String name, String descriptor) {
        MethodVisitor code =
                writer.visitMethod(Opcodes.ACC_PUBLIC, name, descriptor, null, new String[] {"java/io/IOException"});
        code.visitCode();
        return code;
    }

    /** A constructor taking an array of {@code count} objects into final fields {@code prefix0, prefix1, ...}. */
    static void constructor(ClassWriter writer, String self, String prefix, String descriptor, int count) {
        for (int i = 0; i < count; i++) {
            writer.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, prefix + i, descriptor, null, null)
                    .visitEnd();
        }
        MethodVisitor code = method(writer, "<init>", "([" + descriptor + ")V");
        code.visitVarInsn(Opcodes.ALOAD, 0);
        code.visitMethodInsn(Opcodes.INVOKESPECIAL, OBJECT, "<init>", "()V", false);
        for (int i = 0; i < count; i++) {
            code.visitVarInsn(Opcodes.ALOAD, 0);
            code.visitVarInsn(Opcodes.ALOAD, 1);
            push(code, i);
            code.visitInsn(Opcodes.AALOAD);
            code.visitFieldInsn(Opcodes.PUTFIELD, self, prefix + i, descriptor);
        }
        code.visitInsn(Opcodes.RETURN);
        code.visitMaxs(0, 0);
        code.visitEnd();
    }

    /** The standard primitive path of field {@code i}, or {@code null} when it goes through its serializer. */
    static Primitive direct(Shape shape, TypeSerializer<Object>[] serializers, int i) {
        Primitive primitive = PRIMITIVES.get(shape.fields().get(i).type());
        return primitive != null && serializers[i].getClass() == primitive.serializer() ? primitive : null;
    }

    /** {@code serialize(Object value, DataOutputView out)}: the null bitmap, then the fields. */
    private static void serialize(
            ClassWriter writer, String self, Shape shape, TypeSerializer<Object>[] serializers, boolean[] nullable) {
        MethodVisitor code = method(writer, "serialize", "(Ljava/lang/Object;L" + OUTPUT + ";)V");
        String type = Type.getInternalName(shape.type());
        int value = 3;
        int bits = 4;
        int next = 5;
        code.visitVarInsn(Opcodes.ALOAD, 1);
        code.visitTypeInsn(Opcodes.CHECKCAST, type);
        code.visitVarInsn(Opcodes.ASTORE, value);
        List<FieldAccess> fields = shape.fields();
        int[] held = new int[fields.size()];
        Arrays.fill(held, -1);
        int bit = 0;
        for (int i = 0; i < fields.size(); i++) {
            if (!nullable[i]) {
                continue;
            }
            if (bit % 8 == 0) {
                push(code, 0);
                code.visitVarInsn(Opcodes.ISTORE, bits);
            }
            FieldAccess field = fields.get(i);
            if (!field.type().isPrimitive()) {
                held[i] = next++;
                code.visitVarInsn(Opcodes.ALOAD, value);
                field.get(code);
                code.visitVarInsn(Opcodes.ASTORE, held[i]);
                Label present = new Label();
                code.visitVarInsn(Opcodes.ALOAD, held[i]);
                code.visitJumpInsn(Opcodes.IFNONNULL, present);
                code.visitVarInsn(Opcodes.ILOAD, bits);
                push(code, 1 << (bit % 8));
                code.visitInsn(Opcodes.IOR);
                code.visitVarInsn(Opcodes.ISTORE, bits);
                code.visitLabel(present);
            }
            bit++;
            if (bit % 8 == 0) {
                writeBits(code, bits);
            }
        }
        if (bit % 8 != 0) {
            writeBits(code, bits);
        }
        for (int i = 0; i < fields.size(); i++) {
            if (held[i] >= 0) {
                Label absent = new Label();
                code.visitVarInsn(Opcodes.ALOAD, held[i]);
                code.visitJumpInsn(Opcodes.IFNULL, absent);
                loadSerializer(code, self, i);
                code.visitVarInsn(Opcodes.ALOAD, held[i]);
                code.visitVarInsn(Opcodes.ALOAD, 2);
                callSerialize(code);
                code.visitLabel(absent);
            } else {
                writeField(code, self, shape, serializers, i, value, 2);
            }
        }
        code.visitInsn(Opcodes.RETURN);
        code.visitMaxs(0, 0);
        code.visitEnd();
    }

    /**
     * Writes field {@code i} of the value in local {@code value} to the output in local {@code
     * out}: a standard primitive directly, anything else through the field's serializer.
     */
    private static void writeField(
            MethodVisitor code,
            String self,
            Shape shape,
            TypeSerializer<Object>[] serializers,
            int i,
            int value,
            int out) {
        FieldAccess field = shape.fields().get(i);
        Primitive primitive = direct(shape, serializers, i);
        if (primitive != null) {
            code.visitVarInsn(Opcodes.ALOAD, out);
            code.visitVarInsn(Opcodes.ALOAD, value);
            field.get(code);
            code.visitMethodInsn(Opcodes.INVOKEINTERFACE, OUTPUT, primitive.write(), primitive.writeDescriptor(), true);
        } else {
            loadSerializer(code, self, i);
            code.visitVarInsn(Opcodes.ALOAD, value);
            field.get(code);
            box(code, field.type());
            code.visitVarInsn(Opcodes.ALOAD, out);
            callSerialize(code);
        }
    }

    private static void writeBits(MethodVisitor code, int bits) {
        code.visitVarInsn(Opcodes.ALOAD, 2);
        code.visitVarInsn(Opcodes.ILOAD, bits);
        code.visitMethodInsn(Opcodes.INVOKEINTERFACE, OUTPUT, "writeByte", "(I)V", true);
    }

    /** {@code deserialize(DataInputView in)}: the null bitmap, the fields into locals, then the value. */
    private static void deserialize(
            ClassWriter writer, String self, Shape shape, TypeSerializer<Object>[] serializers, boolean[] nullable) {
        MethodVisitor code = method(writer, "deserialize", "(L" + INPUT + ";)Ljava/lang/Object;");
        List<FieldAccess> fields = shape.fields();
        int next = 2;
        int nullableFields = 0;
        for (boolean canBeNull : nullable) {
            nullableFields += canBeNull ? 1 : 0;
        }
        int[] bitmap = new int[(nullableFields + 7) / 8];
        for (int b = 0; b < bitmap.length; b++) {
            bitmap[b] = next++;
            code.visitVarInsn(Opcodes.ALOAD, 1);
            code.visitMethodInsn(Opcodes.INVOKEINTERFACE, INPUT, "readUnsignedByte", "()I", true);
            code.visitVarInsn(Opcodes.ISTORE, bitmap[b]);
        }
        int[] locals = new int[fields.size()];
        int bit = 0;
        for (int i = 0; i < fields.size(); i++) {
            FieldAccess field = fields.get(i);
            Type fieldType = Type.getType(field.type());
            locals[i] = next;
            next += fieldType.getSize();
            int fieldBit = nullable[i] ? bit++ : -1;
            if (fieldBit >= 0 && !field.type().isPrimitive()) {
                Label read = new Label();
                Label done = new Label();
                code.visitVarInsn(Opcodes.ILOAD, bitmap[fieldBit / 8]);
                push(code, 1 << (fieldBit % 8));
                code.visitInsn(Opcodes.IAND);
                code.visitJumpInsn(Opcodes.IFEQ, read);
                code.visitInsn(Opcodes.ACONST_NULL);
                code.visitVarInsn(Opcodes.ASTORE, locals[i]);
                code.visitJumpInsn(Opcodes.GOTO, done);
                code.visitLabel(read);
                readField(code, self, shape, serializers, i, 1);
                code.visitVarInsn(Opcodes.ASTORE, locals[i]);
                code.visitLabel(done);
            } else {
                readField(code, self, shape, serializers, i, 1);
                code.visitVarInsn(fieldType.getOpcode(Opcodes.ISTORE), locals[i]);
            }
        }
        construct(code, shape, locals);
        code.visitMaxs(0, 0);
        code.visitEnd();
    }

    /**
     * Pushes field {@code i} read from the input in local {@code in}: a standard primitive
     * directly, anything else through the field's serializer (unboxed or cast to the field's type).
     */
    private static void readField(
            MethodVisitor code, String self, Shape shape, TypeSerializer<Object>[] serializers, int i, int in) {
        Class<?> type = shape.fields().get(i).type();
        Primitive primitive = direct(shape, serializers, i);
        if (primitive != null) {
            code.visitVarInsn(Opcodes.ALOAD, in);
            code.visitMethodInsn(
                    Opcodes.INVOKEINTERFACE, INPUT, primitive.read(), "()" + Type.getDescriptor(type), true);
            return;
        }
        loadSerializer(code, self, i);
        code.visitVarInsn(Opcodes.ALOAD, in);
        code.visitMethodInsn(
                Opcodes.INVOKEINTERFACE, SERIALIZER, "deserialize", "(L" + INPUT + ";)Ljava/lang/Object;", true);
        unboxOrCast(code, type);
    }

    /** Turns the object on the stack into a value of {@code type}: unboxed, or cast. */
    private static void unboxOrCast(MethodVisitor code, Class<?> type) {
        Primitive unboxed = PRIMITIVES.get(type);
        if (unboxed != null) {
            String box = Type.getInternalName(unboxed.box());
            code.visitTypeInsn(Opcodes.CHECKCAST, box);
            code.visitMethodInsn(Opcodes.INVOKEVIRTUAL, box, unboxed.unbox(), "()" + Type.getDescriptor(type), false);
        } else if (type != Object.class) {
            code.visitTypeInsn(Opcodes.CHECKCAST, Type.getInternalName(type));
        }
    }

    /** Builds and returns a value of the shape's type from the field values in {@code locals}. */
    static void construct(MethodVisitor code, Shape shape, int[] locals) {
        List<FieldAccess> fields = shape.fields();
        String type = Type.getInternalName(shape.type());
        code.visitTypeInsn(Opcodes.NEW, type);
        code.visitInsn(Opcodes.DUP);
        if (shape.viaConstructor()) {
            StringBuilder descriptor = new StringBuilder("(");
            for (int i = 0; i < fields.size(); i++) {
                Type fieldType = Type.getType(fields.get(i).type());
                code.visitVarInsn(fieldType.getOpcode(Opcodes.ILOAD), locals[i]);
                descriptor.append(fieldType.getDescriptor());
            }
            code.visitMethodInsn(
                    Opcodes.INVOKESPECIAL,
                    type,
                    "<init>",
                    descriptor.append(")V").toString(),
                    false);
        } else {
            code.visitMethodInsn(Opcodes.INVOKESPECIAL, type, "<init>", "()V", false);
            for (int i = 0; i < fields.size(); i++) {
                code.visitInsn(Opcodes.DUP);
                code.visitVarInsn(Type.getType(fields.get(i).type()).getOpcode(Opcodes.ILOAD), locals[i]);
                fields.get(i).set(code);
            }
        }
        code.visitInsn(Opcodes.ARETURN);
    }

    // ---------------------------------------------------------------------------------------------
    // Building values and reading fields

    private static byte[] generateFields(Shape shape) {
        String self = Type.getInternalName(shape.type()) + "$$WeirFields";
        ClassWriter writer = begin(self, FIELDS);
        constructor(writer, self, "unused", "Ljava/lang/Object;", 0);
        List<FieldAccess> fields = shape.fields();

        // Object create(Object[] fields): each unboxed or cast to its field's type
        MethodVisitor code = method(writer, "create", "([Ljava/lang/Object;)Ljava/lang/Object;");
        int[] locals = fieldLocals(shape, 2);
        for (int i = 0; i < fields.size(); i++) {
            Class<?> type = fields.get(i).type();
            code.visitVarInsn(Opcodes.ALOAD, 1);
            push(code, i);
            code.visitInsn(Opcodes.AALOAD);
            unboxOrCast(code, type);
            code.visitVarInsn(Type.getType(type).getOpcode(Opcodes.ISTORE), locals[i]);
        }
        construct(code, shape, locals);
        code.visitMaxs(0, 0);
        code.visitEnd();

        // Object get(Object value, int field): a switch over the fields, primitives boxed
        code = method(writer, "get", "(Ljava/lang/Object;I)Ljava/lang/Object;");
        Label outOfRange = new Label();
        Label[] cases = new Label[fields.size()];
        for (int i = 0; i < cases.length; i++) {
            cases[i] = new Label();
        }
        code.visitVarInsn(Opcodes.ILOAD, 2);
        if (cases.length > 0) {
            code.visitTableSwitchInsn(0, cases.length - 1, outOfRange, cases);
        } else {
            code.visitInsn(Opcodes.POP);
        }
        String type = Type.getInternalName(shape.type());
        for (int i = 0; i < cases.length; i++) {
            code.visitLabel(cases[i]);
            code.visitVarInsn(Opcodes.ALOAD, 1);
            code.visitTypeInsn(Opcodes.CHECKCAST, type);
            boxedField(code, fields.get(i));
            code.visitInsn(Opcodes.ARETURN);
        }
        code.visitLabel(outOfRange);
        code.visitTypeInsn(Opcodes.NEW, "java/lang/IndexOutOfBoundsException");
        code.visitInsn(Opcodes.DUP);
        code.visitVarInsn(Opcodes.ILOAD, 2);
        code.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/IndexOutOfBoundsException", "<init>", "(I)V", false);
        code.visitInsn(Opcodes.ATHROW);
        code.visitMaxs(0, 0);
        code.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    // ---------------------------------------------------------------------------------------------
    // Key-value layouts

    private static byte[] generateLayout(
            Shape shape, int[] keyFields, int[] valueFields, TypeSerializer<Object>[] serializers, boolean[] nullable) {
        String self = Type.getInternalName(shape.type()) + "$$WeirLayout";
        ClassWriter writer = begin(self, LAYOUT);
        constructor(writer, self, "s", SERIALIZER_DESCRIPTOR, serializers.length);
        String type = Type.getInternalName(shape.type());
        for (boolean key : new boolean[] {true, false}) {
            // void writeKey|writeValue(Object record, DataOutputView out)
            MethodVisitor code =
                    method(writer, key ? "writeKey" : "writeValue", "(Ljava/lang/Object;L" + OUTPUT + ";)V");
            castTo(code, 1, type, 3);
            for (int field : key ? keyFields : valueFields) {
                writePresent(code, self, shape, serializers, nullable, field);
            }
            code.visitInsn(Opcodes.RETURN);
            code.visitMaxs(0, 0);
            code.visitEnd();
        }

        // Object readWithKeyOf(Object keySource, DataInputView in): key fields from the key source
        MethodVisitor code = method(writer, "readWithKeyOf", "(Ljava/lang/Object;L" + INPUT + ";)Ljava/lang/Object;");
        castTo(code, 1, type, 3);
        int[] locals = fieldLocals(shape, 4);
        for (int field : keyFields) {
            code.visitVarInsn(Opcodes.ALOAD, 3);
            shape.fields().get(field).get(code);
            code.visitVarInsn(Type.getType(shape.fields().get(field).type()).getOpcode(Opcodes.ISTORE), locals[field]);
        }
        for (int field : valueFields) {
            readPresent(code, self, shape, serializers, nullable, field, 2, locals[field]);
        }
        construct(code, shape, locals);
        code.visitMaxs(0, 0);
        code.visitEnd();

        // Object read(DataInputView in): the key fields, then the others
        code = method(writer, "read", "(L" + INPUT + ";)Ljava/lang/Object;");
        locals = fieldLocals(shape, 2);
        for (int[] part : new int[][] {keyFields, valueFields}) {
            for (int field : part) {
                readPresent(code, self, shape, serializers, nullable, field, 1, locals[field]);
            }
        }
        construct(code, shape, locals);
        code.visitMaxs(0, 0);
        code.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    /** A local per field of the shape, from {@code first} on (two slots for a long or double). */
    static int[] fieldLocals(Shape shape, int first) {
        int[] locals = new int[shape.fields().size()];
        int next = first;
        for (int i = 0; i < locals.length; i++) {
            locals[i] = next;
            next += Type.getType(shape.fields().get(i).type()).getSize();
        }
        return locals;
    }

    /**
     * Writes field {@code i} of the value in local 3 to the output in local 2 as {@link
     * KeyValueLayout} does: a presence byte first when it can be {@code null}. Uses local 4.
     */
    private static void writePresent(
            MethodVisitor code,
            String self,
            Shape shape,
            TypeSerializer<Object>[] serializers,
            boolean[] nullable,
            int i) {
        FieldAccess field = shape.fields().get(i);
        if (!nullable[i]) {
            writeField(code, self, shape, serializers, i, 3, 2);
            return;
        }
        if (field.type().isPrimitive()) {
            writePresence(code, true);
            writeField(code, self, shape, serializers, i, 3, 2);
            return;
        }
        Label absent = new Label();
        Label done = new Label();
        code.visitVarInsn(Opcodes.ALOAD, 3);
        field.get(code);
        code.visitVarInsn(Opcodes.ASTORE, 4);
        code.visitVarInsn(Opcodes.ALOAD, 4);
        code.visitJumpInsn(Opcodes.IFNULL, absent);
        writePresence(code, true);
        loadSerializer(code, self, i);
        code.visitVarInsn(Opcodes.ALOAD, 4);
        code.visitVarInsn(Opcodes.ALOAD, 2);
        callSerialize(code);
        code.visitJumpInsn(Opcodes.GOTO, done);
        code.visitLabel(absent);
        writePresence(code, false);
        code.visitLabel(done);
    }

    private static void writePresence(MethodVisitor code, boolean present) {
        code.visitVarInsn(Opcodes.ALOAD, 2);
        push(code, present ? 1 : 0);
        code.visitMethodInsn(Opcodes.INVOKEINTERFACE, OUTPUT, "writeBoolean", "(Z)V", true);
    }

    /**
     * Reads field {@code i} from the input in local {@code in} into local {@code local} as {@link
     * KeyValueLayout} does: after a presence byte when it can be {@code null}.
     */
    private static void readPresent(
            MethodVisitor code,
            String self,
            Shape shape,
            TypeSerializer<Object>[] serializers,
            boolean[] nullable,
            int i,
            int in,
            int local) {
        Type fieldType = Type.getType(shape.fields().get(i).type());
        if (!nullable[i]) {
            readField(code, self, shape, serializers, i, in);
            code.visitVarInsn(fieldType.getOpcode(Opcodes.ISTORE), local);
            return;
        }
        Label absent = new Label();
        Label done = new Label();
        code.visitVarInsn(Opcodes.ALOAD, in);
        code.visitMethodInsn(Opcodes.INVOKEINTERFACE, INPUT, "readBoolean", "()Z", true);
        code.visitJumpInsn(Opcodes.IFEQ, absent);
        readField(code, self, shape, serializers, i, in);
        code.visitVarInsn(fieldType.getOpcode(Opcodes.ISTORE), local);
        code.visitJumpInsn(Opcodes.GOTO, done);
        code.visitLabel(absent);
        switch (fieldType.getSort()) {
            case Type.LONG -> code.visitInsn(Opcodes.LCONST_0);
            case Type.DOUBLE -> code.visitInsn(Opcodes.DCONST_0);
            case Type.FLOAT -> code.visitInsn(Opcodes.FCONST_0);
            case Type.OBJECT, Type.ARRAY -> code.visitInsn(Opcodes.ACONST_NULL);
            default -> code.visitInsn(Opcodes.ICONST_0); // never written: a primitive is always present
        }
        code.visitVarInsn(fieldType.getOpcode(Opcodes.ISTORE), local);
        code.visitLabel(done);
    }

    // ---------------------------------------------------------------------------------------------
    // Key functions

    private static byte[] generateKeys(
            Shape shape, int[] positions, boolean[] nullable, boolean[] ascending, boolean[] primitiveHash) {
        String self = Type.getInternalName(shape.type()) + "$$WeirKeys";
        ClassWriter writer = begin(self, KEYS);
        constructor(writer, self, "c", COMPARATOR_DESCRIPTOR, positions.length);
        String type = Type.getInternalName(shape.type());
        List<FieldAccess> fields = shape.fields();

        // int hash(Object value): 31 * hash + the key field's hash (0 for null), as CompositeComparator;
        // a primitive field whose comparator hashes its box by hashCode is hashed unboxed, the same
        MethodVisitor code = method(writer, "hash", "(Ljava/lang/Object;)I");
        castTo(code, 1, type, 2);
        push(code, 0);
        code.visitVarInsn(Opcodes.ISTORE, 3);
        for (int k = 0; k < positions.length; k++) {
            FieldAccess field = fields.get(positions[k]);
            Primitive primitive = PRIMITIVES.get(field.type());
            if (primitive != null && primitiveHash[k]) {
                code.visitVarInsn(Opcodes.ILOAD, 3);
                push(code, 31);
                code.visitInsn(Opcodes.IMUL);
                code.visitVarInsn(Opcodes.ALOAD, 2);
                field.get(code);
                String box = Type.getInternalName(primitive.box());
                code.visitMethodInsn(
                        Opcodes.INVOKESTATIC, box, "hashCode", "(" + Type.getDescriptor(field.type()) + ")I", false);
                code.visitInsn(Opcodes.IADD);
                code.visitVarInsn(Opcodes.ISTORE, 3);
                continue;
            }
            code.visitVarInsn(Opcodes.ALOAD, 2);
            boxedField(code, fields.get(positions[k]));
            code.visitVarInsn(Opcodes.ASTORE, 4);
            Label absent = new Label();
            code.visitVarInsn(Opcodes.ILOAD, 3);
            push(code, 31);
            code.visitInsn(Opcodes.IMUL);
            code.visitVarInsn(Opcodes.ISTORE, 3);
            code.visitVarInsn(Opcodes.ALOAD, 4);
            code.visitJumpInsn(Opcodes.IFNULL, absent);
            code.visitVarInsn(Opcodes.ILOAD, 3);
            loadField(code, self, "c", COMPARATOR_DESCRIPTOR, k);
            code.visitVarInsn(Opcodes.ALOAD, 4);
            code.visitMethodInsn(Opcodes.INVOKEINTERFACE, COMPARATOR, "hash", "(Ljava/lang/Object;)I", true);
            code.visitInsn(Opcodes.IADD);
            code.visitVarInsn(Opcodes.ISTORE, 3);
            code.visitLabel(absent);
        }
        code.visitVarInsn(Opcodes.ILOAD, 3);
        code.visitInsn(Opcodes.IRETURN);
        code.visitMaxs(0, 0);
        code.visitEnd();

        // int compare(Object first, Object second) and int compareKeyWith(Object value, Object[] key)
        for (boolean withKey : new boolean[] {false, true}) {
            code = method(
                    writer,
                    withKey ? "compareKeyWith" : "compare",
                    withKey ? "(Ljava/lang/Object;[Ljava/lang/Object;)I" : "(Ljava/lang/Object;Ljava/lang/Object;)I");
            castTo(code, 1, type, 3);
            if (!withKey) {
                castTo(code, 2, type, 4);
            }
            for (int k = 0; k < positions.length; k++) {
                code.visitVarInsn(Opcodes.ALOAD, 3);
                boxedField(code, fields.get(positions[k]));
                code.visitVarInsn(Opcodes.ASTORE, 5);
                if (withKey) {
                    code.visitVarInsn(Opcodes.ALOAD, 2);
                    push(code, k);
                    code.visitInsn(Opcodes.AALOAD);
                } else {
                    code.visitVarInsn(Opcodes.ALOAD, 4);
                    boxedField(code, fields.get(positions[k]));
                }
                code.visitVarInsn(Opcodes.ASTORE, 6);
                compareKey(code, self, k, ascending[k]);
            }
            push(code, 0);
            code.visitInsn(Opcodes.IRETURN);
            code.visitMaxs(0, 0);
            code.visitEnd();
        }

        // Object[] extractKeys(Object value)
        code = method(writer, "extractKeys", "(Ljava/lang/Object;)[Ljava/lang/Object;");
        castTo(code, 1, type, 2);
        push(code, positions.length);
        code.visitTypeInsn(Opcodes.ANEWARRAY, OBJECT);
        for (int k = 0; k < positions.length; k++) {
            code.visitInsn(Opcodes.DUP);
            push(code, k);
            code.visitVarInsn(Opcodes.ALOAD, 2);
            boxedField(code, fields.get(positions[k]));
            code.visitInsn(Opcodes.AASTORE);
        }
        code.visitInsn(Opcodes.ARETURN);
        code.visitMaxs(0, 0);
        code.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    /**
     * Compares key {@code k}'s values in locals 5 and 6 as {@link CompositeComparator#compare}
     * does (a null first when ascending) and returns the result unless it is 0.
     */
    private static void compareKey(MethodVisitor code, String self, int k, boolean ascending) {
        Label firstNull = new Label();
        Label secondNull = new Label();
        Label check = new Label();
        Label next = new Label();
        code.visitVarInsn(Opcodes.ALOAD, 5);
        code.visitJumpInsn(Opcodes.IFNULL, firstNull);
        code.visitVarInsn(Opcodes.ALOAD, 6);
        code.visitJumpInsn(Opcodes.IFNULL, secondNull);
        loadField(code, self, "c", COMPARATOR_DESCRIPTOR, k);
        code.visitVarInsn(Opcodes.ALOAD, 5);
        code.visitVarInsn(Opcodes.ALOAD, 6);
        code.visitMethodInsn(
                Opcodes.INVOKEINTERFACE, COMPARATOR, "compare", "(Ljava/lang/Object;Ljava/lang/Object;)I", true);
        code.visitVarInsn(Opcodes.ISTORE, 7);
        code.visitJumpInsn(Opcodes.GOTO, check);
        code.visitLabel(firstNull);
        code.visitVarInsn(Opcodes.ALOAD, 6);
        code.visitJumpInsn(Opcodes.IFNULL, next);
        push(code, ascending ? -1 : 1);
        code.visitVarInsn(Opcodes.ISTORE, 7);
        code.visitJumpInsn(Opcodes.GOTO, check);
        code.visitLabel(secondNull);
        push(code, ascending ? 1 : -1);
        code.visitVarInsn(Opcodes.ISTORE, 7);
        code.visitLabel(check);
        code.visitVarInsn(Opcodes.ILOAD, 7);
        code.visitJumpInsn(Opcodes.IFEQ, next);
        code.visitVarInsn(Opcodes.ILOAD, 7);
        code.visitInsn(Opcodes.IRETURN);
        code.visitLabel(next);
    }

    /** With the value on the stack, pushes the field's value, boxed if primitive. */
    private static void boxedField(MethodVisitor code, FieldAccess field) {
        field.get(code);
        box(code, field.type());
    }

    /** Casts the object in local {@code from} to {@code type} into local {@code to}. */
    static void castTo(MethodVisitor code, int from, String type, int to) {
        code.visitVarInsn(Opcodes.ALOAD, from);
        code.visitTypeInsn(Opcodes.CHECKCAST, type);
        code.visitVarInsn(Opcodes.ASTORE, to);
    }

    private static void loadSerializer(MethodVisitor code, String self, int i) {
        loadField(code, self, "s", SERIALIZER_DESCRIPTOR, i);
    }

    private static void loadField(MethodVisitor code, String self, String prefix, String descriptor, int i) {
        code.visitVarInsn(Opcodes.ALOAD, 0);
        code.visitFieldInsn(Opcodes.GETFIELD, self, prefix + i, descriptor);
    }

    private static void callSerialize(MethodVisitor code) {
        code.visitMethodInsn(
                Opcodes.INVOKEINTERFACE, SERIALIZER, "serialize", "(Ljava/lang/Object;L" + OUTPUT + ";)V", true);
    }

    /** Boxes a primitive on the stack (a reference stays as it is). */
    private static void box(MethodVisitor code, Class<?> type) {
        Primitive primitive = PRIMITIVES.get(type);
        if (primitive != null) {
            String box = Type.getInternalName(primitive.box());
            code.visitMethodInsn(
                    Opcodes.INVOKESTATIC, box, "valueOf", "(" + Type.getDescriptor(type) + ")L" + box + ";", false);
        }
    }

    static void push(MethodVisitor code, int constant) {
        if (constant >= -1 && constant <= 5) {
            code.visitInsn(Opcodes.ICONST_0 + constant);
        } else if (constant >= Byte.MIN_VALUE && constant <= Byte.MAX_VALUE) {
            code.visitIntInsn(Opcodes.BIPUSH, constant);
        } else if (constant >= Short.MIN_VALUE && constant <= Short.MAX_VALUE) {
            code.visitIntInsn(Opcodes.SIPUSH, constant);
        } else {
            code.visitLdcInsn(constant);
        }
    }
}
