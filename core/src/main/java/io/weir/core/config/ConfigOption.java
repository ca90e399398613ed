package io.weir.core.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A typed configuration option: its key, the type of its values, its default and its description,
 * declared once as a constant in a module's {@code *Options} class. The configuration reference
 * ({@code docs/configuration.md}) is generated from these constants.
 *
 * <pre>{@code
 * public static final ConfigOption<MemorySize> MANAGED_MEMORY = ConfigOption.key("taskmanager.memory.managed.size")
 *         .memoryType()
 *         .defaultValue(MemorySize.ofMebiBytes(128))
 *         .withDescription("...");
 * }</pre>
 */
public final class ConfigOption<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final Class<T> type;
    private final T defaultValue;
    private final String description;
    private final String defaultDescription;

    private ConfigOption(String key, Class<T> type, T defaultValue, String description, String defaultDescription) {
        this.key = Objects.requireNonNull(key, "key is null");
        this.type = Objects.requireNonNull(type, "type is null");
        this.defaultValue = defaultValue;
        this.description = Objects.requireNonNull(description, "description is null");
        this.defaultDescription = defaultDescription;
    }

    /** Starts declaring an option with this key. */
    public static KeyBuilder key(String key) {
        return new KeyBuilder(key);
    }

    public String key() {
        return key;
    }

    public Class<T> type() {
        return type;
    }

    /** The default value, or {@code null} if the option has none. */
    public T defaultValue() {
        return defaultValue;
    }

    public boolean hasDefaultValue() {
        return defaultValue != null;
    }

    public String description() {
        return description;
    }

    /** How the default reads in the documentation. */
    public String defaultDescription() {
        if (defaultDescription != null) {
            return defaultDescription;
        }
        return defaultValue == null ? "(none)" : Configuration.format(defaultValue);
    }

    /** This option with a description. */
    public ConfigOption<T> withDescription(String newDescription) {
        return new ConfigOption<>(key, type, defaultValue, newDescription, defaultDescription);
    }

    /** This option with a description of a default that is computed at run time. */
    public ConfigOption<T> withDefaultDescription(String newDefaultDescription) {
        return new ConfigOption<>(key, type, defaultValue, description, newDefaultDescription);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConfigOption<?> that && that.key.equals(key) && that.type == type;
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return key;
    }

    /** The first step of declaring an option: its type. */
    public static final class KeyBuilder {
        private final String key;

        private KeyBuilder(String key) {
            this.key = key;
        }

        public TypedBuilder<String> stringType() {
            return new TypedBuilder<>(key, String.class);
        }

        public TypedBuilder<Integer> intType() {
            return new TypedBuilder<>(key, Integer.class);
        }

        public TypedBuilder<Long> longType() {
            return new TypedBuilder<>(key, Long.class);
        }

        public TypedBuilder<Double> doubleType() {
            return new TypedBuilder<>(key, Double.class);
        }

        public TypedBuilder<Boolean> booleanType() {
            return new TypedBuilder<>(key, Boolean.class);
        }

        public TypedBuilder<MemorySize> memoryType() {
            return new TypedBuilder<>(key, MemorySize.class);
        }

        public TypedBuilder<Duration> durationType() {
            return new TypedBuilder<>(key, Duration.class);
        }

        public <E extends Enum<E>> TypedBuilder<E> enumType(Class<E> enumClass) {
            return new TypedBuilder<>(key, enumClass);
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        public TypedBuilder<List<String>> stringListType() {
            return new TypedBuilder<>(key, (Class) List.class);
        }
    }

    /** The second step: the default (or none). */
    public static final class TypedBuilder<T> {
        private final String key;
        private final Class<T> type;

        private TypedBuilder(String key, Class<T> type) {
            this.key = key;
            this.type = type;
        }

        public ConfigOption<T> defaultValue(T value) {
            return new ConfigOption<>(key, type, Objects.requireNonNull(value, "value is null"), "", null);
        }

        public ConfigOption<T> noDefaultValue() {
            return new ConfigOption<>(key, type, null, "", null);
        }
    }
}
