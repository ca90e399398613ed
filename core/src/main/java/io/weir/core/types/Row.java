package io.weir.core.types;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * A record whose fields are known only when the program runs — the rows of a Parquet file read
 * without a class, for instance: field values by position or by name. Its type is a {@link
 * CompositeTypeInfo} of kind ROW ({@link CompositeTypeInfo#forRow}), so rows are keyed by field names
 * ({@code groupBy("city")}) like records. Rows are immutable; equal when their names and values are.
 */
public final class Row implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<String> names;
    private final Object[] values;

    /** A row of {@code values}, one per name, in order. */
    public Row(List<String> names, Object[] values) {
        if (names.size() != values.length) {
            throw new IllegalArgumentException(names.size() + " names and " + values.length + " values");
        }
        this.names = names;
        this.values = values.clone();
    }

    public int getArity() {
        return values.length;
    }

    public List<String> getFieldNames() {
        return names;
    }

    /** The value of field {@code position}. */
    public Object getField(int position) {
        return values[position];
    }

    /** The value of the field named {@code name}. */
    public Object getField(String name) {
        int position = names.indexOf(name);
        if (position < 0) {
            throw new IllegalArgumentException("'" + name + "' is not a field of this row; its fields are " + names);
        }
        return values[position];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Row that && that.names.equals(names) && Arrays.equals(that.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * names.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Row(");
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(values[i]);
        }
        return text.append(')').toString();
    }
}
