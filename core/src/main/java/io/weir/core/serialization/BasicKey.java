package io.weir.core.serialization;

import io.weir.memory.MemorySegment;
import io.weir.memory.view.DataInputView;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Comparator;

/**
 * Hashes and normalized keys of Weir's built-in key types. Every normalized key below is a byte
 * string whose unsigned order is the type's {@code compareTo} order:
 *
 * <pre>
 *   boolean        1 byte: 0 or 1
 *   byte, short,   the two's-complement value, big-endian, sign bit flipped
 *   int, long      (so negative numbers order before positive ones)
 *   char           2 bytes, big-endian, unsigned
 *   float, double  the IEEE bits (NaN canonical), big-endian; all bits flipped for negative
 *                  values, only the sign bit for positive ones (Float.compare order: -0.0 &lt; 0.0,
 *                  NaN last)
 *   String         each char c as v = c + 1 in one to three bytes that keep their order:
 *                    v &lt; 0x80    0vvvvvvv
 *                    v &lt; 0x4000  10vvvvvv vvvvvvvv
 *                    otherwise   110000vv vvvvvvvv vvvvvvvv
 *                  then zeros; v &gt; 0 keeps "ab" before "ab\0"
 *   BigInteger     sign (0 negative, 1 zero, 2 positive), bit length (4 bytes), magnitude bytes;
 *                  everything after the sign inverted for negative values
 *   BigDecimal     sign as above, adjusted exponent (4 bytes, sign bit flipped), the decimal digits
 *                  of the unscaled value without trailing zeros, each digit d as d + 1, then zeros;
 *                  everything after the sign inverted for negative values (1.0 and 1.00 are equal)
 *   LocalDate      epoch day as a long          LocalTime      nano of day (8 bytes)
 *   LocalDateTime  epoch day, nano of day        Instant        epoch second, nano (4 bytes)
 *   enum           ordinal, 4 bytes
 * </pre>
 *
 * Hashes are the types' own hash codes except where those disagree with {@code compareTo} ({@code
 * BigDecimal}: 1.0 and 1.00 must hash alike) or differ between JVMs (enums: ordinals, not identity).
 */
@SuppressWarnings({"rawtypes", "unchecked"})
public enum BasicKey implements AtomicKey<Object> {
    BOOLEAN(1) {
        @Override
        public void putNormalizedKey(Object value, MemorySegment target, int offset, int bytes) {
            putUnsigned((Boolean) value ? 1 : 0, 1, target, offset, bytes);
        }
    },
    BYTE(1) {
        @Override
        public void putNormalizedKey(Object value, MemorySegment target, int offset, int bytes) {
            putUnsigned(((Byte) value) ^ 0x80, 1, target, offset, bytes);
        }
    },
    SHORT(2) {
        @Override
        public void putNormalizedKey(Object value, MemorySegment target, int offset, int bytes) {
            putUnsigned(((Short) value) ^ 0x8000, 2, target, offset, bytes);
        }
    },
    CHAR(2) {
        @Override
        public void putNormalizedKey(Object value, MemorySegment target, int offset, int bytes) {
            putUnsigned((Character) value, 2, target, offset, bytes);
        }
    },
    INT(4) {
        @Override
        public void putNormalizedKey(Object value, MemorySegment target, int offset, int bytes) {
            putUnsigned(((Integer) value) ^ Integer.MIN_VALUE, 4, target, offset, bytes);
        }
    },
    LONG(8) {
        @Override
        public void putNormalizedKey(Object value, MemorySegment target, int offset, int bytes) {
            putUnsigned(((Long) value) ^ Long.MIN_VALUE, 8, target, offset, bytes);
        }
    },
    FLOAT(4) {
        @Override
        public void putNormalizedKey(Object value, MemorySegment target, int offset, int bytes) {
            int bits = Float.floatToIntBits((Float) value);
            bits = bits < 0 ? ~bits : bits ^ Integer.MIN_VALUE;
            putUnsigned(bits, 4, target, offset, bytes);
        }
    },
    DOUBLE(8) {
        @Override
        public void putNormalizedKey(Object value, MemorySegment target, int offset, int bytes) {
            long bits = Double.doubleToLongBits((Double) value);
            bits = bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
            putUnsigned(bits, 8, target, offset, bytes);
        }
    },
    STRING(Integer.MAX_VALUE) {
        @Override
        public void putNormalizedKey(Object value, MemorySegment target, int offset, int bytes) {
            String string = (String) value;
            int end = offset + bytes;
            int position = offset;
            for (int i = 0; i < string.length() && position < end; i++) {
                int v = string.charAt(i) + 1;
                if (v < 0x80) {
                    target.put(position++, (byte) v);
                } else if (v < 0x4000) {
                    target.put(position++, (byte) (0x80 | (v >>> 8)));
                    if (position < end) {
                        target.put(position++, (byte) v);
                    }
                } else {
                    target.put(position++, (byte) (0xC0 | (v >>> 16)));
                    if (position < end) {
                        target.put(position++, (byte) (v >>> 8));
                    }
                    if (position < end) {
                        target.put(position++, (byte) v);
                    }
                }
            }
            target.clear(position, end - position);
        }

        @Override
        public int compareSerialized(
                TypeSerializer<Object> serializer, DataInputView first, DataInputView second, Comparator<Object> order)
                throws IOException {
            return StringSerializer.compareSerialized(first, second);
        }
    },
    BIG_INTEGER(Integer.MAX_VALUE) {
        @Override
        public void putNormalizedKey(Object value, MemorySegment target, int offset, int bytes) {
            BigInteger number = (BigInteger) value;
            KeyBytes key = new KeyBytes(target, offset, bytes);
            int sign = number.signum();
            key.put(sign + 1);
            if (sign != 0) {
                key.invert = sign < 0;
                BigInteger magnitude = number.abs();
                key.putInt(magnitude.bitLength());
                byte[] digits = magnitude.toByteArray();
                for (int i = digits[0] == 0 ? 1 : 0; i < digits.length; i++) {
                    key.put(digits[i]);
                }
            }
            key.padRest();
        }
    },
    BIG_DECIMAL(Integer.MAX_VALUE) {
        @Override
        public void putNormalizedKey(Object value, MemorySegment target, int offset, int bytes) {
            BigDecimal number = (BigDecimal) value;
            KeyBytes key = new KeyBytes(target, offset, bytes);
            int sign = number.signum();
            key.put(sign + 1);
            if (sign != 0) {
                key.invert = sign < 0;
                BigDecimal stripped = number.stripTrailingZeros();
                int adjustedExponent = stripped.precision() - stripped.scale() - 1;
                key.putInt(adjustedExponent ^ Integer.MIN_VALUE);
                String digits = stripped.unscaledValue().abs().toString();
                for (int i = 0; i < digits.length() && key.hasRoom(); i++) {
                    key.put(digits.charAt(i) - '0' + 1);
                }
            }
            key.padRest();
        }

        @Override
        public int hash(Object value) {
            BigDecimal number = (BigDecimal) value;
            return number.signum() == 0 ? 0 : number.stripTrailingZeros().hashCode();
        }
    },
    LOCAL_DATE(8) {
        @Override
        public void putNormalizedKey(Object value, MemorySegment target, int offset, int bytes) {
            putUnsigned(((LocalDate) value).toEpochDay() ^ Long.MIN_VALUE, 8, target, offset, bytes);
        }
    },
    LOCAL_TIME(8) {
        @Override
        public void putNormalizedKey(Object value, MemorySegment target, int offset, int bytes) {
            putUnsigned(((LocalTime) value).toNanoOfDay(), 8, target, offset, bytes);
        }
    },
    LOCAL_DATE_TIME(16) {
        @Override
        public void putNormalizedKey(Object value, MemorySegment target, int offset, int bytes) {
            LocalDateTime dateTime = (LocalDateTime) value;
            long day = dateTime.toLocalDate().toEpochDay() ^ Long.MIN_VALUE;
            putUnsigned(day, 8, target, offset, Math.min(bytes, 8));
            if (bytes > 8) {
                putUnsigned(dateTime.toLocalTime().toNanoOfDay(), 8, target, offset + 8, bytes - 8);
            }
        }
    },
    INSTANT(12) {
        @Override
        public void putNormalizedKey(Object value, MemorySegment target, int offset, int bytes) {
            Instant instant = (Instant) value;
            putUnsigned(instant.getEpochSecond() ^ Long.MIN_VALUE, 8, target, offset, Math.min(bytes, 8));
            if (bytes > 8) {
                putUnsigned(instant.getNano(), 4, target, offset + 8, bytes - 8);
            }
        }
    },
    ENUM(4) {
        @Override
        public void putNormalizedKey(Object value, MemorySegment target, int offset, int bytes) {
            putUnsigned(((Enum) value).ordinal(), 4, target, offset, bytes);
        }

        @Override
        public int hash(Object value) {
            return ((Enum) value).ordinal();
        }
    },
    /** Any other {@link Comparable} type (a Kryo-serialized class): no normalized key. */
    GENERIC(0) {
        @Override
        public void putNormalizedKey(Object value, MemorySegment target, int offset, int bytes) {
            throw new UnsupportedOperationException("generic types have no normalized key");
        }
    };

    private final int normalizedKeyLength;

    BasicKey(int normalizedKeyLength) {
        this.normalizedKeyLength = normalizedKeyLength;
    }

    /** Whether this is the key of a boxed primitive, hashed by its own {@code hashCode}. */
    boolean isPrimitive() {
        return ordinal() <= DOUBLE.ordinal();
    }

    @Override
    public int hash(Object value) {
        return value.hashCode();
    }

    @Override
    public int normalizedKeyLength() {
        return normalizedKeyLength;
    }

    /** This key typed for the values it handles. */
    public <T> AtomicKey<T> typed() {
        return (AtomicKey) this;
    }

    /**
     * Writes the low {@code length} bytes of {@code value} big-endian, cut or zero-padded to {@code
     * bytes} bytes.
     */
    static void putUnsigned(long value, int length, MemorySegment target, int offset, int bytes) {
        if (bytes >= length && length == 8) {
            target.putLongBigEndian(offset, value);
        } else if (bytes >= length && length == 4) {
            target.putIntBigEndian(offset, (int) value);
        } else {
            int written = Math.min(length, bytes);
            for (int i = 0; i < written; i++) {
                target.put(offset + i, (byte) (value >>> (8 * (length - 1 - i))));
            }
        }
        if (bytes > length) {
            target.clear(offset + length, bytes - length);
        }
    }

    /** A cursor over a normalized key's bytes that stops at its end and can invert what it writes. */
    private static final class KeyBytes {
        private final MemorySegment target;
        private final int end;
        private int position;
        boolean invert;

        KeyBytes(MemorySegment target, int offset, int bytes) {
            this.target = target;
            this.position = offset;
            this.end = offset + bytes;
        }

        boolean hasRoom() {
            return position < end;
        }

        void put(int b) {
            if (position < end) {
                target.put(position++, (byte) (invert ? ~b : b));
            }
        }

        void putInt(int value) {
            put(value >>> 24);
            put(value >>> 16);
            put(value >>> 8);
            put(value);
        }

        void padRest() {
            while (position < end) {
                put(0);
            }
        }
    }
}
