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
}
