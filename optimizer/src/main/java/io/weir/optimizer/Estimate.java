package io.weir.optimizer;

/**
 * What the optimizer expects of an operator's output: the number of records and their bytes
 * (serialized), each -1 when unknown, where the figures come from, and the distinct values of
 * some fields.
 *
 * @param source how the figures were obtained: "statistics", "hint", "rule", or "unknown"
 * @param distinct estimated distinct values by flat field name ({@code "*"} for an atomic record);
 *     a field not in it is unknown
 */
public record Estimate(long records, long bytes, String source, java.util.Map<String, Long> distinct) {

    public static final Estimate UNKNOWN = new Estimate(-1, -1, "unknown");

    public Estimate {
        records = records < 0 ? -1 : records;
        bytes = bytes < 0 ? -1 : bytes;
        java.util.Map<String, Long> capped = new java.util.TreeMap<>();
        for (java.util.Map.Entry<String, Long> field : distinct.entrySet()) {
            if (field.getValue() >= 0) {
                capped.put(field.getKey(), records < 0 ? field.getValue() : Math.min(field.getValue(), records));
            }
        }
        distinct = java.util.Collections.unmodifiableMap(capped);
    }

    public Estimate(long records, long bytes, String source) {
        this(records, bytes, source, java.util.Map.of());
    }

    /** The same figures with these distinct counts. */
    Estimate withDistinct(java.util.Map<String, Long> counts) {
        return new Estimate(records, bytes, source, counts);
    }

    public boolean knowsRecords() {
        return records >= 0;
    }

    public boolean knowsBytes() {
        return bytes >= 0;
    }

    /** The average bytes of a record, or -1 when unknown. */
    public double width() {
        return records > 0 && bytes >= 0 ? (double) bytes / records : -1;
    }

    /** The same records and widths, {@code fraction} of them. */
    Estimate scaled(double fraction) {
        return new Estimate(
                records < 0 ? -1 : Math.round(records * fraction),
                bytes < 0 ? -1 : Math.round(bytes * fraction),
                "rule",
                distinct);
    }

    /** "1.2 M records, 34 MB" or "unknown". */
    String describe() {
        if (!knowsRecords() && !knowsBytes()) {
            return "unknown";
        }
        String records = knowsRecords() ? count(this.records) + " records" : "? records";
        String bytes = knowsBytes() ? size(this.bytes) : "? bytes";
        return records + ", " + bytes + (source.equals("rule") ? "" : " (" + source + ")");
    }

    static String count(double value) {
        return value < 10_000 ? String.valueOf(Math.round(value)) : scaled(value, "k", "M", "G", "T", "P");
    }

    static String size(double bytes) {
        return bytes < 10_000 ? Math.round(bytes) + " B" : scaled(bytes, "kB", "MB", "GB", "TB", "PB");
    }

    /** {@code value} in thousands, millions, ... with three significant digits and the unit's name. */
    private static String scaled(double value, String... units) {
        double scaled = value / 1000;
        int unit = 0;
        while (scaled >= 1000 && unit < units.length - 1) {
            scaled /= 1000;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.3g %s", scaled, units[unit]);
    }
}
