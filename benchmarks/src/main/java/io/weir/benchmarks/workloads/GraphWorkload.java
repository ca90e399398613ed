package io.weir.benchmarks.workloads;

import io.weir.core.io.WriteMode;
import io.weir.core.types.Types;
import io.weir.dataset.ExecutionEnvironment;
import io.weir.graph.graphalytics.GraphalyticsGraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Times {@code bin/weir example pagerank} (10 iterations, directed) or {@code wcc} as a whole process
 * beside {@link CsrBaseline} — a single thread over arrays, also a whole JVM process — on the same
 * R-MAT edge file, alternating the two, and checks that both wrote the same values (ranks within
 * 1e-9 relative). Generates the edge file (Graph500's R-MAT, self-loops and repeats dropped,
 * directed) into the work directory once.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.weir.benchmarks.workloads.GraphWorkload pagerank|wcc \
 *     [--scale 19] [--runs 3] [--dir /tmp/weir-graph] [--weir bin/weir] [-- WEIR OPTIONS...]
 * </pre>
 */
public final class GraphWorkload {

    private GraphWorkload() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !(args[0].equals("pagerank") || args[0].equals("wcc"))) {
            System.err.println("usage: GraphWorkload pagerank|wcc [--scale 19] [--runs 3] [--dir DIR] [--weir PATH]"
                    + " [-- WEIR OPTIONS]");
            System.exit(2);
        }
        String algorithm = args[0];
        Map<String, String> options = new HashMap<>();
        List<String> weirOptions = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--")) {
                weirOptions.addAll(Arrays.asList(args).subList(i + 1, args.length));
                break;
            }
            options.put(args[i].substring(2), args[++i]);
        }
        int scale = Integer.parseInt(options.getOrDefault("scale", "19"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        Path dir = Path.of(options.getOrDefault("dir", System.getProperty("java.io.tmpdir") + "/weir-graph"));
        String weir = options.getOrDefault("weir", "bin/weir");
        Files.createDirectories(dir);
        Path edges = prepare(dir, scale);

        Path weirOutput = dir.resolve(algorithm + "-weir-out");
        Path baselineOutput = dir.resolve(algorithm + "-baseline-out.txt");
        List<String> weirCommand = new ArrayList<>(List.of(
                weir,
                "example",
                algorithm,
                "--edges",
                edges.toString(),
                "--directed",
                "--output",
                weirOutput.toString(),
                "--overwrite",
                "--quiet"));
        if (algorithm.equals("pagerank")) {
            weirCommand.addAll(List.of("--iterations", "10", "--damping", "0.85"));
        }
        weirCommand.addAll(weirOptions);
        List<String> baselineCommand = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CsrBaseline.class.getName(),
                algorithm,
                edges.toString(),
                baselineOutput.toString());

        double[] weirSeconds = new double[runs];
        double[] baselineSeconds = new double[runs];
        for (int run = 0; run < runs; run++) {
            weirSeconds[run] = EndToEnd.time(weirCommand, dir.resolve("weir.log"));
            baselineSeconds[run] = EndToEnd.time(baselineCommand, dir.resolve("baseline.log"));
            System.out.printf(
                    "run %d: weir %.2f s, baseline %.2f s%n", run + 1, weirSeconds[run], baselineSeconds[run]);
        }
        compare(read(weirOutput), read(baselineOutput), algorithm.equals("pagerank"));
        double weirMedian = EndToEnd.median(weirSeconds);
        double baselineMedian = EndToEnd.median(baselineSeconds);
        System.out.printf(
                "%s on %s: weir median %.2f s, single-thread CSR baseline median %.2f s, weir/baseline %.2f;"
                        + " outputs agree%n",
                algorithm, edges.getFileName(), weirMedian, baselineMedian, weirMedian / baselineMedian);
    }

    /** The edge file of the R-MAT graph of {@code scale}, written by Weir's generator once. */
    static Path prepare(Path dir, int scale) throws Exception {
        Path file = dir.resolve("rmat-" + scale + ".e");
        if (Files.exists(file)) {
            return file;
        }
        System.out.println("generating " + file);
        Path parts = dir.resolve("rmat-" + scale + "-parts");
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment();
        GraphalyticsGraph.rmat(env, scale, 16, 0, true)
                .edges()
                .map(edge -> edge.f0 + " " + edge.f1)
                .returns(Types.STRING)
                .writeAsText(parts.toString(), WriteMode.OVERWRITE);
        env.execute("generate R-MAT " + scale);
        Path partial = dir.resolve(file.getFileName() + ".tmp");
        try (Stream<Path> list = Files.list(parts);
                var out = Files.newOutputStream(partial)) {
            for (Path part : list.sorted().toList()) {
                Files.copy(part, out);
            }
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        try (Stream<Path> list = Files.list(parts)) {
            list.forEach(part -> part.toFile().delete());
        }
        Files.delete(parts);
        return file;
    }

    static Map<Long, String> read(Path output) throws IOException {
        Map<Long, String> values = new HashMap<>();
        List<Path> files;
        if (Files.isDirectory(output)) {
            try (Stream<Path> list = Files.list(output)) {
                files = list.toList();
            }
        } else {
            files = List.of(output);
        }
        for (Path file : files) {
            try (Stream<String> lines = Files.lines(file)) {
                lines.forEach(line -> {
                    int space = line.indexOf(' ');
                    values.put(Long.parseLong(line.substring(0, space)), line.substring(space + 1));
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return values;
    }

    static void compare(Map<Long, String> weir, Map<Long, String> baseline, boolean approximate) {
        if (!weir.keySet().equals(baseline.keySet())) {
            throw new IllegalStateException(
                    "the vertex sets differ: weir " + weir.size() + ", baseline " + baseline.size() + " vertices");
        }
        for (Map.Entry<Long, String> entry : baseline.entrySet()) {
            String other = weir.get(entry.getKey());
            boolean same = approximate
                    ? Math.abs(Double.parseDouble(other) - Double.parseDouble(entry.getValue()))
                            <= 1e-9 * Math.abs(Double.parseDouble(entry.getValue()))
                    : other.equals(entry.getValue());
            if (!same) {
                throw new IllegalStateException(
                        "vertex " + entry.getKey() + ": weir " + other + ", baseline " + entry.getValue());
            }
        }
    }
}
