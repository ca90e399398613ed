package io.weir.core.serialization;

import io.weir.memory.view.DataInputView;
import io.weir.memory.view.DataOutputView;
import java.io.IOException;

/**
 * A {@link KeyValueLayout}'s reads and writes as bytecode generated for one type and key ({@link
 * FieldCodecs#layout}): the same bytes as the layout's generic loops. Public only because the
 * generated classes live in the package of the type they serve; not for users.
 */
public interface KeyValueCodec {

    /** {@link KeyValueLayout#writeKey}. */
    void writeKey(Object record, DataOutputView target) throws IOException;

    /** {@link KeyValueLayout#writeValue}. */
    void writeValue(Object record, DataOutputView target) throws IOException;

    /** {@link KeyValueLayout#readWithKeyOf}. */
    Object readWithKeyOf(Object keySource, DataInputView values) throws IOException;

    /** {@link KeyValueLayout#read}. */
    Object read(DataInputView source) throws IOException;
}
