package io.weir.core.serialization;

import io.weir.memory.view.DataInputView;
import io.weir.memory.view.DataOutputView;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Serializes {@link BigDecimal}s exactly, scale included (so {@code 1.10} stays {@code 1.10}): the
 * unscaled value as {@link BigIntegerSerializer} writes it, then the scale as a zig-zag varint.
 * Money with up to 18 digits takes a few bytes.
 */
public final class BigDecimalSerializer extends ImmutableValueSerializer<BigDecimal> {

    private static final long serialVersionUID = 1L;

    public static final BigDecimalSerializer INSTANCE = new BigDecimalSerializer();

    @Override
    public void serialize(BigDecimal value, DataOutputView target) throws IOException {
        if (value.precision() <= 18) {
            // |unscaled| < 10^18: the long form BigIntegerSerializer writes, taken without making a
            // BigInteger (a scale-0 BigDecimal hands over its compact long)
            target.writeVarInt(0);
            target.writeVarLong(BigIntegerSerializer.zigZag(
                    value.scaleByPowerOfTen(value.scale()).longValue()));
        } else {
            BigIntegerSerializer.write(value.unscaledValue(), target);
        }
        target.writeVarInt(BigIntegerSerializer.zigZag(value.scale()));
    }

    @Override
    public BigDecimal deserialize(DataInputView source) throws IOException {
        int length = source.readVarInt();
        if (length == 0) {
            long unscaled = BigIntegerSerializer.unZigZag(source.readVarLong());
            return BigDecimal.valueOf(unscaled, BigIntegerSerializer.unZigZag(source.readVarInt()));
        }
        BigInteger unscaled = BigIntegerSerializer.readBytes(source, length);
        return new BigDecimal(unscaled, BigIntegerSerializer.unZigZag(source.readVarInt()));
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        BigIntegerSerializer.copyValue(source, target);
        target.writeVarInt(source.readVarInt());
    }
}
