package io.weir.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.serialization.SerializerConfig;
import io.weir.core.testing.SerializerContract;
import io.weir.memory.MemoryManager;
import io.weir.memory.io.IOManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationTest {

    enum Mode {
        FAST,
        SAFE
    }

    static final ConfigOption<Mode> MODE =
            ConfigOption.key("test.mode").enumType(Mode.class).defaultValue(Mode.SAFE);
    static final ConfigOption<Duration> TIMEOUT =
            ConfigOption.key("test.timeout").durationType().defaultValue(Duration.ofSeconds(30));
    static final ConfigOption<Integer> RETRIES =
            ConfigOption.key("test.retries").intType().noDefaultValue();

    @Test
    void unsetOptionsHaveTheirDefaults() {
        Configuration configuration = new Configuration();
        assertThat(configuration.get(MODE)).isEqualTo(Mode.SAFE);
        assertThat(configuration.get(TIMEOUT)).isEqualTo(Duration.ofSeconds(30));
        assertThat(configuration.get(RETRIES)).isNull();
        assertThat(configuration.getOptional(TIMEOUT)).isEmpty();
    }

    @Test
    void valuesAreParsedFromTheirWrittenForm() {
        Configuration configuration = Configuration.fromMap(Map.of(
                "test.mode", "fast",
                "test.timeout", "500 ms",
                "test.retries", " 3 ",
                "taskmanager.memory.managed.size", "1.5g",
                "io.tmp.dirs", "/a, /b;/c"));
        assertThat(configuration.get(MODE)).isEqualTo(Mode.FAST);
        assertThat(configuration.get(TIMEOUT)).isEqualTo(Duration.ofMillis(500));
        assertThat(configuration.get(RETRIES)).isEqualTo(3);
        assertThat(configuration.get(MemoryOptions.MANAGED_MEMORY_SIZE).bytes()).isEqualTo(3L << 29);
        assertThat(configuration.get(MemoryOptions.TMP_DIRS)).containsExactly("/a", "/b", "/c");
    }

    @Test
    void durationsInEveryUnitAndIso() {
        assertThat(Configuration.parseDuration("2 min")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Configuration.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Configuration.parseDuration("45")).isEqualTo(Duration.ofSeconds(45));
        assertThat(Configuration.parseDuration("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aMalformedValueNamesTheKeyTheValueAndWhatWasExpected() {
        Configuration configuration = Configuration.fromMap(
                Map.of("test.mode", "turbo", "test.timeout", "soon", "taskmanager.memory.managed.size", "12 parsecs"));
        assertThatThrownBy(() -> configuration.get(MODE))
                .hasMessageContaining("'test.mode'")
                .hasMessageContaining("'turbo'")
                .hasMessageContaining("[FAST, SAFE]");
        assertThatThrownBy(() -> configuration.get(TIMEOUT))
                .hasMessageContaining("'test.timeout'")
                .hasMessageContaining("duration");
        assertThatThrownBy(() -> configuration.get(MemoryOptions.MANAGED_MEMORY_SIZE))
                .hasMessageContaining("taskmanager.memory.managed.size")
                .hasMessageContaining("unknown unit 'parsecs'");
    }

    @Property
    void memorySizesPrintAndParseBack(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2048) long bytes) {
        MemorySize size = MemorySize.ofBytes(bytes);
        assertThat(MemorySize.parse(size.toString())).isEqualTo(size);
    }

    @Test
    void setValuesReadBackAndSurviveJavaSerialization() {
        Configuration configuration = new Configuration()
                .set(MODE, Mode.FAST)
                .set(TIMEOUT, Duration.ofMinutes(5))
                .set(MemoryOptions.TMP_DIRS, List.of("/x", "/y"));
        Configuration shipped = SerializerContract.javaRoundTrip(configuration);
        assertThat(shipped).isEqualTo(configuration);
        assertThat(shipped.get(TIMEOUT)).isEqualTo(Duration.ofMinutes(5));
        assertThat(shipped.get(MemoryOptions.TMP_DIRS)).containsExactly("/x", "/y");
        assertThat(shipped.toMap()).containsEntry("test.timeout", "5 min");
    }

    @Test
    void propertiesBecomeAConfiguration() {
        Properties properties = new Properties();
        properties.setProperty("pipeline.generic-types", "false");
        SerializerConfig serializers = PipelineOptions.serializerConfig(Configuration.fromProperties(properties));
        assertThat(serializers.genericTypesAllowed()).isFalse();
        assertThat(serializers.kryoReferences()).isFalse();
    }

    @Test
    void theMemoryAndIoManagersAreBuiltFromTheirOptions(@TempDir Path temp) {
        Configuration configuration = new Configuration()
                .set(MemoryOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(8))
                .set(MemoryOptions.PAGE_SIZE, MemorySize.parse("16k"))
                .set(
                        MemoryOptions.TMP_DIRS,
                        List.of(temp.resolve("a").toString(), temp.resolve("b").toString()));
        try (MemoryManager memory = MemoryOptions.createMemoryManager(configuration);
                IOManager io = MemoryOptions.createIOManager(configuration)) {
            assertThat(memory.budgetBytes()).isEqualTo(8L << 20);
            assertThat(memory.pageSize()).isEqualTo(16 * 1024);
            assertThat(io.spillDirectories()).hasSize(2);
            assertThat(io.spillDirectories().get(0)).startsWith(temp.resolve("a"));
        }
        assertThatThrownBy(() -> MemoryOptions.createMemoryManager(
                        new Configuration().set(MemoryOptions.PAGE_SIZE, MemorySize.parse("3k"))))
                .hasMessageContaining("taskmanager.memory.page-size")
                .hasMessageContaining("power of two");
    }

    @Test
    void theDefaultBudgetComesFromTheJvmWhenNoneIsConfigured() {
        try (MemoryManager memory = MemoryOptions.createMemoryManager(new Configuration())) {
            assertThat(memory.budgetBytes()).isLessThanOrEqualTo(MemoryManager.defaultBudget());
            assertThat(memory.pageSize()).isEqualTo(MemoryManager.DEFAULT_PAGE_SIZE);
        }
    }

    @Test
    void docsListEveryOptionWithTypeDefaultAndDescription() {
        String docs = ConfigDocs.generate(List.of(MemoryOptions.class, PipelineOptions.class));
        assertThat(docs)
                .contains("| `taskmanager.memory.page-size` | MemorySize | 32k |")
                .contains("| `taskmanager.memory.managed.size` | MemorySize | 70% of the JVM's direct-memory limit |")
                .contains("| `pipeline.generic-types` | Boolean | true |");
    }
}
