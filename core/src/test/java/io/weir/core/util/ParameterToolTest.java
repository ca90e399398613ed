package io.weir.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParameterToolTest {

    @Test
    void argumentsRoundTripThroughTheirMap() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            Map<String, String> expected = new LinkedHashMap<>();
            List<String> args = new java.util.ArrayList<>();
            for (int p = random.nextInt(6); p > 0; p--) {
                String key = "k" + random.nextInt(1000);
                if (expected.containsKey(key)) {
                    continue;
                }
                args.add(random.nextBoolean() ? "--" + key : "-" + key);
                switch (random.nextInt(4)) {
                    case 0 -> expected.put(key, ParameterTool.NO_VALUE_KEY);
                    case 1 -> {
                        String value = Integer.toString(random.nextInt(200) - 100);
                        args.add(value);
                        expected.put(key, value);
                    }
                    case 2 -> {
                        String value = "-" + random.nextDouble();
                        args.add(value);
                        expected.put(key, value);
                    }
                    default -> {
                        String value = "v " + random.nextInt();
                        args.add(value);
                        expected.put(key, value);
                    }
                }
            }
            ParameterTool tool = ParameterTool.fromArgs(args.toArray(String[]::new));
            assertEquals(expected, tool.toMap(), args.toString());
            assertEquals(tool, ParameterTool.fromMap(tool.toMap()));
        }
    }

    @Test
    void typedGettersParseValuesAndFallBackToDefaults() {
        ParameterTool tool = ParameterTool.fromArgs(
                new String[] {"--rounds", "12", "--rate", "-0.5", "--big", "9000000000", "--verbose", "--on", "TRUE"});
        assertEquals(12, tool.getInt("rounds"));
        assertEquals(-0.5, tool.getDouble("rate"));
        assertEquals(-0.5f, tool.getFloat("rate"));
        assertEquals(9_000_000_000L, tool.getLong("big"));
        assertTrue(tool.getBoolean("verbose"));
        assertTrue(tool.getBoolean("on"));
        assertFalse(tool.getBoolean("off", false));
        assertEquals(3, tool.getInt("missing", 3));
        assertEquals("x", tool.get("missing", "x"));
        assertNull(tool.get("missing"));
        assertEquals(5, tool.getNumberOfParameters());
    }

    @Test
    void errorsNameTheParameterAndItsValue() {
        ParameterTool tool = ParameterTool.fromArgs(new String[] {"--rounds", "ten", "--flag"});
        IllegalArgumentException notInt = assertThrows(IllegalArgumentException.class, () -> tool.getInt("rounds"));
        assertEquals("the parameter 'rounds' is 'ten', which is not an int", notInt.getMessage());
        IllegalArgumentException notDefaulted =
                assertThrows(IllegalArgumentException.class, () -> tool.getInt("rounds", 1));
        assertTrue(notDefaulted.getMessage().contains("'ten'"), notDefaulted.getMessage());
        IllegalArgumentException missing =
                assertThrows(IllegalArgumentException.class, () -> tool.getRequired("input"));
        assertTrue(missing.getMessage().contains("'input' is missing: give --input VALUE"), missing.getMessage());
        IllegalArgumentException noValue = assertThrows(IllegalArgumentException.class, () -> tool.getLong("flag"));
        assertTrue(noValue.getMessage().contains("'flag' needs a value"), noValue.getMessage());
        IllegalArgumentException notBoolean = assertThrows(
                IllegalArgumentException.class,
                () -> ParameterTool.fromArgs(new String[] {"--on", "yes"}).getBoolean("on"));
        assertTrue(notBoolean.getMessage().contains("not a boolean"), notBoolean.getMessage());
    }

    @Test
    void malformedCommandLinesAreRejectedWithThePosition() {
        IllegalArgumentException stray = assertThrows(
                IllegalArgumentException.class, () -> ParameterTool.fromArgs(new String[] {"--a", "1", "2"}));
        assertTrue(stray.getMessage().startsWith("argument 3 ('2') is not a parameter name"), stray.getMessage());
        IllegalArgumentException twice = assertThrows(
                IllegalArgumentException.class, () -> ParameterTool.fromArgs(new String[] {"--a", "1", "-a", "2"}));
        assertTrue(twice.getMessage().contains("names 'a' a second time"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ParameterTool.fromArgs(new String[] {"--"}));
    }

    @Test
    void propertiesFilesAndMergingKeepTheLastValue(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("job.properties");
        Files.writeString(file, "input=/data/in\nrounds = 4\n", StandardCharsets.UTF_8);
        ParameterTool fromFile = ParameterTool.fromPropertiesFile(file.toString());
        assertEquals("/data/in", fromFile.getRequired("input"));
        ParameterTool merged = fromFile.mergeWith(ParameterTool.fromArgs(new String[] {"--rounds", "9"}));
        assertEquals(9, merged.getInt("rounds"));
        assertEquals("/data/in", merged.get("input"));
        assertEquals(4, fromFile.getInt("rounds"));
        assertEquals("4", merged.mergeWith(fromFile).getProperties().getProperty("rounds"));
        NoSuchFileException missing = assertThrows(
                NoSuchFileException.class,
                () -> ParameterTool.fromPropertiesFile(dir.resolve("none").toString()));
        assertTrue(missing.getMessage().contains("none"), missing.getMessage());
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        ParameterTool tool = ParameterTool.fromArgs(new String[] {"--a", "1", "--b"});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(tool);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(tool, in.readObject());
        }
    }
}
