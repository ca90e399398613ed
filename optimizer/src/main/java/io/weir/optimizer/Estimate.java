package io.weir.optimizer;

/**
 * What the optimizer expects of an operator's output: the number of records and their bytes
 * (serialized), each -1 when unknown, and where the figures come from.
 *
 * @param source how the figures were obtained: "statistics", "hint", "rule", or "unknown"
 */
public record Estimate(long records, long bytes, String source) {

    public static final Estimate UNKNOWN = new Estimate(-1, -1, "unknown");

    public Estimate {
        records = records < 0 ? -1 : records;
        bytes = bytes < 0 ? -1 : bytes;
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
                "rule");
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
        if (value < 10_000) {
            return String.valueOf(Math.round(value));
        }
        String[] units = {"k", "M", "G", "T", "P"};
        double scaled = value / 1000;
        int unit = 0;
        while (scaled >= 1000 && unit < units.length - 1) {
            scaled /= 1000;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.3g %s", scaled, units[unit]);
    }

    static String size(double bytes) {
        if (bytes < 10_000) {
            return Math.round(bytes) + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double scaled = bytes / 1000;
        int unit = 0;
        while (scaled >= 1000 && unit < units.length - 1) {
            scaled /= 1000;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.3g %s", scaled, units[unit]);
    }
}
