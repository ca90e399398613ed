package io.weir.examples.tpch;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tables of a TPC-H directory are. */
final class Tables {

    private Tables() {}

    /**
     * The file of {@code table} in {@code directory}: {@code table.tbl}, or a directory {@code table}
     * (or {@code table.tbl}) of part files.
     */
    static String path(String directory, String table) {
        Path base = Path.of(directory);
        for (String name : new String[] {table + ".tbl", table}) {
            Path candidate = base.resolve(name);
            if (Files.exists(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalArgumentException("no " + table + ".tbl in " + directory
                + ": give a directory of TPC-H .tbl files (generate one with --scale-factor)");
    }
}
