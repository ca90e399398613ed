package io.weir.formats.arrow;

import io.weir.core.serialization.CompositeAccess;
import io.weir.core.types.BasicTypeInfo;
import io.weir.core.types.CompositeTypeInfo;
import io.weir.core.types.EnumTypeInfo;
import io.weir.core.types.InvalidTypesException;
import io.weir.core.types.ListTypeInfo;
import io.weir.core.types.TypeInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * How Weir's record types map to Arrow: a schema derived from a record, POJO or tuple type, and
 * records written into and read from the vectors of a {@link VectorSchemaRoot}, column by column.
 * {@code long}/{@code int}/{@code short}/{@code byte} → Int(64/32/16/8), {@code double}/{@code
 * float} → FloatingPoint, {@code boolean} → Bool, {@code String} and enums → Utf8, {@code byte[]} →
 * Binary, {@code LocalDate} → Date(DAY), {@code Instant} → Timestamp(MICROSECOND, UTC), {@code
 * LocalDateTime} → Timestamp(MICROSECOND), records → Struct, {@code List} → List.
 */
final class ArrowMapping {

    private ArrowMapping() {}

    static Schema schema(CompositeTypeInfo<?> type) {
        List<Field> fields = new ArrayList<>();
        for (CompositeTypeInfo.Field field : type.fields()) {
            fields.add(field(field.name(), field.type(), field.nullable()));
        }
        return new Schema(fields);
    }

    static Field field(String name, TypeInfo<?> type, boolean nullable) {
        if (type instanceof CompositeTypeInfo<?> composite) {
            List<Field> children = new ArrayList<>();
            for (CompositeTypeInfo.Field field : composite.fields()) {
                children.add(field(field.name(), field.type(), field.nullable()));
            }
            return new Field(name, new FieldType(nullable, ArrowType.Struct.INSTANCE, null), children);
        }
        if (type instanceof ListTypeInfo<?> list) {
            return new Field(
                    name,
                    new FieldType(nullable, ArrowType.List.INSTANCE, null),
                    List.of(field("element", list.elementType(), true)));
        }
        return new Field(name, new FieldType(nullable, primitive(name, type), null), null);
    }

    private static ArrowType primitive(String name, TypeInfo<?> type) {
        if (type == BasicTypeInfo.LONG) {
            return new ArrowType.Int(64, true);
        }
        if (type == BasicTypeInfo.INT) {
            return new ArrowType.Int(32, true);
        }
        if (type == BasicTypeInfo.SHORT) {
            return new ArrowType.Int(16, true);
        }
        if (type == BasicTypeInfo.BYTE) {
            return new ArrowType.Int(8, true);
        }
        if (type == BasicTypeInfo.DOUBLE) {
            return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        }
        if (type == BasicTypeInfo.FLOAT) {
            return new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
        }
        if (type == BasicTypeInfo.BOOLEAN) {
            return ArrowType.Bool.INSTANCE;
        }
        if (type == BasicTypeInfo.STRING || type instanceof EnumTypeInfo<?>) {
            return ArrowType.Utf8.INSTANCE;
        }
        if (type.typeClass() == byte[].class) {
            return ArrowType.Binary.INSTANCE;
        }
        if (type == BasicTypeInfo.LOCAL_DATE) {
            return new ArrowType.Date(DateUnit.DAY);
        }
        if (type == BasicTypeInfo.INSTANT) {
            return new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
        }
        if (type == BasicTypeInfo.LOCAL_DATE_TIME) {
            return new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
        }
        throw new InvalidTypesException("field '" + name + "' is a " + type + ", which Weir does not map to Arrow yet"
                + " (numbers, booleans, strings, enums, bytes, dates, timestamps, nested records and lists are"
                + " mapped)");
    }

    // ------------------------------------------------------------------------------------------
    // Writing
    // ------------------------------------------------------------------------------------------

    /** Writes {@code record} as row {@code row} of the root's vectors. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void writeRow(VectorSchemaRoot root, CompositeTypeInfo type, Object record, int row) {
        CompositeAccess access = type.access();
        List<FieldVector> vectors = root.getFieldVectors();
        for (int i = 0; i < type.arity(); i++) {
            write(vectors.get(i), type.field(i).type(), row, access.get(record, i));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void write(FieldVector vector, TypeInfo<?> type, int index, Object value) {
        if (value == null) {
            if (vector instanceof StructVector struct) {
                struct.setNull(index);
                // the children need a slot too, so that later rows line up
                for (FieldVector child : struct.getChildrenFromFields()) {
                    child.setNull(index);
                }
            } else {
                vector.setNull(index);
            }
            return;
        }
        if (type instanceof CompositeTypeInfo composite) {
            StructVector struct = (StructVector) vector;
            struct.setIndexDefined(index);
            CompositeAccess access = composite.access();
            List<FieldVector> children = struct.getChildrenFromFields();
            for (int i = 0; i < composite.arity(); i++) {
                write(children.get(i), composite.field(i).type(), index, access.get(value, i));
            }
        } else if (type instanceof ListTypeInfo<?> list) {
            ListVector listVector = (ListVector) vector;
            List<?> elements = (List<?>) value;
            int start = listVector.startNewValue(index);
            FieldVector data = listVector.getDataVector();
            for (int i = 0; i < elements.size(); i++) {
                write(data, list.elementType(), start + i, elements.get(i));
            }
            listVector.endValue(index, elements.size());
        } else if (vector instanceof BigIntVector v) {
            v.setSafe(index, (Long) value);
        } else if (vector instanceof IntVector v) {
            v.setSafe(index, (Integer) value);
        } else if (vector instanceof SmallIntVector v) {
            v.setSafe(index, (Short) value);
        } else if (vector instanceof TinyIntVector v) {
            v.setSafe(index, (Byte) value);
        } else if (vector instanceof Float8Vector v) {
            v.setSafe(index, (Double) value);
        } else if (vector instanceof Float4Vector v) {
            v.setSafe(index, (Float) value);
        } else if (vector instanceof BitVector v) {
            v.setSafe(index, (Boolean) value ? 1 : 0);
        } else if (vector instanceof VarCharVector v) {
            String text = value instanceof Enum<?> e ? e.name() : (String) value;
            v.setSafe(index, text.getBytes(StandardCharsets.UTF_8));
        } else if (vector instanceof VarBinaryVector v) {
            v.setSafe(index, (byte[]) value);
        } else if (vector instanceof DateDayVector v) {
            v.setSafe(index, (int) ((LocalDate) value).toEpochDay());
        } else if (vector instanceof TimeStampMicroTZVector v) {
            v.setSafe(index, ChronoUnit.MICROS.between(Instant.EPOCH, (Instant) value));
        } else if (vector instanceof TimeStampMicroVector v) {
            v.setSafe(
                    index, ChronoUnit.MICROS.between(Instant.EPOCH, ((LocalDateTime) value).toInstant(ZoneOffset.UTC)));
        } else {
            throw new IllegalArgumentException(
                    "cannot write a " + value.getClass().getName() + " into a "
                            + vector.getClass().getSimpleName());
        }
    }

    // ------------------------------------------------------------------------------------------
    // Reading
    // ------------------------------------------------------------------------------------------

    /**
     * The vectors of {@code root} that hold {@code type}'s fields, by name, in field order; an error
     * naming the field and the columns there are when one is missing.
     */
    static List<FieldVector> columns(VectorSchemaRoot root, CompositeTypeInfo<?> type, String source) {
        List<FieldVector> columns = new ArrayList<>();
        for (CompositeTypeInfo.Field field : type.fields()) {
            FieldVector vector = root.getVector(field.name());
            if (vector == null) {
                throw new IllegalArgumentException("the Arrow data " + source + " has no column '" + field.name()
                        + "' for field '" + field.name() + "' of " + type + "; its columns are "
                        + root.getSchema().getFields().stream()
                                .map(Field::getName)
                                .toList());
            }
            columns.add(vector);
        }
        return columns;
    }

    /** Row {@code row} of the columns as a record of {@code type}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object readRow(List<FieldVector> columns, CompositeTypeInfo type, int row) {
        Object[] values = new Object[type.arity()];
        for (int i = 0; i < values.length; i++) {
            values[i] = read(columns.get(i), type.field(i).type(), row);
            if (values[i] == null && !type.field(i).nullable()) {
                throw new IllegalArgumentException("row " + row + " has no value in column '"
                        + type.field(i).name() + "', which the primitive field of " + type
                        + " cannot hold; make the field a boxed type");
            }
        }
        return type.access().create(values);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object read(FieldVector vector, TypeInfo<?> type, int index) {
        if (vector.isNull(index)) {
            return null;
        }
        if (type instanceof CompositeTypeInfo composite) {
            List<FieldVector> children = new ArrayList<>();
            StructVector struct = (StructVector) vector;
            for (CompositeTypeInfo.Field field : ((CompositeTypeInfo<?>) composite).fields()) {
                FieldVector child = (FieldVector) struct.getChild(field.name());
                if (child == null) {
                    throw new IllegalArgumentException("the Arrow struct '" + vector.getName() + "' has no field '"
                            + field.name() + "' for " + composite);
                }
                children.add(child);
            }
            return readRow(children, composite, index);
        }
        if (type instanceof ListTypeInfo<?> list) {
            ListVector listVector = (ListVector) vector;
            FieldVector data = listVector.getDataVector();
            List<Object> elements = new ArrayList<>();
            for (int i = listVector.getElementStartIndex(index); i < listVector.getElementEndIndex(index); i++) {
                elements.add(read(data, list.elementType(), i));
            }
            return elements;
        }
        if (vector instanceof VarCharVector v) {
            String text = new String(v.get(index), StandardCharsets.UTF_8);
            return type instanceof EnumTypeInfo<?> e ? Enum.valueOf((Class) e.typeClass(), text) : text;
        }
        if (vector instanceof BitVector v) {
            return v.get(index) != 0;
        }
        if (vector instanceof DateDayVector v) {
            return LocalDate.ofEpochDay(v.get(index));
        }
        if (vector instanceof TimeStampMicroTZVector v) {
            return Instant.EPOCH.plus(v.get(index), ChronoUnit.MICROS);
        }
        if (vector instanceof TimeStampMicroVector v) {
            long micros = v.get(index);
            return LocalDateTime.ofEpochSecond(
                    Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
        }
        return vector.getObject(index); // numbers and byte[] as Java values
    }
}
