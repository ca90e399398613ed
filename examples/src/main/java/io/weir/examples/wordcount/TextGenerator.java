package io.weir.examples.wordcount;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Generates text for word count: lines of words drawn from a vocabulary of made-up words with a
 * Zipf-like skew (a few words are very common, most are rare), as natural text is. Deterministic
 * for a given seed.
 */
public final class TextGenerator {

    private static final int VOCABULARY = 100_000;

    private TextGenerator() {}

    /** Writes about {@code bytes} bytes of text into {@code file} and returns the file. */
    public static Path generate(Path file, long bytes, long seed) throws IOException {
        Random random = new Random(seed);
        String[] words = vocabulary(random);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            long written = 0;
            StringBuilder line = new StringBuilder(128);
            while (written < bytes) {
                line.setLength(0);
                int count = 4 + random.nextInt(14);
                for (int i = 0; i < count; i++) {
                    if (i > 0) {
                        line.append(' ');
                    }
                    line.append(words[zipf(random)]);
                }
                line.append('\n');
                out.append(line);
                written += line.length();
            }
        }
        return file;
    }

    private static String[] vocabulary(Random random) {
        String[] words = new String[VOCABULARY];
        for (int i = 0; i < VOCABULARY; i++) {
            int length = 2 + random.nextInt(9);
            StringBuilder word = new StringBuilder(length);
            for (int c = 0; c < length; c++) {
                word.append((char) ('a' + random.nextInt(26)));
            }
            if (random.nextInt(20) == 0) {
                word.setCharAt(0, Character.toUpperCase(word.charAt(0)));
            }
            words[i] = word.toString();
        }
        return words;
    }

    /** An index skewed to small values: the inverse of a power-law distribution. */
    private static int zipf(Random random) {
        double u = random.nextDouble();
        return (int) Math.min(VOCABULARY - 1, Math.floor(Math.pow(VOCABULARY + 1.0, u)) - 1);
    }
}
