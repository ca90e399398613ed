package io.weir.examples.tpch;

import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes TPC-H tables as dbgen does: {@code lineitem.tbl}, {@code orders.tbl}, ... in one directory,
 * a row per line, fields separated by {@code |} with a trailing {@code |}. The rows come from the
 * TPC-H generator of {@code io.trino.tpch}, the same for a given scale factor on every machine.
 */
public final class TpchData {

    /** The tables the examples read. */
    public static final List<String> EXAMPLE_TABLES = List.of("customer", "orders", "lineitem");

    private TpchData() {}

    /**
     * Generates the named tables ({@link #EXAMPLE_TABLES} when none are named) at {@code scaleFactor}
     * into {@code directory}, each table's parts generated in parallel and written in order.
     */
    public static void generate(Path directory, double scaleFactor, List<String> tables) throws IOException {
        Files.createDirectories(directory);
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (String name : tables.isEmpty() ? EXAMPLE_TABLES : tables) {
                TpchTable<?> table = TpchTable.getTable(name);
                Path file = directory.resolve(name + ".tbl");
                int parts = scaleFactor < 0.1 ? 1 : threads * 4;
                List<Future<byte[]>> chunks = new ArrayList<>();
                for (int part = 1; part <= parts; part++) {
                    int thisPart = part;
                    chunks.add(pool.submit(() -> lines(table, scaleFactor, thisPart, parts)));
                }
                try (var out = Files.newOutputStream(file)) {
                    for (Future<byte[]> chunk : chunks) {
                        out.write(chunk.get());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while generating " + file, e);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException("could not generate " + file + ": " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] lines(TpchTable<?> table, double scaleFactor, int part, int parts) {
        StringBuilder text = new StringBuilder(1 << 16);
        for (TpchEntity row : table.createGenerator(scaleFactor, part, parts)) {
            text.append(row.toLine()).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code TpchData DIRECTORY SCALE_FACTOR [TABLE...]}. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: TpchData DIRECTORY SCALE_FACTOR [TABLE...]");
            System.exit(2);
        }
        generate(Path.of(args[0]), Double.parseDouble(args[1]), List.of(args).subList(2, args.length));
    }
}
