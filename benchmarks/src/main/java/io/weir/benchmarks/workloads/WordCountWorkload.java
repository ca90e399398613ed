package io.weir.benchmarks.workloads;

import io.weir.core.config.MemorySize;
import io.weir.examples.wordcount.TextGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Word count over generated text ({@link TextGenerator}, seed 42): {@code bin/weir example wordcount}
 * beside DuckDB splitting each line on {@code ' '} and counting the non-empty pieces.
 */
final class WordCountWorkload implements EndToEnd.Workload {

    @Override
    public Path prepare(Path dir, Map<String, String> options) throws IOException {
        String size = options.getOrDefault("size", "200m");
        Path text = dir.resolve("text-" + size + ".txt");
        if (!Files.exists(text)) {
            System.out.println("generating " + size + " of text into " + text);
            TextGenerator.generate(text, MemorySize.parse(size).bytes(), 42);
        }
        return text;
    }

    @Override
    public List<String> weirArguments(Path input, Path output) {
        return List.of(
                "example",
                "wordcount",
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--overwrite",
                "--quiet");
    }

    @Override
    public List<String> duckDbStatements(Path input, Path output) {
        // one VARCHAR column per line: a delimiter and no quote or escape that the text never holds
        String lines = "read_csv('" + input + "', columns = {'line': 'VARCHAR'}, header = false,"
                + " delim = '\u0001', quote = '', escape = '', auto_detect = false)";
        return List.of("COPY (SELECT word, count(*) AS count FROM (SELECT unnest(string_split(line, ' ')) AS word"
                + " FROM " + lines + ") WHERE word <> '' GROUP BY word) TO '" + output + "' (HEADER false)");
    }

    @Override
    public void compare(Path weirOutput, Path duckDbOutput) throws IOException {
        List<Path> parts = new ArrayList<>();
        try (Stream<Path> files = Files.list(weirOutput)) {
            files.filter(f -> f.getFileName().toString().startsWith("part-")).forEach(parts::add);
        }
        Map<String, Long> weir = new HashMap<>();
        for (Path part : parts) {
            read(part, weir);
        }
        Map<String, Long> duck = new HashMap<>();
        read(duckDbOutput, duck);
        if (!weir.equals(duck)) {
            List<String> differences = new ArrayList<>();
            for (String word : weir.keySet()) {
                if (!weir.get(word).equals(duck.get(word)) && differences.size() < 5) {
                    differences.add(word + ": weir " + weir.get(word) + ", duckdb " + duck.get(word));
                }
            }
            throw new IllegalStateException("word counts differ (" + weir.size() + " words from weir, " + duck.size()
                    + " from duckdb), e.g. " + differences);
        }
    }

    private static void read(Path file, Map<String, Long> counts) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = reader.readLine()) != null; ) {
                int comma = line.lastIndexOf(',');
                counts.merge(line.substring(0, comma), Long.parseLong(line.substring(comma + 1)), Long::sum);
            }
        }
    }
}
