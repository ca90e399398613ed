package io.weir.examples.wordcount;

import io.weir.core.functions.Collector;
import io.weir.core.functions.FlatMapFunction;
import io.weir.core.io.WriteMode;
import io.weir.core.tuple.Tuple2;
import io.weir.dataset.DataSet;
import io.weir.dataset.ExecutionEnvironment;
import io.weir.dataset.JobExecutionResult;

/**
 * Counts the words of text files: a word is a maximal run of characters other than ' ' (so tabs and
 * punctuation belong to words, and case is kept). Writes {@code word,count} lines (CSV: a word with
 * a comma or a quote is quoted) into part files of the output directory.
 *
 * <p>Plan: read lines in splits → split into (word, 1) → combine in a hash table → hash shuffle by
 * word → sum in a hash table (spilling when the words do not fit) → write.
 */
public final class WordCount {

    private WordCount() {}

    /** Splits a line at ' ' into (word, 1). */
    public static final class Tokenizer implements FlatMapFunction<String, Tuple2<String, Long>> {
        @Override
        public void flatMap(String line, Collector<Tuple2<String, Long>> out) {
            int length = line.length();
            int start = 0;
            while (start < length) {
                int end = line.indexOf(' ', start);
                if (end < 0) {
                    end = length;
                }
                if (end > start) {
                    out.collect(Tuple2.of(line.substring(start, end), 1L));
                }
                start = end + 1;
            }
        }
    }

    /** The word counts of the text at {@code input}, as a data set. */
    public static DataSet<Tuple2<String, Long>> counts(ExecutionEnvironment env, String input) {
        return env.readTextFile(input)
                .name("read " + input)
                .flatMap(new Tokenizer())
                .name("tokenize")
                .groupBy(0)
                .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1))
                .name("count");
    }

    /** Counts the words at {@code input} and writes them into directory {@code output}. */
    public static JobExecutionResult run(ExecutionEnvironment env, String input, String output, boolean overwrite) {
        counts(env, input)
                .writeAsCsv(output, overwrite ? WriteMode.OVERWRITE : WriteMode.NO_OVERWRITE)
                .name("write " + output);
        return env.execute("wordcount");
    }

    /** {@code WordCount INPUT OUTPUT}: for {@code weir run}. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: WordCount INPUT OUTPUT");
            System.exit(2);
        }
        System.out.println(run(ExecutionEnvironment.getExecutionEnvironment(), args[0], args[1], false));
    }
}
