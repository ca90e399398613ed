package io.weir.core.config;

import java.io.Serializable;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A set of configuration values, read through typed {@link ConfigOption}s. Values are kept as
 * strings (as they come from files, command lines and properties) and parsed when read, so that a
 * malformed value is reported with its key and what was expected.
 */
public final class Configuration implements Serializable {

    private static final long serialVersionUID = 1L;

    private final TreeMap<String, String> values = new TreeMap<>();

    public Configuration() {}

    public Configuration(Configuration other) {
        values.putAll(other.values);
    }

    /** A configuration holding the given key-value pairs. */
    public static Configuration fromMap(Map<String, String> map) {
        Configuration configuration = new Configuration();
        map.forEach(configuration::setString);
        return configuration;
    }

    /** A configuration holding the given properties, e.g. from a {@code weir-conf.properties} file. */
    public static Configuration fromProperties(Properties properties) {
        Configuration configuration = new Configuration();
        for (String key : properties.stringPropertyNames()) {
            configuration.setString(key, properties.getProperty(key));
        }
        return configuration;
    }

    /**
     * The value of {@code option}, or its default.
     *
     * @throws IllegalArgumentException if the configured value cannot be read as the option's type,
     *     naming the key, the value and what was expected
     */
    public <T> T get(ConfigOption<T> option) {
        String raw = values.get(option.key());
        if (raw == null) {
            return option.defaultValue();
        }
        return parse(option, raw);
    }

    /** The value of {@code option} if it is set, without falling back to the default. */
    public <T> Optional<T> getOptional(ConfigOption<T> option) {
        String raw = values.get(option.key());
        return raw == null ? Optional.empty() : Optional.of(parse(option, raw));
    }

    public <T> Configuration set(ConfigOption<T> option, T value) {
        values.put(option.key(), format(value));
        return this;
    }

    public Configuration setString(String key, String value) {
        values.put(key, value);
        return this;
    }

    public boolean contains(ConfigOption<?> option) {
        return values.containsKey(option.key());
    }

    public Configuration remove(ConfigOption<?> option) {
        values.remove(option.key());
        return this;
    }

    /** All values, as strings, sorted by key. */
    public Map<String, String> toMap() {
        return Collections.unmodifiableMap(values);
    }

    @SuppressWarnings("unchecked")
    private static <T> T parse(ConfigOption<T> option, String raw) {
        Class<T> type = option.type();
        String text = raw.trim();
        try {
            Object value;
            if (type == String.class) {
                value = raw;
            } else if (type == Integer.class) {
                value = Integer.parseInt(text);
            } else if (type == Long.class) {
                value = Long.parseLong(text);
            } else if (type == Double.class) {
                value = Double.parseDouble(text);
            } else if (type == Boolean.class) {
                value = switch (text.toLowerCase(Locale.ROOT)) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new IllegalArgumentException("expected true or false");
                };
            } else if (type == MemorySize.class) {
                value = MemorySize.parse(text);
            } else if (type == Duration.class) {
                value = parseDuration(text);
            } else if (type.isEnum()) {
                value = parseEnum(type, text);
            } else if (type == List.class) {
                value = text.isEmpty()
                        ? List.of()
                        : Arrays.stream(text.split("[,;]")).map(String::trim).toList();
            } else {
                throw new IllegalStateException("unsupported option type " + type.getName());
            }
            return (T) value;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "configuration option '" + option.key() + "' has the value '" + raw + "', which is not a valid "
                            + describeType(type) + ": " + e.getMessage(),
                    e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object parseEnum(Class<?> type, String text) {
        for (Object constant : type.getEnumConstants()) {
            if (((Enum) constant).name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("expected one of " + Arrays.toString(type.getEnumConstants()));
    }

    /** A duration like {@code 30 s}, {@code 500ms}, {@code 2 min}, {@code 1h}, or ISO-8601 ({@code PT30S}). */
    static Duration parseDuration(String text) {
        if (text.toUpperCase(Locale.ROOT).startsWith("P")) {
            return Duration.parse(text);
        }
        int split = 0;
        while (split < text.length() && Character.isDigit(text.charAt(split))) {
            split++;
        }
        if (split == 0) {
            throw new IllegalArgumentException("write a duration like 30 s, 500 ms, 2 min or 1 h");
        }
        long amount = Long.parseLong(text.substring(0, split));
        String unit = text.substring(split).trim().toLowerCase(Locale.ROOT);
        return switch (unit) {
            case "ms", "milli", "millis", "milliseconds" -> Duration.ofMillis(amount);
            case "", "s", "sec", "secs", "second", "seconds" -> Duration.ofSeconds(amount);
            case "min", "mins", "minute", "minutes" -> Duration.ofMinutes(amount);
            case "h", "hour", "hours" -> Duration.ofHours(amount);
            case "d", "day", "days" -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("unknown time unit '" + unit + "'; use ms, s, min, h or d");
        };
    }

    private static String describeType(Class<?> type) {
        if (type == MemorySize.class) {
            return "memory size (like 64m or 1g)";
        }
        if (type == Duration.class) {
            return "duration (like 30 s or 500 ms)";
        }
        if (type == List.class) {
            return "list";
        }
        return type.getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** How a value is written in a configuration (and in the documentation of defaults). */
    static String format(Object value) {
        if (value instanceof Duration duration) {
            if (duration.toMillis() % 1000 != 0) {
                return duration.toMillis() + " ms";
            }
            long seconds = duration.getSeconds();
            if (seconds % 3600 == 0 && seconds > 0) {
                return seconds / 3600 + " h";
            }
            if (seconds % 60 == 0 && seconds > 0) {
                return seconds / 60 + " min";
            }
            return seconds + " s";
        }
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        return String.valueOf(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Configuration that && that.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
