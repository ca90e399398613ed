package io.weir.graph.generator;

import io.weir.core.functions.MapFunction;
import io.weir.core.tuple.Tuple2;
import io.weir.core.types.TypeHint;
import io.weir.core.util.Mixing;
import io.weir.dataset.DataSet;
import io.weir.dataset.ExecutionEnvironment;
import java.util.SplittableRandom;

/**
 * Edges of a recursive-matrix (R-MAT) graph: each edge picks one quadrant of the adjacency matrix
 * per bit of the vertex ids, with probabilities {@code a}, {@code b}, {@code c} and {@code 1 - a - b
 * - c}, which gives the skewed, community-like degree distribution of real graphs. The defaults are
 * Graph500's (0.57, 0.19, 0.19), whose scale {@code s} graph has {@code 2^s} vertices and {@code 16 ·
 * 2^s} edges.
 *
 * <p>The edges are generated in parallel and deterministically: edge {@code i} is drawn from a
 * random generator seeded with the seed and {@code i}, so a seed gives the same multiset of edges at
 * any parallelism. Edges are directed and may repeat or be self-loops, as R-MAT draws them. Vertex ids
 * lie in {@code [0, vertexCount)}; when {@code vertexCount} is not a power of two, draws outside it
 * are drawn again.
 */
public final class RMatGenerator {

    public static final double DEFAULT_A = 0.57;
    public static final double DEFAULT_B = 0.19;
    public static final double DEFAULT_C = 0.19;

    private final ExecutionEnvironment env;
    private final long vertexCount;
    private final long edgeCount;
    private double a = DEFAULT_A;
    private double b = DEFAULT_B;
    private double c = DEFAULT_C;
    private double noise;
    private long seed;
    private int parallelism;

    /**
     * @param vertexCount at least 1; the ids are {@code 0 .. vertexCount - 1}
     * @param edgeCount the number of edges to draw
     */
    public RMatGenerator(ExecutionEnvironment env, long vertexCount, long edgeCount) {
        if (vertexCount < 1) {
            throw new IllegalArgumentException("an R-MAT graph needs at least one vertex, not " + vertexCount);
        }
        if (edgeCount < 0) {
            throw new IllegalArgumentException("the number of edges cannot be negative: " + edgeCount);
        }
        this.env = env;
        this.vertexCount = vertexCount;
        this.edgeCount = edgeCount;
    }

    /** Graph500's graph of the given scale: {@code 2^scale} vertices, {@code edgeFactor · 2^scale} edges. */
    public static RMatGenerator graph500(ExecutionEnvironment env, int scale, int edgeFactor) {
        if (scale < 0 || scale > 62) {
            throw new IllegalArgumentException("the scale is between 0 and 62, not " + scale);
        }
        return new RMatGenerator(env, 1L << scale, (long) edgeFactor << scale);
    }

    /** The probabilities of the top-left, top-right and bottom-left quadrants (the rest is bottom-right). */
    public RMatGenerator setConstants(double a, double b, double c) {
        if (a < 0 || b < 0 || c < 0 || a + b + c > 1) {
            throw new IllegalArgumentException(
                    "the R-MAT constants must be non-negative with a + b + c <= 1, not " + a + ", " + b + ", " + c);
        }
        this.a = a;
        this.b = b;
        this.c = c;
        return this;
    }

    /**
     * Perturbs the constants at each level by up to {@code noise} (relative, 0 to 1), then
     * normalizes them: smooths the degree distribution's staircase.
     */
    public RMatGenerator setNoise(double noise) {
        if (noise < 0 || noise > 1) {
            throw new IllegalArgumentException("the noise is between 0 and 1, not " + noise);
        }
        this.noise = noise;
        return this;
    }

    public RMatGenerator setSeed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The parallelism of the generating operators (the environment's default when not set). */
    public RMatGenerator setParallelism(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        this.parallelism = parallelism;
        return this;
    }

    /** The edges as (source, target) pairs. */
    public DataSet<Tuple2<Long, Long>> edges() {
        DataSet<Long> indexes = env.generateSequence(0, edgeCount - 1).name("R-MAT edge indexes");
        DataSet<Tuple2<Long, Long>> edges = indexes.map(new DrawEdge(vertexCount, a, b, c, noise, seed))
                .returns(new TypeHint<Tuple2<Long, Long>>() {})
                .name("R-MAT edges");
        if (parallelism > 0) {
            indexes.setParallelism(parallelism);
            edges.setParallelism(parallelism);
        }
        return edges;
    }

    /** Draws edge {@code i} from its own random generator. */
    static final class DrawEdge implements MapFunction<Long, Tuple2<Long, Long>> {
        private final long vertexCount;
        private final int levels;
        private final double a;
        private final double b;
        private final double c;
        private final double noise;
        private final long seed;

        DrawEdge(long vertexCount, double a, double b, double c, double noise, long seed) {
            this.vertexCount = vertexCount;
            this.levels = 64 - Long.numberOfLeadingZeros(vertexCount - 1);
            this.a = a;
            this.b = b;
            this.c = c;
            this.noise = noise;
            this.seed = seed;
        }

        @Override
        public Tuple2<Long, Long> map(Long index) {
            SplittableRandom random = new SplittableRandom(Mixing.mix64(seed * 0x9E3779B97F4A7C15L + index));
            while (true) {
                long source = 0;
                long target = 0;
                for (int level = 0; level < levels; level++) {
                    double pa = a;
                    double pb = b;
                    double pc = c;
                    double pd = 1 - a - b - c;
                    if (noise > 0) {
                        pa *= 1 - noise + 2 * noise * random.nextDouble();
                        pb *= 1 - noise + 2 * noise * random.nextDouble();
                        pc *= 1 - noise + 2 * noise * random.nextDouble();
                        pd *= 1 - noise + 2 * noise * random.nextDouble();
                        double sum = pa + pb + pc + pd;
                        pa /= sum;
                        pb /= sum;
                        pc /= sum;
                    }
                    double draw = random.nextDouble();
                    source <<= 1;
                    target <<= 1;
                    if (draw < pa) {
                        // top left: neither bit
                    } else if (draw < pa + pb) {
                        target |= 1;
                    } else if (draw < pa + pb + pc) {
                        source |= 1;
                    } else {
                        source |= 1;
                        target |= 1;
                    }
                }
                if (source < vertexCount && target < vertexCount) {
                    return Tuple2.of(source, target);
                }
            }
        }
    }
}
