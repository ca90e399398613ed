package io.weir.formats.parquet;

import io.weir.core.serialization.CompositeAccess;
import io.weir.core.types.BasicTypeInfo;
import io.weir.core.types.CompositeTypeInfo;
import io.weir.core.types.EnumTypeInfo;
import io.weir.core.types.InvalidTypesException;
import io.weir.core.types.ListTypeInfo;
import io.weir.core.types.PrimitiveArrayTypeInfo;
import io.weir.core.types.TypeInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * How Weir's types map to Parquet: the schema derived from a record, POJO or tuple type (fields by
 * name; a field that may be {@code null} is OPTIONAL, a primitive one REQUIRED), writing records
 * field by field, and converters that build records back from a file's columns.
 *
 * <table>
 *   <tr><th>Java</th><th>Parquet</th></tr>
 *   <tr><td>long, int, short, byte</td><td>INT64, INT32, INT32 (INT(16)), INT32 (INT(8))</td></tr>
 *   <tr><td>double, float, boolean</td><td>DOUBLE, FLOAT, BOOLEAN</td></tr>
 *   <tr><td>String, enum</td><td>BINARY (STRING), BINARY (ENUM)</td></tr>
 *   <tr><td>LocalDate</td><td>INT32 (DATE)</td></tr>
 *   <tr><td>Instant, LocalDateTime</td><td>INT64 (TIMESTAMP(MICROS), UTC-adjusted or not)</td></tr>
 *   <tr><td>byte[]</td><td>BINARY</td></tr>
 *   <tr><td>record, POJO, tuple</td><td>group</td></tr>
 *   <tr><td>List</td><td>LIST (three-level: {@code repeated group list { element }})</td></tr>
 * </table>
 */
final class ParquetMapping {

    private ParquetMapping() {}

    /**
     * How {@code BigDecimal} fields are written: DECIMAL(precision, scale), stored as INT32 up to 9
     * digits, INT64 up to 18, fixed-length bytes beyond.
     */
    record Decimal(int precision, int scale) implements java.io.Serializable {
        Decimal {
            if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
                throw new IllegalArgumentException("a Parquet decimal has a precision of 1 to 38 digits and a scale of"
                        + " 0 to the precision, not (" + precision + ", " + scale + ")");
            }
        }

        /** Bytes of the fixed-length form: enough for {@code precision} digits and a sign. */
        int bytes() {
            return (int) Math.ceil((precision * Math.log(10) / Math.log(2) + 1) / 8);
        }

        /** The unscaled value of {@code value} at this scale, or an error naming the field. */
        java.math.BigInteger unscaled(java.math.BigDecimal value, String field) {
            java.math.BigDecimal scaled;
            try {
                scaled = value.setScale(scale, java.math.RoundingMode.UNNECESSARY);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("field '" + field + "' holds " + value + ", which has more than the "
                        + scale + " decimal places of the Parquet decimal; round it first or write with a larger"
                        + " scale (Parquet.writer().decimal(precision, scale))");
            }
            if (scaled.precision() > precision) {
                throw new IllegalArgumentException("field '" + field + "' holds " + value + ", which has more than the "
                        + precision + " digits of the Parquet decimal; write with a larger precision");
            }
            return scaled.unscaledValue();
        }
    }

    // ------------------------------------------------------------------------------------------
    // Schema
    // ------------------------------------------------------------------------------------------

    static MessageType schema(CompositeTypeInfo<?> type, Decimal decimal) {
        List<Type> fields = new ArrayList<>();
        for (CompositeTypeInfo.Field field : type.fields()) {
            fields.add(field(field.name(), field.type(), field.nullable(), decimal));
        }
        return new MessageType(type.typeClass().getSimpleName(), fields);
    }

    static Type field(String name, TypeInfo<?> type, boolean nullable, Decimal decimal) {
        Type.Repetition repetition = nullable ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
        if (type instanceof CompositeTypeInfo<?> composite) {
            List<Type> fields = new ArrayList<>();
            for (CompositeTypeInfo.Field field : composite.fields()) {
                fields.add(field(field.name(), field.type(), field.nullable(), decimal));
            }
            return new GroupType(repetition, name, fields);
        }
        if (type instanceof ListTypeInfo<?> list) {
            return Types.buildGroup(repetition)
                    .as(LogicalTypeAnnotation.listType())
                    .addField(Types.repeatedGroup()
                            .addField(field("element", list.elementType(), true, decimal))
                            .named("list"))
                    .named(name);
        }
        if (type instanceof EnumTypeInfo<?>) {
            return Types.primitive(PrimitiveTypeName.BINARY, repetition)
                    .as(LogicalTypeAnnotation.enumType())
                    .named(name);
        }
        if (type instanceof PrimitiveArrayTypeInfo<?> && type.typeClass() == byte[].class) {
            return Types.primitive(PrimitiveTypeName.BINARY, repetition).named(name);
        }
        if (type == BasicTypeInfo.BIG_DECIMAL) {
            if (decimal == null) {
                throw new InvalidTypesException("field '" + name + "' is a BigDecimal: Parquet stores decimals with a"
                        + " fixed precision and scale, so give them: Parquet.writer().decimal(precision, scale)");
            }
            LogicalTypeAnnotation annotation = LogicalTypeAnnotation.decimalType(decimal.scale(), decimal.precision());
            if (decimal.precision() <= 9) {
                return Types.primitive(PrimitiveTypeName.INT32, repetition)
                        .as(annotation)
                        .named(name);
            }
            if (decimal.precision() <= 18) {
                return Types.primitive(PrimitiveTypeName.INT64, repetition)
                        .as(annotation)
                        .named(name);
            }
            return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                    .length(decimal.bytes())
                    .as(annotation)
                    .named(name);
        }
        if (type == BasicTypeInfo.LONG) {
            return Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
        }
        if (type == BasicTypeInfo.INT) {
            return Types.primitive(PrimitiveTypeName.INT32, repetition).named(name);
        }
        if (type == BasicTypeInfo.SHORT || type == BasicTypeInfo.BYTE) {
            int bits = type == BasicTypeInfo.SHORT ? 16 : 8;
            return Types.primitive(PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.intType(bits, true))
                    .named(name);
        }
        if (type == BasicTypeInfo.DOUBLE) {
            return Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
        }
        if (type == BasicTypeInfo.FLOAT) {
            return Types.primitive(PrimitiveTypeName.FLOAT, repetition).named(name);
        }
        if (type == BasicTypeInfo.BOOLEAN) {
            return Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
        }
        if (type == BasicTypeInfo.STRING) {
            return Types.primitive(PrimitiveTypeName.BINARY, repetition)
                    .as(LogicalTypeAnnotation.stringType())
                    .named(name);
        }
        if (type == BasicTypeInfo.LOCAL_DATE) {
            return Types.primitive(PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.dateType())
                    .named(name);
        }
        if (type == BasicTypeInfo.INSTANT || type == BasicTypeInfo.LOCAL_DATE_TIME) {
            return Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(
                            type == BasicTypeInfo.INSTANT, LogicalTypeAnnotation.TimeUnit.MICROS))
                    .named(name);
        }
        throw new InvalidTypesException("field '" + name + "' is a " + type + ", which Weir does not write to Parquet"
                + " yet (numbers, booleans, strings, enums, dates, timestamps, byte arrays, nested records and"
                + " lists are written); map it to one of those first");
    }

    /**
     * The row type of a Parquet schema, for reading without a class: each column a field of the
     * Java type it reads into (INT64 → Long, or Instant/LocalDateTime for timestamps; INT32 →
     * Integer, Short, Byte or LocalDate by annotation; DECIMAL → BigDecimal; strings and enums →
     * String; other binary → byte[]; groups → nested rows; LIST → List). Every field may be null.
     */
    static CompositeTypeInfo<io.weir.core.types.Row> rowType(GroupType schema, String file) {
        List<CompositeTypeInfo.Field> fields = new ArrayList<>();
        for (Type column : schema.getFields()) {
            fields.add(new CompositeTypeInfo.Field(column.getName(), javaType(column, file), true));
        }
        return CompositeTypeInfo.forRow(fields);
    }

    private static TypeInfo<?> javaType(Type column, String file) {
        LogicalTypeAnnotation annotation = column.getLogicalTypeAnnotation();
        if (!column.isPrimitive()) {
            GroupType group = column.asGroupType();
            if (annotation instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation
                    && group.getFieldCount() == 1
                    && !group.getType(0).isPrimitive()
                    && group.getType(0).asGroupType().getFieldCount() == 1) {
                return new ListTypeInfo<>(
                        javaType(group.getType(0).asGroupType().getType(0), file));
            }
            if (column.isRepetition(Type.Repetition.REPEATED) || annotation != null) {
                throw new IllegalArgumentException("column '" + column.getName() + "' of " + file + " is " + column
                        + ", which Weir does not read into rows yet (groups and three-level LISTs are read)");
            }
            return rowType(group, file);
        }
        if (column.isRepetition(Type.Repetition.REPEATED)) {
            throw new IllegalArgumentException("column '" + column.getName() + "' of " + file
                    + " is a repeated primitive (a two-level list), which Weir does not read into rows yet");
        }
        if (annotation instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) {
            return BasicTypeInfo.BIG_DECIMAL;
        }
        PrimitiveTypeName kind = column.asPrimitiveType().getPrimitiveTypeName();
        return switch (kind) {
            case INT64 ->
                annotation instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation timestamp
                        ? (timestamp.isAdjustedToUTC() ? BasicTypeInfo.INSTANT : BasicTypeInfo.LOCAL_DATE_TIME)
                        : BasicTypeInfo.LONG;
            case INT32 -> {
                if (annotation instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    yield BasicTypeInfo.LOCAL_DATE;
                }
                if (annotation instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation integer
                        && integer.getBitWidth() < 32) {
                    yield integer.getBitWidth() == 16 ? BasicTypeInfo.SHORT : BasicTypeInfo.BYTE;
                }
                yield BasicTypeInfo.INT;
            }
            case DOUBLE -> BasicTypeInfo.DOUBLE;
            case FLOAT -> BasicTypeInfo.FLOAT;
            case BOOLEAN -> BasicTypeInfo.BOOLEAN;
            case BINARY, FIXED_LEN_BYTE_ARRAY ->
                annotation instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                                || annotation instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                                || annotation instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation
                        ? BasicTypeInfo.STRING
                        : io.weir.core.types.Types.PRIMITIVE_ARRAY(byte[].class);
            default ->
                throw new IllegalArgumentException("column '" + column.getName() + "' of " + file + " is " + kind
                        + ", which Weir does not read yet");
        };
    }

    // ------------------------------------------------------------------------------------------
    // Writing
    // ------------------------------------------------------------------------------------------

    /** Writes the fields of a record (or nested group) that are not {@code null}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void writeFields(RecordConsumer out, CompositeTypeInfo type, Object record, Decimal decimal) {
        CompositeAccess access = type.access();
        List<CompositeTypeInfo.Field> fields = type.fields();
        for (int i = 0; i < fields.size(); i++) {
            Object value = access.get(record, i);
            if (value == null) {
                continue;
            }
            CompositeTypeInfo.Field field = fields.get(i);
            out.startField(field.name(), i);
            writeValue(out, field.name(), field.type(), value, decimal);
            out.endField(field.name(), i);
        }
    }

    private static void writeValue(RecordConsumer out, String name, TypeInfo<?> type, Object value, Decimal decimal) {
        if (type instanceof CompositeTypeInfo<?> composite) {
            out.startGroup();
            writeFields(out, composite, value, decimal);
            out.endGroup();
        } else if (type instanceof ListTypeInfo<?> list) {
            out.startGroup();
            List<?> elements = (List<?>) value;
            if (!elements.isEmpty()) {
                out.startField("list", 0);
                for (Object element : elements) {
                    out.startGroup();
                    if (element != null) {
                        out.startField("element", 0);
                        writeValue(out, name, list.elementType(), element, decimal);
                        out.endField("element", 0);
                    }
                    out.endGroup();
                }
                out.endField("list", 0);
            }
            out.endGroup();
        } else if (value instanceof java.math.BigDecimal d) {
            java.math.BigInteger unscaled = decimal.unscaled(d, name);
            if (decimal.precision() <= 9) {
                out.addInteger(unscaled.intValueExact());
            } else if (decimal.precision() <= 18) {
                out.addLong(unscaled.longValueExact());
            } else {
                byte[] bytes = unscaled.toByteArray();
                byte[] fixed = new byte[decimal.bytes()];
                java.util.Arrays.fill(fixed, 0, fixed.length - bytes.length, (byte) (unscaled.signum() < 0 ? -1 : 0));
                System.arraycopy(bytes, 0, fixed, fixed.length - bytes.length, bytes.length);
                out.addBinary(Binary.fromConstantByteArray(fixed));
            }
        } else if (value instanceof Long l) {
            out.addLong(l);
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.addInteger(((Number) value).intValue());
        } else if (value instanceof Double d) {
            out.addDouble(d);
        } else if (value instanceof Float f) {
            out.addFloat(f);
        } else if (value instanceof Boolean b) {
            out.addBoolean(b);
        } else if (value instanceof String s) {
            out.addBinary(Binary.fromString(s));
        } else if (value instanceof Enum<?> e) {
            out.addBinary(Binary.fromString(e.name()));
        } else if (value instanceof byte[] bytes) {
            out.addBinary(Binary.fromReusedByteArray(bytes));
        } else if (value instanceof LocalDate date) {
            out.addInteger((int) date.toEpochDay());
        } else if (value instanceof Instant instant) {
            out.addLong(ChronoUnit.MICROS.between(Instant.EPOCH, instant));
        } else if (value instanceof LocalDateTime time) {
            out.addLong(ChronoUnit.MICROS.between(Instant.EPOCH, time.toInstant(ZoneOffset.UTC)));
        } else {
            throw new IllegalArgumentException(
                    "cannot write a " + value.getClass().getName() + " to Parquet");
        }
    }

    // ------------------------------------------------------------------------------------------
    // Reading
    // ------------------------------------------------------------------------------------------

    /** Where a converter puts what it built. */
    interface Sink {
        void set(Object value);
    }

    /**
     * Builds the values of a composite type from a group of the (projected) file schema, whose
     * fields are the type's fields in the type's order.
     */
    static final class CompositeConverter extends GroupConverter {
        private final CompositeTypeInfo<?> type;
        private final CompositeAccess<?> access;
        private final Converter[] converters;
        private final Object[] values;
        private final Sink sink;

        /** The values of fields the schema does not have (not read): null, or the primitive's zero. */
        private final Object[] unread;
        /** Which fields the schema does not have. */
        private final boolean[] unreadFields;

        CompositeConverter(CompositeTypeInfo<?> type, GroupType schema, Sink sink) {
            this.type = type;
            this.access = type.access();
            this.sink = sink;
            this.values = new Object[type.arity()];
            this.unread = new Object[type.arity()];
            this.unreadFields = new boolean[type.arity()];
            // the schema's fields are the type's, or (read with a projection) some of them in order
            this.converters = new Converter[schema.getFieldCount()];
            for (int i = 0; i < type.arity(); i++) {
                int index = i;
                CompositeTypeInfo.Field field = type.field(i);
                if (schema.containsField(field.name())) {
                    int column = schema.getFieldIndex(field.name());
                    converters[column] =
                            converter(field.type(), schema.getType(column), value -> values[index] = value);
                } else {
                    unreadFields[i] = true;
                    unread[i] = type.unreadValue(i);
                }
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return converters[fieldIndex];
        }

        @Override
        public void start() {
            System.arraycopy(unread, 0, values, 0, values.length);
        }

        @Override
        public void end() {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null && !type.field(i).nullable() && !unreadFields[i]) {
                    throw new IllegalArgumentException("a row of the Parquet file has no value in column '"
                            + type.field(i).name() + "', which the primitive field '"
                            + type.field(i).name() + "' of "
                            + type + " cannot hold; make the field a boxed type to read missing values as null");
                }
            }
            sink.set(access.create(values.clone()));
        }
    }

    /** A three-level LIST group: collects its elements. */
    static final class ListConverter extends GroupConverter {
        private final GroupConverter repeated;
        private final Sink sink;
        private List<Object> elements;

        ListConverter(ListTypeInfo<?> type, GroupType schema, Sink sink) {
            this.sink = sink;
            GroupType listGroup = schema.getType(0).asGroupType();
            Converter element = converter(type.elementType(), listGroup.getType(0), value -> elements.add(value));
            this.repeated = new GroupConverter() {
                private int before;

                @Override
                public Converter getConverter(int fieldIndex) {
                    return element;
                }

                @Override
                public void start() {
                    before = elements.size();
                }

                @Override
                public void end() {
                    if (elements.size() == before) {
                        elements.add(null); // the element was absent: a null element
                    }
                }
            };
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return repeated;
        }

        @Override
        public void start() {
            elements = new ArrayList<>();
        }

        @Override
        public void end() {
            sink.set(elements);
        }
    }

    static Converter converter(TypeInfo<?> type, Type column, Sink sink) {
        if (type instanceof CompositeTypeInfo<?> composite) {
            return new CompositeConverter(composite, column.asGroupType(), sink);
        }
        if (type instanceof ListTypeInfo<?> list) {
            return new ListConverter(list, column.asGroupType(), sink);
        }
        int scale =
                column.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal
                        ? decimal.getScale()
                        : -1;
        return new ValueConverter(type, sink, scale);
    }

    /** A primitive column as a Java value of the field's type. */
    static final class ValueConverter extends PrimitiveConverter {
        private final TypeInfo<?> type;
        private final Sink sink;

        private final int scale;

        ValueConverter(TypeInfo<?> type, Sink sink, int scale) {
            this.type = type;
            this.sink = sink;
            this.scale = scale;
        }

        @Override
        public void addLong(long value) {
            if (type == BasicTypeInfo.BIG_DECIMAL) {
                sink.set(java.math.BigDecimal.valueOf(value, scale));
            } else if (type == BasicTypeInfo.INSTANT) {
                sink.set(Instant.EPOCH.plus(value, ChronoUnit.MICROS));
            } else if (type == BasicTypeInfo.LOCAL_DATE_TIME) {
                sink.set(LocalDateTime.ofEpochSecond(
                        Math.floorDiv(value, 1_000_000L),
                        (int) Math.floorMod(value, 1_000_000L) * 1000,
                        ZoneOffset.UTC));
            } else {
                sink.set(value);
            }
        }

        @Override
        public void addInt(int value) {
            if (type == BasicTypeInfo.BIG_DECIMAL) {
                sink.set(java.math.BigDecimal.valueOf(value, scale));
            } else if (type == BasicTypeInfo.LONG) {
                sink.set((long) value);
            } else if (type == BasicTypeInfo.SHORT) {
                sink.set((short) value);
            } else if (type == BasicTypeInfo.BYTE) {
                sink.set((byte) value);
            } else if (type == BasicTypeInfo.LOCAL_DATE) {
                sink.set(LocalDate.ofEpochDay(value));
            } else if (type == BasicTypeInfo.DOUBLE) {
                sink.set((double) value);
            } else {
                sink.set(value);
            }
        }

        @Override
        public void addDouble(double value) {
            sink.set(value);
        }

        @Override
        public void addFloat(float value) {
            sink.set(type == BasicTypeInfo.DOUBLE ? (Object) (double) value : (Object) value);
        }

        @Override
        public void addBoolean(boolean value) {
            sink.set(value);
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public void addBinary(Binary value) {
            if (type == BasicTypeInfo.BIG_DECIMAL) {
                sink.set(new java.math.BigDecimal(new java.math.BigInteger(value.getBytes()), scale));
            } else if (type instanceof EnumTypeInfo<?> enumType) {
                sink.set(Enum.valueOf((Class) enumType.typeClass(), value.toStringUsingUTF8()));
            } else if (type.typeClass() == byte[].class) {
                sink.set(value.getBytes());
            } else {
                sink.set(value.toStringUsingUTF8());
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Projection
    // ------------------------------------------------------------------------------------------

    /**
     * The file's columns that {@code type} reads, in the type's field order; an error naming the file,
     * the field and what the file has when a field has no column or a column of another kind.
     */
    static MessageType project(CompositeTypeInfo<?> type, MessageType file, String fileName) {
        return project(type, file, fileName, null);
    }

    /** Like {@link #project(CompositeTypeInfo, MessageType, String)}, only the top-level fields {@code only} ({@code null}: all). */
    static MessageType project(CompositeTypeInfo<?> type, MessageType file, String fileName, Set<String> only) {
        return new MessageType(file.getName(), projectFields(type, file, fileName, "", only));
    }

    private static List<Type> projectFields(CompositeTypeInfo<?> type, GroupType group, String file, String prefix) {
        return projectFields(type, group, file, prefix, null);
    }

    private static List<Type> projectFields(
            CompositeTypeInfo<?> type, GroupType group, String file, String prefix, Set<String> only) {
        List<Type> fields = new ArrayList<>();
        for (CompositeTypeInfo.Field field : type.fields()) {
            if (only != null && !only.contains(field.name())) {
                continue;
            }
            String path = prefix + field.name();
            if (!group.containsField(field.name())) {
                List<String> names =
                        group.getFields().stream().map(Type::getName).toList();
                throw new IllegalArgumentException(
                        "the Parquet file " + file + " has no column '" + path + "' for field '"
                                + field.name() + "' of " + type + "; its columns"
                                + (prefix.isEmpty() ? "" : " in '" + prefix + "'")
                                + " are " + names + ". Read it into a type whose fields are columns of the file");
            }
            Type column = group.getType(field.name());
            fields.add(check(field, column, file, path));
        }
        return fields;
    }

    private static Type check(CompositeTypeInfo.Field field, Type column, String file, String path) {
        TypeInfo<?> type = field.type();
        if (type instanceof CompositeTypeInfo<?> composite) {
            if (column.isPrimitive()) {
                throw incompatible(file, path, column, type);
            }
            return new GroupType(
                    column.getRepetition(),
                    column.getName(),
                    projectFields(composite, column.asGroupType(), file, path + "."));
        }
        if (type instanceof ListTypeInfo<?>) {
            if (column.isPrimitive()
                    || !(column.getLogicalTypeAnnotation()
                            instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation)) {
                throw incompatible(file, path, column, type);
            }
            return column;
        }
        if (!column.isPrimitive()) {
            throw incompatible(file, path, column, type);
        }
        PrimitiveTypeName kind = column.asPrimitiveType().getPrimitiveTypeName();
        boolean isDecimal =
                column.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
        if (type == BasicTypeInfo.BIG_DECIMAL || isDecimal) {
            if (type != BasicTypeInfo.BIG_DECIMAL || !isDecimal) {
                throw incompatible(file, path, column, type);
            }
            return column;
        }
        boolean fits = switch (kind) {
            case INT64 ->
                type == BasicTypeInfo.LONG || type == BasicTypeInfo.INSTANT || type == BasicTypeInfo.LOCAL_DATE_TIME;
            case INT32 ->
                type == BasicTypeInfo.INT
                        || type == BasicTypeInfo.LONG
                        || type == BasicTypeInfo.SHORT
                        || type == BasicTypeInfo.BYTE
                        || type == BasicTypeInfo.LOCAL_DATE
                        || type == BasicTypeInfo.DOUBLE;
            case DOUBLE -> type == BasicTypeInfo.DOUBLE;
            case FLOAT -> type == BasicTypeInfo.FLOAT || type == BasicTypeInfo.DOUBLE;
            case BOOLEAN -> type == BasicTypeInfo.BOOLEAN;
            case BINARY, FIXED_LEN_BYTE_ARRAY ->
                type == BasicTypeInfo.STRING || type instanceof EnumTypeInfo<?> || type.typeClass() == byte[].class;
            default -> false;
        };
        if (!fits) {
            throw incompatible(file, path, column, type);
        }
        return column;
    }

    private static IllegalArgumentException incompatible(String file, String path, Type column, TypeInfo<?> type) {
        return new IllegalArgumentException("column '" + path + "' of the Parquet file " + file + " is " + column
                + ", which cannot be read into a " + type + "; give the field a type that fits the column");
    }
}
