package io.weir.benchmarks.workloads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times an example as a whole {@code bin/weir} process beside DuckDB (in-memory, in a child JVM)
 * doing the same work from the same files, alternating the two for each run, and checks that both
 * wrote the same result. Generates the input once into the work directory.
 *
 * <pre>
 * ./mvnw -B -q package -DskipTests -pl benchmarks -am -Pduckdb
 * java -cp benchmarks/target/benchmarks.jar io.weir.benchmarks.workloads.EndToEnd wordcount \
 *     [--size 200m] [--runs 3] [--threads 2] [--dir /tmp/weir-e2e] [--weir bin/weir] [-- WEIR OPTIONS...]
 * </pre>
 *
 * Options after {@code --} go to the Weir example (e.g. {@code --memory 16m}).
 */
public final class EndToEnd {

    private EndToEnd() {}

    /** One workload: its input, the Weir command, the DuckDB statements and how to compare outputs. */
    interface Workload {

        /** Creates the input under {@code dir} unless it is there; returns it. */
        Path prepare(Path dir, Map<String, String> options) throws IOException;

        /** The arguments of {@code bin/weir}. */
        List<String> weirArguments(Path input, Path output);

        /** DuckDB statements doing the same work, writing into {@code output} (a file). */
        List<String> duckDbStatements(Path input, Path output);

        /** Fails when the two outputs differ. */
        void compare(Path weirOutput, Path duckDbOutput) throws IOException;
    }

    static final Map<String, Workload> WORKLOADS = Map.of(
            "wordcount", new WordCountWorkload(),
            "tpch-q1", new TpchWorkload("q1"),
            "tpch-q3", new TpchWorkload("q3"),
            "sort", new SortWorkload());

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !WORKLOADS.containsKey(args[0])) {
            System.err.println(
                    "usage: EndToEnd " + WORKLOADS.keySet()
                            + " [--size S] [--scale-factor SF] [--runs N] [--threads N] [--dir DIR] [--weir PATH] [-- WEIR OPTIONS]");
            System.exit(2);
        }
        Workload workload = WORKLOADS.get(args[0]);
        Map<String, String> options = new LinkedHashMap<>();
        List<String> weirOptions = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--")) {
                weirOptions.addAll(Arrays.asList(args).subList(i + 1, args.length));
                break;
            }
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value at '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        Path dir = Path.of(options.getOrDefault("dir", System.getProperty("java.io.tmpdir") + "/weir-e2e"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        String threads = options.getOrDefault("threads", "2");
        String weir = options.getOrDefault("weir", "bin/weir");
        Files.createDirectories(dir);

        Path input = workload.prepare(dir, options);
        Path weirOutput = dir.resolve(args[0] + "-weir-out");
        Path duckOutput = dir.resolve(args[0] + "-duckdb-out.csv");
        List<String> weirCommand = new ArrayList<>(List.of(weir));
        weirCommand.addAll(workload.weirArguments(input, weirOutput));
        weirCommand.addAll(weirOptions);
        List<String> duckCommand = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                DuckDbQuery.class.getName(),
                threads));
        duckCommand.addAll(workload.duckDbStatements(input, duckOutput));

        double[] weirSeconds = new double[runs];
        double[] duckSeconds = new double[runs];
        for (int run = 0; run < runs; run++) {
            weirSeconds[run] = time(weirCommand, dir.resolve("weir.log"));
            duckSeconds[run] = time(duckCommand, dir.resolve("duckdb.log"));
            System.out.printf("run %d: weir %.2f s, duckdb %.2f s%n", run + 1, weirSeconds[run], duckSeconds[run]);
        }
        workload.compare(weirOutput, duckOutput);
        double weirMedian = median(weirSeconds);
        double duckMedian = median(duckSeconds);
        System.out.printf(
                "%s (%s): weir median %.2f s, duckdb (%s threads) median %.2f s, weir/duckdb %.2f; outputs agree%n",
                args[0], input.getFileName(), weirMedian, threads, duckMedian, weirMedian / duckMedian);
    }

    static double time(List<String> command, Path log) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command.subList(0, Math.min(6, command.size())))
                    + "... exited with " + exit + ":\n" + Files.readString(log));
        }
        return seconds;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
