package io.weir.dataset;

/**
 * The built-in aggregations of {@code aggregate(...)}, each computed into the field it names (the
 * result has the input's type). Null values are skipped, as SQL does.
 *
 * <ul>
 *   <li>{@code SUM}: the sum, in the field's type (int, long, short, byte, float, double,
 *       BigInteger, BigDecimal).
 *   <li>{@code MIN}, {@code MAX}: the least or greatest value of any comparable field.
 *   <li>{@code COUNT}: the number of records whose field is not null, in the field's numeric type.
 *   <li>{@code AVERAGE}: the mean of the non-null values, for float, double and BigDecimal fields
 *       (BigDecimal to 34 significant digits); map an integer field to one of those first.
 * </ul>
 */
public enum Aggregations {
    SUM,
    MIN,
    MAX,
    COUNT,
    AVERAGE
}
