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
        BigIntegerSerializer.write(value.unscaledValue(), target);
        target.writeVarInt(BigIntegerSerializer.zigZag(value.scale()));
    }

    @Override
    public BigDecimal deserialize(DataInputView source) throws IOException {
        BigInteger unscaled = BigIntegerSerializer.read(source);
        return new BigDecimal(unscaled, BigIntegerSerializer.unZigZag(source.readVarInt()));
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        BigIntegerSerializer.copyValue(source, target);
        target.writeVarInt(source.readVarInt());
    }
}
