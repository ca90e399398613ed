package io.weir.graph.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.dataset.ExecutionEnvironment;
import io.weir.graph.Edge;
import io.weir.graph.Graph;
import io.weir.graph.GraphTest;
import io.weir.graph.NullValue;
import io.weir.graph.Vertex;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each regular generator against a brute-force check of every pair of vertices: an edge (both
 * ways) exactly where the shape says, at parallelism 1 and 4.
 */
class SimpleGraphsTest {

    /** The edges of the graph as "u v" strings, checking there are no repeats and the vertices are 0..n-1. */
    static Set<String> edges(Graph<Long, NullValue, NullValue> graph, long n) {
        List<Long> ids = new ArrayList<>();
        for (Vertex<Long, NullValue> vertex : graph.getVertices().collect()) {
            ids.add(vertex.id());
        }
        assertThat(ids).hasSize((int) n).doesNotHaveDuplicates().allMatch(id -> id >= 0 && id < n);
        List<Edge<Long, NullValue>> edges = graph.getEdges().collect();
        Set<String> result = new HashSet<>();
        for (Edge<Long, NullValue> edge : edges) {
            assertThat(result.add(edge.source() + " " + edge.target()))
                    .as("edge %s once", edge)
                    .isTrue();
        }
        return result;
    }

    /** The edges {@code u -> v} for all pairs the predicate accepts. */
    static Set<String> bruteForce(long n, BiPredicate<Long, Long> adjacent) {
        Set<String> result = new HashSet<>();
        for (long u = 0; u < n; u++) {
            for (long v = 0; v < n; v++) {
                if (u != v && adjacent.test(u, v)) {
                    result.add(u + " " + v);
                }
            }
        }
        return result;
    }

    @ParameterizedTest(name = "parallelism {0}, n = {1}")
    @CsvSource({"1, 1", "1, 2", "4, 3", "4, 17"})
    void pathCycleStarAndCompleteGraphsHaveExactlyTheirEdges(int parallelism, long n) {
        ExecutionEnvironment env = GraphTest.environment(parallelism, "32m");

        assertThat(edges(new PathGraph(env, n).generate(), n)).isEqualTo(bruteForce(n, (u, v) -> Math.abs(u - v) == 1));
        assertThat(edges(new CycleGraph(env, n).generate(), n))
                .isEqualTo(bruteForce(n, (u, v) -> Math.abs(u - v) == 1 || Math.abs(u - v) == n - 1));
        assertThat(edges(new StarGraph(env, n).generate(), n)).isEqualTo(bruteForce(n, (u, v) -> u == 0 || v == 0));
        assertThat(edges(new CompleteGraph(env, n).setParallelism(2).generate(), n))
                .isEqualTo(bruteForce(n, (u, v) -> true));
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1", "4"})
    void gridNeighboursDifferByOneInOneCoordinateWrappingWhereAsked(int parallelism) {
        ExecutionEnvironment env = GraphTest.environment(parallelism, "32m");
        long[] sizes = {4, 3, 2, 5};
        boolean[] wrap = {true, false, true, true};
        GridGraph grid = new GridGraph(env);
        long n = 1;
        for (int d = 0; d < sizes.length; d++) {
            grid.addDimension(sizes[d], wrap[d]);
            n *= sizes[d];
        }

        assertThat(edges(grid.generate(), n)).isEqualTo(bruteForce(n, (u, v) -> {
            int differing = 0;
            boolean neighbours = true;
            long a = u;
            long b = v;
            for (int d = 0; d < sizes.length; d++) {
                long x = a % sizes[d];
                long y = b % sizes[d];
                a /= sizes[d];
                b /= sizes[d];
                if (x != y) {
                    differing++;
                    long distance = Math.abs(x - y);
                    neighbours &= distance == 1 || (wrap[d] && distance == sizes[d] - 1);
                }
            }
            return differing == 1 && neighbours;
        }));
    }
}
