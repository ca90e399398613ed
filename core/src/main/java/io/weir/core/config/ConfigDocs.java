package io.weir.core.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Generates the configuration reference from the {@link ConfigOption} constants of options classes:
 * a Markdown table per class, options sorted by key. {@code docs/configuration.md} is this output; a
 * test in {@code architecture-tests} fails when it is out of date.
 */
public final class ConfigDocs {

    private ConfigDocs() {}

    /** The reference for the given options classes, in the given order. */
    public static String generate(List<Class<?>> optionsClasses) {
        StringBuilder out = new StringBuilder();
        out.append("# Configuration\n\n")
                .append(
                        "Generated from the `ConfigOption` constants by `io.weir.core.config.ConfigDocs`; do not edit.\n")
                .append("Regenerate with `./mvnw -q -pl architecture-tests -am test -Dtest=ConfigurationDocsTest")
                .append(" -Dweir.docs.regenerate=true -Dsurefire.failIfNoSpecifiedTests=false`.\n");
        for (Class<?> optionsClass : optionsClasses) {
            List<ConfigOption<?>> options = optionsOf(optionsClass);
            if (options.isEmpty()) {
                continue;
            }
            out.append("\n## ")
                    .append(optionsClass.getSimpleName())
                    .append(" (`")
                    .append(optionsClass.getName())
                    .append("`)\n\n");
            out.append("| key | type | default | description |\n|---|---|---|---|\n");
            for (ConfigOption<?> option : options) {
                out.append("| `")
                        .append(option.key())
                        .append("` | ")
                        .append(typeName(option.type()))
                        .append(" | ")
                        .append(escape(option.defaultDescription()))
                        .append(" | ")
                        .append(escape(option.description()))
                        .append(" |\n");
            }
        }
        return out.toString();
    }

    /** The public static {@link ConfigOption} fields of a class, sorted by key. */
    public static List<ConfigOption<?>> optionsOf(Class<?> optionsClass) {
        List<ConfigOption<?>> options = new ArrayList<>();
        for (Field field : optionsClass.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigOption.class) {
                try {
                    options.add((ConfigOption<?>) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        options.sort(Comparator.comparing(ConfigOption::key));
        return options;
    }

    private static String typeName(Class<?> type) {
        if (type.isEnum()) {
            return "one of "
                    + String.join(
                            ", ",
                            java.util.Arrays.stream(type.getEnumConstants())
                                    .map(String::valueOf)
                                    .toList());
        }
        return type == List.class ? "list" : type.getSimpleName();
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
