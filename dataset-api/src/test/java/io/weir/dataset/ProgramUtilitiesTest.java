package io.weir.dataset;

import static io.weir.dataset.DataSetOperatorsTest.environment;
import static io.weir.dataset.DataSetOperatorsTest.multiset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.functions.OpenContext;
import io.weir.core.functions.RichMapFunction;
import io.weir.core.io.WriteMode;
import io.weir.core.util.ParameterTool;
import io.weir.runtime.cluster.JobExecutionException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Global job parameters, files of primitives, formatted text, printToErr and getExecutionPlan. */
class ProgramUtilitiesTest {

    /** Adds the job parameter "offset" to each number and tags it with the parameter "tag". */
    static final class AddOffset extends RichMapFunction<Long, String> {
        private long offset;
        private String tag;

        @Override
        public void open(OpenContext context) {
            Map<String, String> parameters = getRuntimeContext().getGlobalJobParameters();
            offset = ParameterTool.fromMap(parameters).getLong("offset");
            tag = parameters.get("tag");
        }

        @Override
        public String map(Long value) {
            return tag + (value + offset);
        }
    }

    /** The number of global job parameters the task sees. */
    static final class ParameterCount extends RichMapFunction<Long, Integer> {
        @Override
        public Integer map(Long value) {
            return getRuntimeContext().getGlobalJobParameters().size();
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void globalJobParametersReachEveryTask(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "16m");
        env.setGlobalJobParameters(ParameterTool.fromArgs(new String[] {"--offset", "-7", "--tag", "n"}));

        List<String> result =
                env.generateSequence(1, 5_000).map(new AddOffset()).collect();

        List<String> expected = new ArrayList<>();
        for (long i = 1; i <= 5_000; i++) {
            expected.add("n" + (i - 7));
        }
        assertThat(result).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(env.getGlobalJobParameters()).containsEntry("offset", "-7");
    }

    @Test
    void withoutGlobalJobParametersFunctionsSeeNone() {
        ExecutionEnvironment env = environment(2, "16m");
        List<Integer> sizes =
                env.generateSequence(1, 4).map(new ParameterCount()).collect();
        assertThat(sizes).containsOnly(0);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void filesOfPrimitivesAreReadOneValuePerLine(int parallelism, @TempDir Path directory) throws IOException {
        Random random = new Random(parallelism);
        List<Long> longs = new ArrayList<>();
        List<Double> doubles = new ArrayList<>();
        List<LocalDate> dates = new ArrayList<>();
        for (int file = 0; file < 3; file++) {
            StringBuilder longText = new StringBuilder();
            StringBuilder doubleText = new StringBuilder();
            StringBuilder dateText = new StringBuilder();
            for (int i = random.nextInt(20_000); i > 0; i--) {
                long value = random.nextLong() >> random.nextInt(64);
                longs.add(value);
                longText.append(random.nextInt(4) == 0 ? " " + value + " " : value)
                        .append('\n');
                double real = random.nextGaussian() * 1e6;
                doubles.add(real);
                doubleText.append(real).append(random.nextBoolean() ? "\r\n" : "\n");
                LocalDate date = LocalDate.ofEpochDay(random.nextInt(40_000));
                dates.add(date);
                dateText.append(date).append('\n');
            }
            Files.createDirectories(directory.resolve("longs"));
            Files.createDirectories(directory.resolve("doubles"));
            Files.createDirectories(directory.resolve("dates"));
            Files.writeString(directory.resolve("longs/" + file + ".txt"), longText);
            Files.writeString(directory.resolve("doubles/" + file + ".txt"), doubleText);
            Files.writeString(directory.resolve("dates/" + file + ".txt"), dateText);
        }
        ExecutionEnvironment env = environment(parallelism, "16m");

        assertThat(env.readFileOfPrimitives(directory.resolve("longs").toString(), Long.class)
                        .collect())
                .containsExactlyInAnyOrderElementsOf(longs);
        assertThat(env.readFileOfPrimitives(directory.resolve("doubles").toString(), double.class)
                        .collect())
                .containsExactlyInAnyOrderElementsOf(doubles);
        assertThat(env.readFileOfPrimitives(directory.resolve("dates").toString(), LocalDate.class)
                        .collect())
                .containsExactlyInAnyOrderElementsOf(dates);
        List<String> lines = Files.readAllLines(directory.resolve("longs/0.txt"));
        assertThat(env.readFileOfPrimitives(directory.resolve("longs/0.txt").toString(), String.class)
                        .collect())
                .containsExactlyInAnyOrderElementsOf(lines);
    }

    @Test
    void aLineThatIsNotAValueNamesTheFileAndTheLine(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("numbers.txt"), "1\n2\n3x\n4\n");
        Path empty = Files.writeString(directory.resolve("gaps.txt"), "1\n\n3\n");
        ExecutionEnvironment env = environment(1, "16m");

        assertThatThrownBy(() ->
                        env.readFileOfPrimitives(file.toString(), Integer.class).collect())
                .isInstanceOf(JobExecutionException.class)
                .hasMessageContaining("cannot read line 3 of " + file.toUri())
                .hasMessageContaining("as a Integer: not a valid int")
                .hasMessageContaining("'3x'");
        assertThatThrownBy(() -> env.readFileOfPrimitives(empty.toString(), Integer.class)
                        .collect())
                .isInstanceOf(JobExecutionException.class)
                .hasMessageContaining("cannot read line 2 of")
                .hasMessageContaining("an empty line");
        assertThatThrownBy(() -> env.readFileOfPrimitives(file.toString(), List.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read values of java.util.List");
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void formattedTextHoldsTheFormattersLines(int parallelism, @TempDir Path directory) throws IOException {
        ExecutionEnvironment env = environment(parallelism, "16m");
        Path target = directory.resolve("out");
        env.generateSequence(1, 3_000).writeAsFormattedText(target.toString(), n -> "#" + n + ";" + n * n);
        env.execute("formatted");

        List<String> written = new ArrayList<>();
        try (Stream<Path> parts = Files.list(target)) {
            for (Path part : parts.sorted().toList()) {
                written.addAll(Files.readAllLines(part, StandardCharsets.UTF_8));
            }
        }
        List<String> expected = new ArrayList<>();
        for (long n = 1; n <= 3_000; n++) {
            expected.add("#" + n + ";" + n * n);
        }
        assertThat(multiset(written)).isEqualTo(multiset(expected));
    }

    @Test
    void aFormatterReturningNullFailsTheJobAndLeavesNothing(@TempDir Path directory) throws IOException {
        ExecutionEnvironment env = environment(2, "16m");
        Path target = directory.resolve("out");
        env.generateSequence(1, 100)
                .writeAsFormattedText(target.toString(), WriteMode.NO_OVERWRITE, n -> n == 77 ? null : "n" + n)
                .name("write numbers");

        assertThatThrownBy(() -> env.execute("fails"))
                .isInstanceOf(JobExecutionException.class)
                .hasMessageContaining("write numbers")
                .hasMessageContaining("the text formatter returned null for the record 77");
        try (Stream<Path> left = Files.list(directory)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void printToErrWritesEachRecordToStandardError() {
        ExecutionEnvironment env = environment(2, "16m");
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            env.generateSequence(1, 50).map(n -> "line " + n).printToErr();
        } finally {
            System.setErr(original);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(line -> line.startsWith("line "))
                .toList();
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= 50; n++) {
            expected.add("line " + n);
        }
        assertThat(lines).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theExecutionPlanIsJsonOfTheOperatorsAndRunsNothing(@TempDir Path directory) {
        ExecutionEnvironment env = environment(2, "16m");
        Path target = directory.resolve("out");
        env.generateSequence(1, 10).map(n -> n * 2).name("double").writeAsText(target.toString());

        String plan = env.getExecutionPlan();

        assertThat(plan).startsWith("{").contains("double");
        assertThat(target).doesNotExist();
    }
}
