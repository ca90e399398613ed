package io.weir.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.weir.core.config.ConfigDocs;
import io.weir.core.config.ConfigOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/configuration.md} is generated from the {@link ConfigOption} constants of every module;
 * this test fails when it is out of date, and rewrites it when run with {@code
 * -Dweir.docs.regenerate=true}. It also checks that no key is declared twice.
 */
class ConfigurationDocsTest {

    private static final Path DOCS =
            Path.of(System.getProperty("weir.root", "..")).resolve("docs/configuration.md");

    @Test
    void theConfigurationReferenceIsGeneratedFromTheOptions() throws IOException {
        List<Class<?>> optionsClasses = optionsClasses();
        String generated = ConfigDocs.generate(optionsClasses);
        if (Boolean.getBoolean("weir.docs.regenerate")) {
            Files.createDirectories(DOCS.getParent());
            Files.writeString(DOCS, generated, StandardCharsets.UTF_8);
        }
        assertThat(DOCS).exists();
        assertThat(Files.readString(DOCS, StandardCharsets.UTF_8))
                .as("docs/configuration.md is out of date; regenerate it as its header says")
                .isEqualTo(generated);
    }

    @Test
    void everyOptionKeyIsDeclaredOnce() throws IOException {
        Set<String> keys = new HashSet<>();
        for (Class<?> optionsClass : optionsClasses()) {
            for (ConfigOption<?> option : ConfigDocs.optionsOf(optionsClass)) {
                assertThat(keys.add(option.key()))
                        .as("option %s declared twice", option.key())
                        .isTrue();
            }
        }
        assertThat(keys).contains("taskmanager.memory.managed.size", "io.tmp.dirs", "pipeline.generic-types");
    }

    /** Every class in Weir that declares public static option constants, sorted by name. */
    private static List<Class<?>> optionsClasses() {
        List<Class<?>> result = new ArrayList<>();
        for (JavaClass javaClass : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.weir")) {
            for (JavaField field : javaClass.getFields()) {
                if (field.getModifiers().contains(JavaModifier.STATIC)
                        && field.getModifiers().contains(JavaModifier.PUBLIC)
                        && field.getRawType().isEquivalentTo(ConfigOption.class)) {
                    result.add(javaClass.reflect());
                    break;
                }
            }
        }
        result.sort(Comparator.comparing(Class::getName));
        return result;
    }
}
