package io.weir.examples.tpch;

import io.weir.core.fs.FileSystem;
import io.weir.core.functions.FilterFunction;
import io.weir.core.predicate.Predicate;
import io.weir.dataset.DataSet;
import io.weir.dataset.ExecutionEnvironment;
import io.weir.formats.parquet.Parquet;

/**
 * Where the TPC-H queries read their tables: a directory of {@code .tbl} files (CSV, the columns a
 * query reads chosen by position), or a directory of Parquet tables as {@code bin/weir example etl}
 * writes them ({@code OUTPUT/_tables}: a directory per table, columns named like the records'
 * fields) — with the queries' filters either declarative, so the optimizer pushes them and the fields
 * read into the Parquet reader, or opaque lambdas, to measure what the pushdown saves.
 *
 * @param parquet whether {@code directory} holds Parquet tables rather than {@code .tbl} files
 * @param pushdown with Parquet, whether filters are declarative (pushed down) or lambdas
 */
public record TpchSource(String directory, boolean parquet, boolean pushdown) {

    /** The {@code .tbl} files of {@code directory}. */
    public static TpchSource tbl(String directory) {
        return new TpchSource(directory, false, false);
    }

    /** The Parquet tables under {@code directory}, read with pushdown or without. */
    public static TpchSource parquet(String directory, boolean pushdown) {
        return new TpchSource(directory, true, pushdown);
    }

    /** {@code table} as records of {@code type}: from Parquet by field name, or the {@code .tbl} file's {@code columns}. */
    <T> DataSet<T> read(ExecutionEnvironment env, String table, Class<T> type, int... columns) {
        if (parquet) {
            return Parquet.read(
                            env,
                            FileSystem.child(FileSystem.toUri(directory), table).toString(),
                            type)
                    .name("read " + table);
        }
        return env.readCsvFile(Tables.path(directory, table))
                .fieldDelimiter('|')
                .noQuoting()
                .columns(columns)
                .as(type)
                .name("read " + table);
    }

    /** The records that pass: by the declarative {@code predicate} when pushing down, else by {@code function}. */
    <T> DataSet<T> filter(DataSet<T> records, Predicate predicate, FilterFunction<T> function) {
        return parquet && pushdown ? records.filter(predicate) : records.filter(function);
    }
}
