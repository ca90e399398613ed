package io.weir.graph.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.graph.blocks.BlockGraph.EdgeBatch;
import io.weir.graph.library.SmallestIdComponents.SpanningStars;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The spanning forests a partition's edges are reduced to, against a breadth-first search over the
 * edges: the same ids, the same components, no more edges.
 */
class SpanningStarsTest {

    @Test
    void forestsKeepEveryIdAndExactlyTheComponentsOfTheEdges() {
        Random random = new Random(41);
        for (int round = 0; round < 300; round++) {
            long[] ids = ids(random, 1 + random.nextInt(60));
            List<long[]> edges = edges(random, ids);
            int maxVertices = random.nextBoolean() ? 2 + random.nextInt(8) : SmallestIdComponents.FOREST_VERTICES;

            List<long[]> forests = forests(edges, maxVertices, random);

            assertThat(forests.size()).as("round %d", round).isLessThanOrEqualTo(edges.size());
            assertThat(endpoints(forests)).as("round %d", round).isEqualTo(endpoints(edges));
            assertThat(smallestInComponent(forests))
                    .as("round %d, at most %d vertices held", round, maxVertices)
                    .isEqualTo(smallestInComponent(edges));
        }
    }

    @Test
    void withRoomForAllIdsEachVertexPointsAtTheSmallestIdOfItsComponentOnce() {
        Random random = new Random(43);
        for (int round = 0; round < 200; round++) {
            long[] ids = ids(random, 1 + random.nextInt(60));
            List<long[]> edges = edges(random, ids);

            List<long[]> forests = forests(edges, SmallestIdComponents.FOREST_VERTICES, random);

            Map<Long, Long> smallest = smallestInComponent(edges);
            Set<Long> sources = new HashSet<>();
            for (long[] edge : forests) {
                assertThat(sources.add(edge[0]))
                        .as("round %d: %d twice", round, edge[0])
                        .isTrue();
                assertThat(edge[1]).isEqualTo(smallest.get(edge[0]));
                // a root points at itself only when it has no other vertex: it was seen in self-loops alone
                if (edge[0] == edge[1]) {
                    assertThat(smallest.values().stream().filter(root -> root == edge[0]))
                            .hasSize(1);
                }
            }
        }
    }

    @Test
    void aForestHoldingTwoVerticesAtATimeStillLinksAChain() {
        // a path 9 - 8 - ... - 0 seen two vertices at a time: each edge handed on as it came
        List<long[]> path = new ArrayList<>();
        for (long v = 9; v > 0; v--) {
            path.add(new long[] {v, v - 1});
        }
        List<long[]> forests = forests(path, 2, new Random(1));
        assertThat(forests).hasSize(path.size());
        assertThat(smallestInComponent(forests).values()).containsOnly(0L);
    }

    /** {@code count} distinct ids: small ones, ones above 2^40, and the largest. */
    private static long[] ids(Random random, int count) {
        Set<Long> ids = new HashSet<>();
        while (ids.size() < count) {
            long id = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(100);
                case 1 -> (1L << 40) + random.nextInt(1000);
                case 2 -> random.nextLong() >>> 1;
                default -> Long.MAX_VALUE - random.nextInt(3);
            };
            ids.add(id);
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    /** Random edges among the ids (several components, self-loops and repeats), sometimes by source. */
    private static List<long[]> edges(Random random, long[] ids) {
        List<long[]> edges = new ArrayList<>();
        int count = random.nextInt(3 * ids.length + 1);
        // most edges stay within one of a few groups of ids, so that there are several components
        int groups = 1 + random.nextInt(4);
        for (int e = 0; e < count; e++) {
            int group = random.nextInt(groups);
            long source = ids[pick(random, ids.length, groups, group)];
            long target = random.nextInt(10) == 0 ? source : ids[pick(random, ids.length, groups, group)];
            edges.add(new long[] {source, target});
            if (random.nextInt(8) == 0) {
                edges.add(new long[] {source, target});
            }
        }
        if (random.nextBoolean()) {
            edges.sort((a, b) -> Long.compare(a[0], b[0]));
        }
        return edges;
    }

    /** An index of group {@code group} of {@code groups}: the indices {@code group, group + groups, ...}. */
    private static int pick(Random random, int length, int groups, int group) {
        int members = (length - group + groups - 1) / groups;
        return members <= 0 ? random.nextInt(length) : group + groups * random.nextInt(members);
    }

    /** The edges through the function, in batches of random sizes. */
    private static List<long[]> forests(List<long[]> edges, int maxVertices, Random random) {
        List<EdgeBatch> batches = new ArrayList<>();
        for (int from = 0; from < edges.size(); ) {
            int to = Math.min(edges.size(), from + 1 + random.nextInt(10));
            List<long[]> part = edges.subList(from, to);
            batches.add(new EdgeBatch(
                    part.stream().mapToLong(edge -> edge[0]).toArray(),
                    part.stream().mapToLong(edge -> edge[1]).toArray()));
            from = to;
        }
        List<long[]> out = new ArrayList<>();
        new SpanningStars(maxVertices).mapPartition(batches, batch -> {
            for (int e = 0; e < batch.size(); e++) {
                out.add(new long[] {batch.sources()[e], batch.targets()[e]});
            }
        });
        return out;
    }

    private static Set<Long> endpoints(List<long[]> edges) {
        Set<Long> ids = new HashSet<>();
        for (long[] edge : edges) {
            ids.add(edge[0]);
            ids.add(edge[1]);
        }
        return ids;
    }

    /** Each id the edges name with the smallest id it is joined to (directions ignored), by breadth-first search. */
    private static Map<Long, Long> smallestInComponent(List<long[]> edges) {
        Map<Long, List<Long>> neighbours = new HashMap<>();
        for (long[] edge : edges) {
            neighbours.computeIfAbsent(edge[0], id -> new ArrayList<>()).add(edge[1]);
            neighbours.computeIfAbsent(edge[1], id -> new ArrayList<>()).add(edge[0]);
        }
        Map<Long, Long> smallest = new HashMap<>();
        for (long start : neighbours.keySet()) {
            if (smallest.containsKey(start)) {
                continue;
            }
            List<Long> component = new ArrayList<>(List.of(start));
            Set<Long> seen = new HashSet<>(component);
            ArrayDeque<Long> queue = new ArrayDeque<>(component);
            while (!queue.isEmpty()) {
                for (long next : neighbours.get(queue.poll())) {
                    if (seen.add(next)) {
                        component.add(next);
                        queue.add(next);
                    }
                }
            }
            long min = component.stream().mapToLong(Long::longValue).min().orElseThrow();
            component.forEach(id -> smallest.put(id, min));
        }
        return smallest;
    }
}
