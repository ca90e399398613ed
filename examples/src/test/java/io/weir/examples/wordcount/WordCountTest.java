package io.weir.examples.wordcount;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.Configuration;
import io.weir.core.config.MemoryOptions;
import io.weir.core.config.MemorySize;
import io.weir.dataset.ExecutionEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordCountTest {

    @ParameterizedTest(name = "parallelism {0}, memory {1}")
    @CsvSource({"1, 256m", "4, 256m", "2, 16m", "4, 16m"})
    void wordCountMatchesAPlainJavaCount(int parallelism, String memory, @TempDir Path directory) throws IOException {
        Path input = TextGenerator.generate(directory.resolve("in/text.txt"), 3 << 20, parallelism);
        Files.writeString(directory.resolve("in/odd.txt"), "  two  spaces\ttab, comma \"quoted\" Two two\n");
        Configuration configuration = new Configuration()
                .set(MemoryOptions.MANAGED_MEMORY_SIZE, MemorySize.parse(memory))
                .set(MemoryOptions.PAGE_SIZE, MemorySize.parse("32k"));
        ExecutionEnvironment env =
                ExecutionEnvironment.createLocalEnvironment(configuration).setParallelism(parallelism);

        WordCount.run(
                env,
                directory.resolve("in").toString(),
                directory.resolve("out").toString(),
                false);

        Map<String, Long> expected = new HashMap<>();
        for (Path file : List.of(input, directory.resolve("in/odd.txt"))) {
            for (String line : Files.readAllLines(file)) {
                for (String word : line.split(" ")) {
                    if (!word.isEmpty()) {
                        expected.merge(word, 1L, Long::sum);
                    }
                }
            }
        }
        Map<String, Long> actual = new HashMap<>();
        try (Stream<Path> parts = Files.list(directory.resolve("out"))) {
            for (Path part : parts.toList()) {
                for (String line : Files.readAllLines(part)) {
                    int comma = line.lastIndexOf(',');
                    String word = line.substring(0, comma);
                    if (word.startsWith("\"")) {
                        word = word.substring(1, word.length() - 1).replace("\"\"", "\"");
                    }
                    assertThat(actual.put(word, Long.parseLong(line.substring(comma + 1))))
                            .as("word %s twice", word)
                            .isNull();
                }
            }
        }
        assertThat(actual).isEqualTo(expected);
    }
}
