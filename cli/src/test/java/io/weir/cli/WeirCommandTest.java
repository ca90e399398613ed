package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.examples.wordcount.TextGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeirCommandTest {

    /** Runs the command with stderr captured; returns the exit code and what it printed. */
    private static Result weir(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = Weir.execute(args);
            return new Result(code, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    private record Result(int code, String stderr) {}

    private static List<String> sortedLines(Path directory) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> parts = Files.list(directory)) {
            for (Path part : parts.toList()) {
                lines.addAll(Files.readAllLines(part));
            }
        }
        lines.sort(null);
        return lines;
    }

    /** A job of its own jar: a private record summed by key, the sums written as lines. */
    private static final String SALES_JOB = """
            package job;

            import io.weir.dataset.ExecutionEnvironment;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.util.ArrayList;
            import java.util.List;

            public class SalesJob {
                private record Sale(long product, long amount, String label) {
                    private Sale {}
                }

                public static void main(String[] args) throws Exception {
                    ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment();
                    env.setParallelism(2);
                    List<Sale> sales = new ArrayList<>();
                    for (int i = 0; i < 20_000; i++) {
                        sales.add(new Sale(i % 97, i, i % 3 == 0 ? null : "p" + (i % 97)));
                    }
                    List<String> lines = new ArrayList<>();
                    for (Sale sum : env.fromCollection(sales)
                            .groupBy("product")
                            .reduce((a, b) -> new Sale(a.product(), a.amount() + b.amount(), a.label()))
                            .collect()) {
                        lines.add(sum.product() + "," + sum.amount());
                    }
                    Files.write(Path.of(args[0]), lines);
                }
            }
            """;

    @Test
    void runExecutesAJobJarWhosePrivateRecordsWeirMustBuildAndRead(@TempDir Path directory) throws IOException {
        Path sources = Files.createDirectories(directory.resolve("src/job"));
        Files.writeString(sources.resolve("SalesJob.java"), SALES_JOB);
        Path classes = Files.createDirectories(directory.resolve("classes"));
        javax.tools.JavaCompiler compiler = javax.tools.ToolProvider.getSystemJavaCompiler();
        int compiled = compiler.run(
                null,
                null,
                null,
                "--release",
                "17",
                "-classpath",
                System.getProperty("java.class.path"),
                "-d",
                classes.toString(),
                sources.resolve("SalesJob.java").toString());
        assertThat(compiled).isZero();
        Path jar = directory.resolve("sales.jar");
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MAIN_CLASS, "job.SalesJob");
        try (java.util.jar.JarOutputStream out =
                        new java.util.jar.JarOutputStream(Files.newOutputStream(jar), manifest);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new java.util.jar.JarEntry(
                        classes.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        Path output = directory.resolve("sums.csv");

        Result result = weir("run", jar.toString(), output.toString());

        assertThat(result.code()).as(result.stderr()).isZero();
        List<String> expected = new ArrayList<>();
        for (int product = 0; product < 97; product++) {
            long sum = 0;
            for (int i = product; i < 20_000; i += 97) {
                sum += i;
            }
            expected.add(product + "," + sum);
        }
        expected.sort(null);
        List<String> actual = new ArrayList<>(Files.readAllLines(output));
        actual.sort(null);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void wordCountWithSixteenMegabytesGivesWhatItGivesWithAmpleMemory(@TempDir Path directory) throws IOException {
        Path input = TextGenerator.generate(directory.resolve("text.txt"), 8 << 20, 3);

        Result small = weir(
                "example",
                "wordcount",
                "--input",
                input.toString(),
                "--output",
                directory.resolve("small").toString(),
                "--memory",
                "16m",
                "--parallelism",
                "2");
        Result ample = weir(
                "example",
                "wordcount",
                "--input",
                input.toString(),
                "--output",
                directory.resolve("ample").toString(),
                "--memory",
                "256m",
                "--parallelism",
                "2",
                "--quiet");

        assertThat(small.code()).as(small.stderr()).isZero();
        assertThat(ample.code()).as(ample.stderr()).isZero();
        assertThat(small.stderr()).contains("job 'wordcount' finished").contains("tokenize");
        assertThat(sortedLines(directory.resolve("small")))
                .isNotEmpty()
                .isEqualTo(sortedLines(directory.resolve("ample")));
    }

    @Test
    void explainPrintsThePlanOfAnExampleWithoutRunningIt(@TempDir Path directory) throws IOException {
        Path input = TextGenerator.generate(directory.resolve("text.txt"), 1 << 20, 3);
        Path output = directory.resolve("out");
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            for (String format : List.of("json", "dot")) {
                Result result = weir(
                        "explain",
                        "--format",
                        format,
                        "example",
                        "wordcount",
                        "--input",
                        input.toString(),
                        "--output",
                        output.toString(),
                        "--quiet");
                assertThat(result.code()).as(result.stderr()).isZero();
            }
        } finally {
            System.setOut(original);
        }

        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text)
                .startsWith("{\"job\":")
                .contains("\"strategy\":\"HASH_REDUCE\"")
                .contains("digraph plan {");
        assertThat(output).as("nothing ran").doesNotExist();
    }

    @Test
    void aMemoryBudgetTooSmallFailsAtStartNamingTheOption(@TempDir Path directory) throws IOException {
        Path input = Files.writeString(directory.resolve("text.txt"), "a b c\n");

        Result result = weir(
                "example",
                "wordcount",
                "--input",
                input.toString(),
                "--output",
                directory.resolve("out").toString(),
                "--memory",
                "64k",
                "--parallelism",
                "4",
                "--quiet");

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.stderr()).contains("cannot start").contains("--memory");
        assertThat(directory.resolve("out")).doesNotExist();
    }

    @Test
    void anUnparsableMemorySizeIsNamed(@TempDir Path directory) {
        Result result = weir("example", "wordcount", "--input", directory.toString(), "--memory", "lots", "--quiet");

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.stderr()).contains("--memory lots is not a size");
    }

    @Test
    void everyGraphalyticsCommandWritesOneLinePerVertexOfTheVertexFile(@TempDir Path directory) throws IOException {
        Path edges = Files.writeString(directory.resolve("g.e"), "1 2 0.5\n2 3 0\n3 1 2\n4 5 1\n");
        Path vertices = Files.writeString(directory.resolve("g.v"), "1\n2\n3\n4\n5\n6\n");
        for (String algorithm : List.of(
                "pagerank",
                "cdlp",
                "wcc",
                "bfs",
                "sssp",
                "lcc",
                "gelly-pagerank",
                "label-propagation",
                "connected-components")) {
            Path output = directory.resolve(algorithm);
            Result result = weir(
                    "example",
                    algorithm,
                    "--edges",
                    edges.toString(),
                    "--vertices",
                    vertices.toString(),
                    "--directed",
                    "--source",
                    "2",
                    "--output",
                    output.toString(),
                    "--parallelism",
                    "2",
                    "--quiet");

            assertThat(result.code()).as(result.stderr()).isZero();
            assertThat(sortedLines(output).stream().map(line -> line.split(" ")[0]))
                    .as(algorithm)
                    .containsExactly("1", "2", "3", "4", "5", "6");
        }
        assertThat(sortedLines(directory.resolve("bfs")))
                .containsExactly(
                        "1 2", "2 0", "3 1", "4 9223372036854775807", "5 9223372036854775807", "6 9223372036854775807");
        assertThat(sortedLines(directory.resolve("sssp")))
                .containsExactly("1 2.0", "2 0.0", "3 0.0", "4 infinity", "5 infinity", "6 infinity");
    }

    @Test
    void pageRankOfAGeneratedGraphSumsToOne(@TempDir Path directory) throws IOException {
        Path output = directory.resolve("ranks");
        Result result =
                weir("example", "pagerank", "--scale", "8", "--directed", "--output", output.toString(), "--quiet");

        assertThat(result.code()).as(result.stderr()).isZero();
        List<String> lines = sortedLines(output);
        assertThat(lines).hasSizeGreaterThan(100);
        double sum = lines.stream()
                .mapToDouble(line -> Double.parseDouble(line.split(" ")[1]))
                .sum();
        assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void aSearchOverAnEdgeFileWithoutASourceSaysSo(@TempDir Path directory) throws IOException {
        Path edges = Files.writeString(directory.resolve("g.e"), "1 2\n");

        Result result = weir(
                "example",
                "bfs",
                "--edges",
                edges.toString(),
                "--output",
                directory.resolve("out").toString());

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.stderr()).contains("bfs needs --source");
    }
}
