package io.weir.core.serialization;

import io.weir.memory.view.DataInputView;
import io.weir.memory.view.DataOutputView;
import java.io.IOException;

/**
 * The fields of one composite type (a record, POJO or tuple) written and read by bytecode generated
 * for that type ({@link FieldCodecs}), in {@link CompositeSerializer}'s format. Public only because
 * the generated classes live in the package of the type they serve; not for users.
 */
public interface FieldCodec {

    /** Writes {@code value}, a value of the codec's type, as {@link CompositeSerializer#serialize} does. */
    void serialize(Object value, DataOutputView target) throws IOException;

    /** Reads a value of the codec's type, as {@link CompositeSerializer#deserialize} does. */
    Object deserialize(DataInputView source) throws IOException;
}
