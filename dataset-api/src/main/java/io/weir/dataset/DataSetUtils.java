package io.weir.dataset;

import io.weir.core.functions.Collector;
import io.weir.core.functions.MapPartitionFunction;
import io.weir.core.functions.OpenContext;
import io.weir.core.functions.RichMapPartitionFunction;
import io.weir.core.tuple.Tuple2;
import io.weir.core.tuple.Tuple3;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.core.util.Mixing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Operations on whole data sets that take more than one step: numbering records, sampling, counting
 * the records of each parallel instance. (Flink's {@code DataSetUtils}.)
 *
 * <p>Each works per parallel instance of its input — the mapPartitions here keep the input's
 * parallelism and take its records forward — so the numbering and the samples are the same however
 * the input's records fall into partitions; only which record gets which number or is drawn
 * depends on the partitioning.
 */
public final class DataSetUtils {

    /** The broadcast set through which zipWithIndex's second pass learns the partitions' counts. */
    private static final String COUNTS = "weir.zipWithIndex.counts";

    private DataSetUtils() {}

    /**
     * The parallel instance, of {@code parallelism}, to which hash partitioning on a single {@code
     * int} field sends a record whose field holds {@code key} (for a join, a grouping or {@code
     * partitionByHash}): for choosing a few keys that spread evenly over the instances, which a
     * handful of hashed keys need not do.
     */
    public static int hashPartitionOf(int key, int parallelism) {
        return io.weir.runtime.exchange.RecordWriter.channelOf(Integer.hashCode(key), parallelism);
    }

    /** One record (parallel instance index, number of records) per parallel instance of {@code input}. */
    public static <T> DataSet<Tuple2<Integer, Long>> countElementsPerPartition(DataSet<T> input) {
        return input.mapPartition(new CountElements<T>())
                .returns(Types.<Tuple2<Integer, Long>>TUPLE(Types.INT, Types.LONG))
                .keepInputParallelism()
                .name("count elements per partition");
    }

    /**
     * Each record with its index: consecutive numbers from 0, in the order of the input's parallel
     * instances and, within one, the order its records arrive (so a data set sorted in one partition
     * is numbered in its order). Two passes: the records of each instance are counted, then numbered
     * from the sum of the counts before it; the input is computed once and buffered between them.
     */
    public static <T> DataSet<Tuple2<Long, T>> zipWithIndex(DataSet<T> input) {
        DataSet<Tuple2<Integer, Long>> counts = countElementsPerPartition(input);
        return input.mapPartition(new ZipWithIndex<T>())
                .returns(Types.<Tuple2<Long, T>>TUPLE(Types.LONG, input.getType()))
                .withBroadcastSet(counts, COUNTS)
                .keepInputParallelism()
                .name("zip with index");
    }

    /**
     * Each record with an id unique in the data set, in one pass: instance {@code i} of {@code p}
     * gives its records {@code i}, {@code i + p}, {@code i + 2p}, ... — not consecutive, unlike
     * {@link #zipWithIndex}.
     */
    public static <T> DataSet<Tuple2<Long, T>> zipWithUniqueId(DataSet<T> input) {
        return input.mapPartition(new ZipWithUniqueId<T>())
                .returns(Types.<Tuple2<Long, T>>TUPLE(Types.LONG, input.getType()))
                .keepInputParallelism()
                .name("zip with unique id");
    }

    /**
     * Runs the program now and returns summary statistics of each field of {@code input}'s records
     * (of the records themselves when their type has no fields), as a tuple with one {@link
     * io.weir.dataset.summarize.ColumnSummary} per field in field order: for numbers a {@link
     * io.weir.dataset.summarize.NumericColumnSummary} (counts of nulls, NaNs and infinities; minimum,
     * maximum, exact sum, mean, sample variance of the others), for strings a {@link
     * io.weir.dataset.summarize.StringColumnSummary} (nulls, empty strings, lengths), for booleans a
     * {@link io.weir.dataset.summarize.BooleanColumnSummary}, for other types an {@link
     * io.weir.dataset.summarize.ObjectColumnSummary}. Each parallel instance summarizes its records
     * in one pass; one merges the instances' statistics.
     *
     * @throws IllegalArgumentException if the records have more fields than a tuple holds
     */
    @SuppressWarnings("unchecked")
    public static <R extends io.weir.core.tuple.Tuple, T> R summarize(DataSet<T> input) {
        io.weir.dataset.summarize.Summaries empty = io.weir.dataset.summarize.Summaries.forType(input.getType());
        int columns = empty.results().size();
        if (columns > io.weir.core.tuple.Tuple.MAX_ARITY) {
            throw new IllegalArgumentException("summarize of " + input.describe() + ": its records have " + columns
                    + " fields, more than the " + io.weir.core.tuple.Tuple.MAX_ARITY + " a tuple of summaries holds;"
                    + " project the fields to summarize first");
        }
        List<io.weir.dataset.summarize.Summaries> partial = input.mapPartition(new Summarize<T>(input.getType()))
                .returns(Types.GENERIC(io.weir.dataset.summarize.Summaries.class))
                .keepInputParallelism()
                .name("summarize")
                .reduce(io.weir.dataset.summarize.Summaries::merge)
                .name("merge summaries")
                .collect();
        io.weir.dataset.summarize.Summaries merged = partial.isEmpty() ? empty : partial.get(0);
        io.weir.core.tuple.Tuple result = io.weir.core.tuple.Tuple.newInstance(columns);
        List<io.weir.dataset.summarize.ColumnSummary> summaries = merged.results();
        for (int i = 0; i < columns; i++) {
            result.setField(summaries.get(i), i);
        }
        return (R) result;
    }

    /** One instance's statistics of its records. */
    private static final class Summarize<T> implements MapPartitionFunction<T, io.weir.dataset.summarize.Summaries> {
        private static final long serialVersionUID = 1L;
        private final TypeInfo<T> type;

        Summarize(TypeInfo<T> type) {
            this.type = type;
        }

        @Override
        public void mapPartition(Iterable<T> records, Collector<io.weir.dataset.summarize.Summaries> out) {
            io.weir.dataset.summarize.Summaries summaries = io.weir.dataset.summarize.Summaries.forType(type);
            for (T record : records) {
                summaries.add(record);
            }
            out.collect(summaries);
        }
    }

    /** {@link #sample(DataSet, boolean, double, long)} with a random seed. */
    public static <T> DataSet<T> sample(DataSet<T> input, boolean withReplacement, double fraction) {
        return sample(input, withReplacement, fraction, new SplittableRandom().nextLong());
    }

    /**
     * A random sample in which each record appears with probability {@code fraction} (without
     * replacement, {@code 0 <= fraction <= 1}), or a number of times drawn from a Poisson distribution
     * with mean {@code fraction} (with replacement, {@code fraction >= 0}). The size of the sample is
     * random; see {@link #sampleWithSize} for a fixed size. The same seed, input and partitioning give
     * the same sample. With replacement a record drawn more than once is emitted as the same object.
     */
    public static <T> DataSet<T> sample(DataSet<T> input, boolean withReplacement, double fraction, long seed) {
        if (!(fraction >= 0) || (!withReplacement && fraction > 1) || Double.isInfinite(fraction)) {
            throw new IllegalArgumentException("sample of " + input.describe() + ": the fraction " + fraction
                    + " must be " + (withReplacement ? "at least 0" : "between 0 and 1")
                    + (withReplacement
                            ? " (with replacement it is the expected number of copies of each record)"
                            : ""));
        }
        return input.mapPartition(new FractionSampler<T>(withReplacement, fraction, seed))
                .returns(input.getType())
                .keepInputParallelism()
                .name("sample " + fraction + (withReplacement ? " with replacement" : ""));
    }

    /** {@link #sampleWithSize(DataSet, boolean, int, long)} with a random seed. */
    public static <T> DataSet<T> sampleWithSize(DataSet<T> input, boolean withReplacement, int numSamples) {
        return sampleWithSize(input, withReplacement, numSamples, new SplittableRandom().nextLong());
    }

    /**
     * A uniform random sample of exactly {@code numSamples} records: without replacement, distinct
     * records (all of them when there are fewer), every subset of that size equally likely; with
     * replacement, {@code numSamples} independent uniform draws (none from an empty input). Each
     * instance samples its records in one pass and sends at most {@code numSamples}; one instance
     * combines them. Without replacement each record gets a random key and the records with the
     * largest keys win; with replacement each instance sends its count and {@code numSamples} draws
     * from its own records, and each global draw picks an instance with probability proportional to
     * its count, then that instance's next draw.
     */
    public static <T> DataSet<T> sampleWithSize(DataSet<T> input, boolean withReplacement, int numSamples, long seed) {
        if (numSamples < 0) {
            throw new IllegalArgumentException(
                    "sampleWithSize of " + input.describe() + ": the size " + numSamples + " is negative");
        }
        String name = "sample " + numSamples + (withReplacement ? " with replacement" : "");
        TypeInfo<T> type = input.getType();
        if (withReplacement) {
            return input.mapPartition(new DrawsPerPartition<T>(numSamples, seed))
                    .returns(Types.<Tuple3<Integer, Long, T>>TUPLE(Types.INT, Types.LONG, type))
                    .keepInputParallelism()
                    .name(name + " (per partition)")
                    .mapPartition(new CombineDraws<T>(numSamples, seed))
                    .returns(type)
                    .setParallelism(1)
                    .name(name);
        }
        return input.mapPartition(new TopKeysPerPartition<T>(numSamples, seed))
                .returns(Types.<Tuple2<Double, T>>TUPLE(Types.DOUBLE, type))
                .keepInputParallelism()
                .name(name + " (per partition)")
                .mapPartition(new TopKeys<T>(numSamples))
                .returns(type)
                .setParallelism(1)
                .name(name);
    }

    /**
     * A generator for parallel instance {@code index}, independent of the other instances'. (Seeds
     * that differ by SplittableRandom's own increment would give shifted copies of one sequence, so
     * the seed and index are mixed.)
     */
    static SplittableRandom random(long seed, int index) {
        return new SplittableRandom(Mixing.mix64(seed ^ Mixing.mix64(index + 0x632BE59BD9B4E019L)));
    }

    private static final class CountElements<T> extends RichMapPartitionFunction<T, Tuple2<Integer, Long>> {
        private static final long serialVersionUID = 1L;

        @Override
        public void mapPartition(Iterable<T> values, Collector<Tuple2<Integer, Long>> out) {
            long count = 0;
            for (Iterator<T> it = values.iterator(); it.hasNext(); it.next()) {
                count++;
            }
            out.collect(Tuple2.of(getRuntimeContext().getIndexOfThisSubtask(), count));
        }
    }

    private static final class ZipWithIndex<T> extends RichMapPartitionFunction<T, Tuple2<Long, T>> {
        private static final long serialVersionUID = 1L;
        private long start;

        @Override
        public void open(OpenContext context) {
            int index = getRuntimeContext().getIndexOfThisSubtask();
            start = 0;
            for (Tuple2<Integer, Long> count :
                    getRuntimeContext().<Tuple2<Integer, Long>>getBroadcastVariable(COUNTS)) {
                if (count.f0 < index) {
                    start += count.f1;
                }
            }
        }

        @Override
        public void mapPartition(Iterable<T> values, Collector<Tuple2<Long, T>> out) {
            long next = start;
            for (T value : values) {
                out.collect(Tuple2.of(next++, value));
            }
        }
    }

    private static final class ZipWithUniqueId<T> extends RichMapPartitionFunction<T, Tuple2<Long, T>> {
        private static final long serialVersionUID = 1L;

        @Override
        public void mapPartition(Iterable<T> values, Collector<Tuple2<Long, T>> out) {
            long step = getRuntimeContext().getNumberOfParallelSubtasks();
            long id = getRuntimeContext().getIndexOfThisSubtask();
            for (T value : values) {
                out.collect(Tuple2.of(id, value));
                id = Math.addExact(id, step);
            }
        }
    }

    private static final class FractionSampler<T> extends RichMapPartitionFunction<T, T> {
        private static final long serialVersionUID = 1L;
        private final boolean withReplacement;
        private final double fraction;
        private final long seed;

        FractionSampler(boolean withReplacement, double fraction, long seed) {
            this.withReplacement = withReplacement;
            this.fraction = fraction;
            this.seed = seed;
        }

        @Override
        public void mapPartition(Iterable<T> values, Collector<T> out) {
            SplittableRandom random = random(seed, getRuntimeContext().getIndexOfThisSubtask());
            for (T value : values) {
                int copies = withReplacement ? poisson(random, fraction) : random.nextDouble() < fraction ? 1 : 0;
                for (int i = 0; i < copies; i++) {
                    out.collect(value);
                }
            }
        }
    }

    /**
     * A Poisson-distributed count with mean {@code mean}: Knuth's product of uniforms, in steps of
     * mean at most 500 (whose sum is Poisson with the total mean) so that {@code exp(-mean)} does not
     * underflow.
     */
    static int poisson(SplittableRandom random, double mean) {
        int count = 0;
        double left = mean;
        while (left > 0) {
            double step = Math.min(left, 500);
            left -= step;
            double limit = Math.exp(-step);
            double product = random.nextDouble();
            while (product > limit) {
                count++;
                product *= random.nextDouble();
            }
        }
        return count;
    }

    /** A record with its random key. */
    record Keyed<T>(double key, T value) {}

    private static final class TopKeysPerPartition<T> extends RichMapPartitionFunction<T, Tuple2<Double, T>> {
        private static final long serialVersionUID = 1L;
        private final int size;
        private final long seed;

        TopKeysPerPartition(int size, long seed) {
            this.size = size;
            this.seed = seed;
        }

        @Override
        public void mapPartition(Iterable<T> values, Collector<Tuple2<Double, T>> out) {
            SplittableRandom random = random(seed, getRuntimeContext().getIndexOfThisSubtask());
            for (Keyed<T> keyed : largestKeys(values, size, random)) {
                out.collect(Tuple2.of(keyed.key(), keyed.value()));
            }
        }
    }

    private static final class TopKeys<T> implements MapPartitionFunction<Tuple2<Double, T>, T> {
        private static final long serialVersionUID = 1L;
        private final int size;

        TopKeys(int size) {
            this.size = size;
        }

        @Override
        public void mapPartition(Iterable<Tuple2<Double, T>> values, Collector<T> out) {
            PriorityQueue<Keyed<T>> top = new PriorityQueue<>(Comparator.comparingDouble(Keyed::key));
            for (Tuple2<Double, T> value : values) {
                offer(top, size, new Keyed<>(value.f0, value.f1));
            }
            for (Keyed<T> keyed : top) {
                out.collect(keyed.value());
            }
        }
    }

    /** The {@code size} values with the largest uniform random keys: a uniform sample without replacement. */
    static <T> List<Keyed<T>> largestKeys(Iterable<T> values, int size, SplittableRandom random) {
        PriorityQueue<Keyed<T>> top = new PriorityQueue<>(Comparator.comparingDouble(Keyed::key));
        for (T value : values) {
            offer(top, size, new Keyed<>(random.nextDouble(), value));
        }
        return new ArrayList<>(top);
    }

    private static <T> void offer(PriorityQueue<Keyed<T>> top, int size, Keyed<T> keyed) {
        if (top.size() < size) {
            top.add(keyed);
        } else if (size > 0 && keyed.key() > top.peek().key()) {
            top.poll();
            top.add(keyed);
        }
    }

    private static final class DrawsPerPartition<T> extends RichMapPartitionFunction<T, Tuple3<Integer, Long, T>> {
        private static final long serialVersionUID = 1L;
        private final int size;
        private final long seed;

        DrawsPerPartition(int size, long seed) {
            this.size = size;
            this.seed = seed;
        }

        @Override
        public void mapPartition(Iterable<T> values, Collector<Tuple3<Integer, Long, T>> out) {
            int index = getRuntimeContext().getIndexOfThisSubtask();
            Draws<T> draws = draws(values, size, random(seed, index));
            for (T value : draws.values()) {
                out.collect(Tuple3.of(index, draws.count(), value));
            }
        }
    }

    /** {@code count} records seen, and independent uniform draws from them. */
    record Draws<T>(long count, List<T> values) {}

    /**
     * {@code size} independent uniform draws from {@code values}, in one pass: each draw is a
     * reservoir of one, replaced by the {@code i}-th record with probability {@code 1/i}. The draw
     * kept after record {@code i} is next replaced at record {@code floor(i/u) + 1} ({@code u}
     * uniform in (0, 1]), so a queue of those positions makes the pass O(records + size log size log
     * records) instead of O(records × size).
     */
    static <T> Draws<T> draws(Iterable<T> values, int size, SplittableRandom random) {
        List<T> drawn = new ArrayList<>(size);
        // each entry: {next position that replaces the draw, the draw's index}
        PriorityQueue<long[]> next = new PriorityQueue<>(Comparator.comparingLong(entry -> entry[0]));
        long position = 0;
        for (T value : values) {
            position++;
            if (position == 1) {
                for (int i = 0; i < size; i++) {
                    drawn.add(value);
                    next.add(new long[] {nextReplacement(1, random), i});
                }
                continue;
            }
            while (!next.isEmpty() && next.peek()[0] == position) {
                long[] entry = next.poll();
                drawn.set((int) entry[1], value);
                entry[0] = nextReplacement(position, random);
                next.add(entry);
            }
        }
        return new Draws<>(position, drawn);
    }

    private static long nextReplacement(long position, SplittableRandom random) {
        double u = 1.0 - random.nextDouble(); // (0, 1]
        double next = Math.floor(position / u) + 1;
        return next >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) next;
    }

    private static final class CombineDraws<T> implements MapPartitionFunction<Tuple3<Integer, Long, T>, T> {
        private static final long serialVersionUID = 1L;
        private final int size;
        private final long seed;

        CombineDraws(int size, long seed) {
            this.size = size;
            this.seed = seed;
        }

        @Override
        public void mapPartition(Iterable<Tuple3<Integer, Long, T>> values, Collector<T> out) {
            Map<Integer, Draws<T>> partitions = new TreeMap<>();
            for (Tuple3<Integer, Long, T> value : values) {
                partitions
                        .computeIfAbsent(value.f0, index -> new Draws<>(value.f1, new ArrayList<>()))
                        .values()
                        .add(value.f2);
            }
            for (T value : combine(new ArrayList<>(partitions.values()), size, random(seed, -1))) {
                out.collect(value);
            }
        }
    }

    /**
     * {@code size} uniform draws from the union of partitions, each given by its count and (at least
     * {@code size}) uniform draws from its own records: a draw picks a partition with probability
     * proportional to its count, then uses that partition's next unused draw.
     */
    static <T> List<T> combine(List<Draws<T>> partitions, int size, SplittableRandom random) {
        long total = 0;
        for (Draws<T> partition : partitions) {
            total += partition.count();
        }
        List<T> result = new ArrayList<>(size);
        if (total == 0) {
            return result;
        }
        int[] used = new int[partitions.size()];
        for (int i = 0; i < size; i++) {
            long pick = random.nextLong(total);
            int p = 0;
            while (pick >= partitions.get(p).count()) {
                pick -= partitions.get(p).count();
                p++;
            }
            result.add(partitions.get(p).values().get(used[p]++));
        }
        return result;
    }
}
