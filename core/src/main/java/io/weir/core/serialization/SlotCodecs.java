package io.weir.core.serialization;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Generates {@link SlotCodec}s with {@link FieldCodecs}' machinery: a {@link KeyValueLayout}'s key
 * comparison, reads and writes straight at fixed offsets of a page, for a type whose fields are all
 * primitives that cannot be {@code null}.
 */
final class SlotCodecs {

    private static final String SLOTS = Type.getInternalName(SlotCodec.class);
    private static final String SEGMENT = "io/weir/memory/MemorySegment";

    private SlotCodecs() {}

    /**
     * How a primitive field is read and written at an offset of a page ({@link SlotCodec}): the
     * page's method for its bytes (big-endian, as the views write them), and for a floating-point
     * field the conversion to and from those bits.
     */
    private record SegmentAccess(
            int size,
            String get,
            String getDescriptor,
            String put,
            String putDescriptor,
            String toBits,
            String fromBits) {

        void read(MethodVisitor code, Class<?> type) {
            code.visitMethodInsn(Opcodes.INVOKEVIRTUAL, SEGMENT, get, getDescriptor, false);
            if (fromBits != null) {
                String box =
                        Type.getInternalName(FieldCodecs.PRIMITIVES.get(type).box());
                code.visitMethodInsn(Opcodes.INVOKESTATIC, box, fromBits, fromBitsDescriptor(type), false);
            }
        }

        /** Converts the field's value on the stack to what {@link #put} takes. */
        void toStored(MethodVisitor code, Class<?> type) {
            if (toBits != null) {
                String box =
                        Type.getInternalName(FieldCodecs.PRIMITIVES.get(type).box());
                code.visitMethodInsn(Opcodes.INVOKESTATIC, box, toBits, toBitsDescriptor(type), false);
            }
        }

        void write(MethodVisitor code) {
            code.visitMethodInsn(Opcodes.INVOKEVIRTUAL, SEGMENT, put, putDescriptor, false);
        }

        /** The type {@link #get} returns: the bits of a floating-point field. */
        Type stored() {
            return Type.getReturnType(getDescriptor);
        }

        private static String fromBitsDescriptor(Class<?> type) {
            return type == double.class ? "(J)D" : "(I)F";
        }

        private static String toBitsDescriptor(Class<?> type) {
            return type == double.class ? "(D)J" : "(F)I";
        }
    }

    private static final Map<Class<?>, SegmentAccess> SEGMENT_ACCESS = Map.of(
            long.class, new SegmentAccess(8, "getLongBigEndian", "(I)J", "putLongBigEndian", "(IJ)V", null, null),
            int.class, new SegmentAccess(4, "getIntBigEndian", "(I)I", "putIntBigEndian", "(II)V", null, null),
            short.class, new SegmentAccess(2, "getShortBigEndian", "(I)S", "putShortBigEndian", "(IS)V", null, null),
            char.class, new SegmentAccess(2, "getCharBigEndian", "(I)C", "putCharBigEndian", "(IC)V", null, null),
            byte.class, new SegmentAccess(1, "get", "(I)B", "put", "(IB)V", null, null),
            boolean.class, new SegmentAccess(1, "getBoolean", "(I)Z", "putBoolean", "(IZ)V", null, null),
            double.class,
                    new SegmentAccess(
                            8,
                            "getLongBigEndian",
                            "(I)J",
                            "putLongBigEndian",
                            "(IJ)V",
                            "doubleToLongBits",
                            "longBitsToDouble"),
            float.class,
                    new SegmentAccess(
                            4,
                            "getIntBigEndian",
                            "(I)I",
                            "putIntBigEndian",
                            "(II)V",
                            "floatToIntBits",
                            "intBitsToFloat"));

    /**
     * The reads and writes at page offsets of a {@link KeyValueLayout} ({@link SlotCodec}), or {@code
     * null} when a field is not a primitive with its standard serializer, can be {@code null}, or the
     * type gets no generated code.
     */
    static SlotCodec create(
            CompositeAccess<?> access,
            int[] keyFields,
            int[] valueFields,
            TypeSerializer<Object>[] serializers,
            boolean[] nullable) {
        return (SlotCodec) FieldCodecs.instantiate(
                access,
                List.of(
                        "slots",
                        access,
                        Arrays.toString(keyFields),
                        Arrays.toString(valueFields),
                        Arrays.toString(nullable)),
                Object[].class,
                new Object[0],
                shape -> {
                    if (shape.fields().size() != serializers.length) {
                        return null;
                    }
                    for (int i = 0; i < serializers.length; i++) {
                        if (nullable[i] || FieldCodecs.direct(shape, serializers, i) == null) {
                            return null;
                        }
                    }
                    return generate(shape, keyFields, valueFields);
                });
    }

    private static byte[] generate(FieldCodecs.Shape shape, int[] keyFields, int[] valueFields) {
        String self = Type.getInternalName(shape.type()) + "$$WeirSlots";
        ClassWriter writer = FieldCodecs.begin(self, SLOTS);
        FieldCodecs.constructor(writer, self, "unused", "Ljava/lang/Object;", 0);
        String type = Type.getInternalName(shape.type());
        List<FieldCodecs.FieldAccess> fields = shape.fields();
        int[] offsets = new int[fields.size()];
        int next = 0;
        for (int[] part : new int[][] {keyFields, valueFields}) {
            for (int field : part) {
                offsets[field] = next;
                next += SEGMENT_ACCESS.get(fields.get(field).type()).size();
            }
        }
        String page = "L" + SEGMENT + ";";

        // void writeKey(Object record, MemorySegment page, int offset), and writeValue
        for (boolean key : new boolean[] {true, false}) {
            MethodVisitor code =
                    FieldCodecs.method(writer, key ? "writeKey" : "writeValue", "(Ljava/lang/Object;" + page + "I)V");
            FieldCodecs.castTo(code, 1, type, 4);
            for (int field : key ? keyFields : valueFields) {
                FieldCodecs.FieldAccess access = fields.get(field);
                SegmentAccess segment = SEGMENT_ACCESS.get(access.type());
                pageAt(code, 2, 3, offsets[field]);
                code.visitVarInsn(Opcodes.ALOAD, 4);
                access.get(code);
                segment.toStored(code, access.type());
                segment.write(code);
            }
            code.visitInsn(Opcodes.RETURN);
            code.visitMaxs(0, 0);
            code.visitEnd();
        }

        // boolean keyEquals(Object probe, MemorySegment page, int offset): field by field, as stored
        MethodVisitor code = FieldCodecs.method(writer, "keyEquals", "(Ljava/lang/Object;" + page + "I)Z");
        FieldCodecs.castTo(code, 1, type, 4);
        Label differs = new Label();
        for (int field : keyFields) {
            FieldCodecs.FieldAccess access = fields.get(field);
            SegmentAccess segment = SEGMENT_ACCESS.get(access.type());
            code.visitVarInsn(Opcodes.ALOAD, 4);
            access.get(code);
            segment.toStored(code, access.type());
            pageAt(code, 2, 3, offsets[field]);
            code.visitMethodInsn(Opcodes.INVOKEVIRTUAL, SEGMENT, segment.get(), segment.getDescriptor(), false);
            if (segment.stored().getSort() == Type.LONG) {
                code.visitInsn(Opcodes.LCMP);
                code.visitJumpInsn(Opcodes.IFNE, differs);
            } else {
                code.visitJumpInsn(Opcodes.IF_ICMPNE, differs);
            }
        }
        FieldCodecs.push(code, 1);
        code.visitInsn(Opcodes.IRETURN);
        code.visitLabel(differs);
        FieldCodecs.push(code, 0);
        code.visitInsn(Opcodes.IRETURN);
        code.visitMaxs(0, 0);
        code.visitEnd();

        // Object readWithKeyOf(Object keySource, MemorySegment page, int offset), and read(page, offset)
        for (boolean withKey : new boolean[] {true, false}) {
            code = withKey
                    ? FieldCodecs.method(writer, "readWithKeyOf", "(Ljava/lang/Object;" + page + "I)Ljava/lang/Object;")
                    : FieldCodecs.method(writer, "read", "(" + page + "I)Ljava/lang/Object;");
            int pageLocal = withKey ? 2 : 1;
            int offsetLocal = pageLocal + 1;
            int[] locals = FieldCodecs.fieldLocals(shape, withKey ? 5 : 3);
            if (withKey) {
                FieldCodecs.castTo(code, 1, type, 4);
            }
            for (int field = 0; field < fields.size(); field++) {
                FieldCodecs.FieldAccess access = fields.get(field);
                if (withKey && contains(keyFields, field)) {
                    code.visitVarInsn(Opcodes.ALOAD, 4);
                    access.get(code);
                } else {
                    pageAt(code, pageLocal, offsetLocal, offsets[field]);
                    SEGMENT_ACCESS.get(access.type()).read(code, access.type());
                }
                code.visitVarInsn(Type.getType(access.type()).getOpcode(Opcodes.ISTORE), locals[field]);
            }
            FieldCodecs.construct(code, shape, locals);
            code.visitMaxs(0, 0);
            code.visitEnd();
        }
        writer.visitEnd();
        return writer.toByteArray();
    }

    /** Pushes the page in local {@code page} and the offset in local {@code offset} plus {@code plus}. */
    private static void pageAt(MethodVisitor code, int page, int offset, int plus) {
        code.visitVarInsn(Opcodes.ALOAD, page);
        code.visitVarInsn(Opcodes.ILOAD, offset);
        if (plus != 0) {
            FieldCodecs.push(code, plus);
            code.visitInsn(Opcodes.IADD);
        }
    }

    private static boolean contains(int[] values, int value) {
        for (int candidate : values) {
            if (candidate == value) {
                return true;
            }
        }
        return false;
    }
}
