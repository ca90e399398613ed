package io.weir.core.serialization;

import io.weir.memory.view.DataInputView;
import io.weir.memory.view.DataOutputView;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Serializers for {@code java.time} values, each with a fixed length:
 *
 * <pre>
 *   LocalDate      long epochDay                          8 bytes
 *   LocalTime      long nanoOfDay                         8 bytes
 *   LocalDateTime  long epochDay, long nanoOfDay         16 bytes
 *   Instant        long epochSecond, int nano            12 bytes
 * </pre>
 */
public final class TemporalSerializers {

    private TemporalSerializers() {}

    /** Serializes {@link LocalDate}s. */
    public static final class LocalDateSerializer extends ImmutableValueSerializer<LocalDate> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean hasCanonicalBytes() {
            return true;
        }

        public static final LocalDateSerializer INSTANCE = new LocalDateSerializer();

        @Override
        public void serialize(LocalDate value, DataOutputView target) throws IOException {
            target.writeLong(value.toEpochDay());
        }

        @Override
        public LocalDate deserialize(DataInputView source) throws IOException {
            return LocalDate.ofEpochDay(source.readLong());
        }

        @Override
        public void copy(DataInputView source, DataOutputView target) throws IOException {
            target.writeLong(source.readLong());
        }

        @Override
        public int length() {
            return 8;
        }
    }

    /** Serializes {@link LocalTime}s. */
    public static final class LocalTimeSerializer extends ImmutableValueSerializer<LocalTime> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean hasCanonicalBytes() {
            return true;
        }

        public static final LocalTimeSerializer INSTANCE = new LocalTimeSerializer();

        @Override
        public void serialize(LocalTime value, DataOutputView target) throws IOException {
            target.writeLong(value.toNanoOfDay());
        }

        @Override
        public LocalTime deserialize(DataInputView source) throws IOException {
            return LocalTime.ofNanoOfDay(source.readLong());
        }

        @Override
        public void copy(DataInputView source, DataOutputView target) throws IOException {
            target.writeLong(source.readLong());
        }

        @Override
        public int length() {
            return 8;
        }
    }

    /** Serializes {@link LocalDateTime}s. */
    public static final class LocalDateTimeSerializer extends ImmutableValueSerializer<LocalDateTime> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean hasCanonicalBytes() {
            return true;
        }

        public static final LocalDateTimeSerializer INSTANCE = new LocalDateTimeSerializer();

        @Override
        public void serialize(LocalDateTime value, DataOutputView target) throws IOException {
            target.writeLong(value.toLocalDate().toEpochDay());
            target.writeLong(value.toLocalTime().toNanoOfDay());
        }

        @Override
        public LocalDateTime deserialize(DataInputView source) throws IOException {
            LocalDate date = LocalDate.ofEpochDay(source.readLong());
            return LocalDateTime.of(date, LocalTime.ofNanoOfDay(source.readLong()));
        }

        @Override
        public void copy(DataInputView source, DataOutputView target) throws IOException {
            target.writeLong(source.readLong());
            target.writeLong(source.readLong());
        }

        @Override
        public int length() {
            return 16;
        }
    }

    /** Serializes {@link Instant}s. */
    public static final class InstantSerializer extends ImmutableValueSerializer<Instant> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean hasCanonicalBytes() {
            return true;
        }

        public static final InstantSerializer INSTANCE = new InstantSerializer();

        @Override
        public void serialize(Instant value, DataOutputView target) throws IOException {
            target.writeLong(value.getEpochSecond());
            target.writeInt(value.getNano());
        }

        @Override
        public Instant deserialize(DataInputView source) throws IOException {
            long seconds = source.readLong();
            return Instant.ofEpochSecond(seconds, source.readInt());
        }

        @Override
        public void copy(DataInputView source, DataOutputView target) throws IOException {
            target.writeLong(source.readLong());
            target.writeInt(source.readInt());
        }

        @Override
        public int length() {
            return 12;
        }
    }
}
