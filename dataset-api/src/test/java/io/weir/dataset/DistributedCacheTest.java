package io.weir.dataset;

import static io.weir.dataset.DataSetOperatorsTest.environment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.functions.OpenContext;
import io.weir.core.functions.RichMapFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Files registered with registerCachedFile reach every task as local files. */
class DistributedCacheTest {

    /** Looks each number up in the "names" file (lines "number=name") it reads in open(). */
    static final class NameLookup extends RichMapFunction<Long, String> {
        private Map<Long, String> names;

        @Override
        public void open(OpenContext context) throws IOException {
            names = new HashMap<>();
            Path file =
                    getRuntimeContext().getDistributedCache().getFile("names").toPath();
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.split("=");
                names.put(Long.parseLong(parts[0]), parts[1]);
            }
        }

        @Override
        public String map(Long value) {
            return names.get(value);
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void everyTaskReadsTheRegisteredFile(int parallelism, @TempDir Path directory) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (long i = 0; i < 1_000; i++) {
            lines.append(i).append("=name-").append(i * 7).append('\n');
        }
        Path file = Files.writeString(directory.resolve("names.txt"), lines);
        ExecutionEnvironment env = environment(parallelism, "64m");
        env.registerCachedFile(parallelism == 1 ? file.toString() : file.toUri().toString(), "names");

        List<String> result = env.generateSequence(0, 999).map(new NameLookup()).collect();

        assertThat(result)
                .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 1_000)
                        .mapToObj(i -> "name-" + i * 7)
                        .toList());
    }

    @Test
    void aFileOfAnotherFileSystemIsCopiedForTheJobAndTheCopyDeletedAfterwards(@TempDir Path directory)
            throws IOException {
        Path file = Files.writeString(directory.resolve("names.txt"), "1=one\n2=two\n");
        ExecutionEnvironment env = environment(2, "64m");
        env.registerCachedFile("relay://" + file.toAbsolutePath(), "names");
        long copiesBefore = copies();

        List<String> result = env.generateSequence(1, 2).map(new NameLookup()).collect();

        assertThat(result).containsExactlyInAnyOrder("one", "two");
        assertThat(copies()).as("the job's copies are deleted when it ends").isEqualTo(copiesBefore);
    }

    private static long copies() throws IOException {
        try (var entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("weir-cached-files-"))
                    .count();
        }
    }

    @Test
    void aMissingCachedFileFailsTheJobBeforeItStartsNamingIt(@TempDir Path directory) {
        ExecutionEnvironment env = environment(2, "64m");
        env.registerCachedFile(directory.resolve("absent.txt").toString(), "names");

        assertThatThrownBy(
                        () -> env.generateSequence(0, 9).map(new NameLookup()).collect())
                .hasMessageContaining("cannot start: the cached file 'names'")
                .hasMessageContaining("absent.txt");
    }

    @Test
    void anUnregisteredNameFailsNamingTheRegisteredOnes(@TempDir Path directory) throws IOException {
        ExecutionEnvironment env = environment(1, "64m");
        env.registerCachedFile(
                Files.writeString(directory.resolve("x.txt"), "1=a\n").toString(), "other");

        assertThatThrownBy(
                        () -> env.generateSequence(0, 9).map(new NameLookup()).collect())
                .hasStackTraceContaining("no cached file is registered as 'names'; the job has [other]");
    }

    @Test
    void aNameRegisteredTwiceIsRejected() {
        ExecutionEnvironment env = environment(1, "64m");
        env.registerCachedFile("/tmp/a", "names");
        assertThatThrownBy(() -> env.registerCachedFile("/tmp/b", "names"))
                .hasMessageContaining("a file named 'names' is already registered");
    }
}
