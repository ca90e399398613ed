package io.weir.core.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;

/**
 * The parameters of a program, read from its command line ({@code --input in.txt --verbose}), a
 * properties file, a map or the system properties, with typed getters whose errors name the
 * parameter and what it held. Hand it to {@code ExecutionEnvironment.setGlobalJobParameters} to make
 * it available to every function through {@code getRuntimeContext().getGlobalJobParameters()}.
 *
 * <pre>{@code
 * ParameterTool params = ParameterTool.fromArgs(args);
 * String input = params.getRequired("input");
 * int rounds = params.getInt("rounds", 10);
 * }</pre>
 */
public final class ParameterTool implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The value of a key given on the command line without one ({@code --verbose}). */
    public static final String NO_VALUE_KEY = "__NO_VALUE_KEY";

    private final Map<String, String> values;

    private ParameterTool(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Parses {@code --key value} and {@code -key value} pairs; a key followed by another key or by
     * nothing has no value ({@link #has} is true, {@link #get} returns {@link #NO_VALUE_KEY}). A value
     * may itself start with '-' when it is a number ({@code --offset -5}).
     *
     * @throws IllegalArgumentException for an argument that is neither a key nor a key's value, or a
     *     key given twice
     */
    public static ParameterTool fromArgs(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        int i = 0;
        while (i < args.length) {
            String key = key(args, i);
            if (values.containsKey(key)) {
                throw new IllegalArgumentException("argument " + (i + 1) + " ('" + args[i] + "') names '" + key
                        + "' a second time; give each" + " parameter once");
            }
            i++;
            if (i < args.length && !isKey(args[i])) {
                values.put(key, args[i]);
                i++;
            } else {
                values.put(key, NO_VALUE_KEY);
            }
        }
        return new ParameterTool(values);
    }

    private static String key(String[] args, int i) {
        String arg = Objects.requireNonNull(args[i], "argument " + (i + 1) + " is null");
        String key = arg.startsWith("--") ? arg.substring(2) : arg.startsWith("-") ? arg.substring(1) : null;
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("argument " + (i + 1) + " ('" + arg + "') is not a parameter name"
                    + (i == 0 ? "" : " and follows the value of another")
                    + ": write parameters as --name value (or -name value, or --flag)");
        }
        return key;
    }

    /** Whether an argument names a parameter rather than being a value (a negative number is a value). */
    private static boolean isKey(String arg) {
        if (!arg.startsWith("-") || arg.length() == 1) {
            return false;
        }
        try {
            Double.parseDouble(arg);
            return false;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** The parameters of a map, in its iteration order. */
    public static ParameterTool fromMap(Map<String, String> map) {
        Objects.requireNonNull(map, "map is null");
        map.forEach((key, value) -> {
            Objects.requireNonNull(key, "a key of the map is null");
            Objects.requireNonNull(value, "the value of '" + key + "' is null");
        });
        return new ParameterTool(map);
    }

    /** The parameters of a properties file. */
    public static ParameterTool fromPropertiesFile(String path) throws IOException {
        Path file = Path.of(path);
        try (InputStream in = Files.newInputStream(file)) {
            return fromPropertiesFile(in);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path, null, "the properties file does not exist");
        }
    }

    /** The parameters of properties read from a stream (which stays open). */
    public static ParameterTool fromPropertiesFile(InputStream in) throws IOException {
        Properties properties = new Properties();
        properties.load(in);
        return fromProperties(properties);
    }

    /** The system properties ({@code -Dkey=value}). */
    public static ParameterTool fromSystemProperties() {
        return fromProperties(System.getProperties());
    }

    private static ParameterTool fromProperties(Properties properties) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : new java.util.TreeSet<>(properties.stringPropertyNames())) {
            values.put(name, properties.getProperty(name));
        }
        return new ParameterTool(values);
    }

    /** These parameters, with those of {@code other} added; where both have a key, other's value wins. */
    public ParameterTool mergeWith(ParameterTool other) {
        Map<String, String> merged = new LinkedHashMap<>(values);
        merged.putAll(other.values);
        return new ParameterTool(merged);
    }

    public int getNumberOfParameters() {
        return values.size();
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The value of {@code key}, or {@code null} if it was not given. */
    public String get(String key) {
        return values.get(key);
    }

    public String get(String key, String defaultValue) {
        String value = values.get(key);
        return value == null ? defaultValue : value;
    }

    /** The value of {@code key}; an error naming it if it was not given or was given without a value. */
    public String getRequired(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("the required parameter '" + key + "' is missing: give --" + key
                    + " VALUE" + (values.isEmpty() ? "" : " (given: " + String.join(", ", values.keySet()) + ")"));
        }
        if (NO_VALUE_KEY.equals(value)) {
            throw new IllegalArgumentException("the parameter '" + key + "' needs a value: give --" + key + " VALUE");
        }
        return value;
    }

    public int getInt(String key) {
        return parse(key, getRequired(key), "an int", Integer::parseInt);
    }

    public int getInt(String key, int defaultValue) {
        return has(key) ? getInt(key) : defaultValue;
    }

    public long getLong(String key) {
        return parse(key, getRequired(key), "a long", Long::parseLong);
    }

    public long getLong(String key, long defaultValue) {
        return has(key) ? getLong(key) : defaultValue;
    }

    public double getDouble(String key) {
        return parse(key, getRequired(key), "a double", Double::parseDouble);
    }

    public double getDouble(String key, double defaultValue) {
        return has(key) ? getDouble(key) : defaultValue;
    }

    public float getFloat(String key) {
        return parse(key, getRequired(key), "a float", Float::parseFloat);
    }

    public float getFloat(String key, float defaultValue) {
        return has(key) ? getFloat(key) : defaultValue;
    }

    /**
     * The value of {@code key} as a boolean: {@code true} or {@code false} (any case); a key given
     * without a value ({@code --verbose}) is true.
     */
    public boolean getBoolean(String key) {
        String value = values.get(key);
        if (NO_VALUE_KEY.equals(value)) {
            return true;
        }
        return parse(key, getRequired(key), "a boolean (true or false)", text -> {
            if (text.equalsIgnoreCase("true")) {
                return true;
            }
            if (text.equalsIgnoreCase("false")) {
                return false;
            }
            throw new IllegalArgumentException();
        });
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        return has(key) ? getBoolean(key) : defaultValue;
    }

    private static <V> V parse(String key, String value, String what, Function<String, V> parser) {
        try {
            return parser.apply(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "the parameter '" + key + "' is '" + value + "', which is not " + what, e);
        }
    }

    /** The parameters as a map, in the order they were given. */
    public Map<String, String> toMap() {
        return values;
    }

    /** The parameters as properties. */
    public Properties getProperties() {
        Properties properties = new Properties();
        properties.putAll(values);
        return properties;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ParameterTool tool && values.equals(tool.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "ParameterTool" + values;
    }
}
