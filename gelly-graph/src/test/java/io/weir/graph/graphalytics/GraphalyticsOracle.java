package io.weir.graph.graphalytics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Graphalytics algorithms in plain single-threaded Java, written from the definitions: the oracle
 * the engine's results are checked against. Vertices are indices {@code 0..n-1} into {@code ids}.
 */
final class GraphalyticsOracle {

    final long[] ids;
    final int[][] edges; // (source index, target index)
    final double[] weights;
    final boolean directed;
    private final Map<Long, Integer> index = new HashMap<>();

    GraphalyticsOracle(long[] ids, int[][] edges, double[] weights, boolean directed) {
        this.ids = ids;
        this.edges = edges;
        this.weights = weights;
        this.directed = directed;
        for (int i = 0; i < ids.length; i++) {
            index.put(ids[i], i);
        }
    }

    int n() {
        return ids.length;
    }

    /** Out-edges of each vertex as (target, edge number); undirected edges both ways. */
    private List<List<int[]>> out() {
        List<List<int[]>> out = new ArrayList<>();
        for (int i = 0; i < n(); i++) {
            out.add(new ArrayList<>());
        }
        for (int e = 0; e < edges.length; e++) {
            out.get(edges[e][0]).add(new int[] {edges[e][1], e});
            if (!directed) {
                out.get(edges[e][1]).add(new int[] {edges[e][0], e});
            }
        }
        return out;
    }

    Map<Long, Long> bfs(long source) {
        List<List<int[]>> out = out();
        long[] depth = new long[n()];
        Arrays.fill(depth, Long.MAX_VALUE);
        int s = index.get(source);
        depth[s] = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(s));
        while (!queue.isEmpty()) {
            int v = queue.poll();
            for (int[] edge : out.get(v)) {
                if (depth[edge[0]] == Long.MAX_VALUE) {
                    depth[edge[0]] = depth[v] + 1;
                    queue.add(edge[0]);
                }
            }
        }
        return byId(i -> depth[i]);
    }

    Map<Long, Double> sssp(long source) {
        List<List<int[]>> out = out();
        double[] distance = new double[n()];
        Arrays.fill(distance, Double.POSITIVE_INFINITY);
        int s = index.get(source);
        distance[s] = 0;
        PriorityQueue<double[]> queue = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
        queue.add(new double[] {0, s});
        while (!queue.isEmpty()) {
            double[] head = queue.poll();
            int v = (int) head[1];
            if (head[0] > distance[v]) {
                continue;
            }
            for (int[] edge : out.get(v)) {
                double candidate = distance[v] + weights[edge[1]];
                if (candidate < distance[edge[0]]) {
                    distance[edge[0]] = candidate;
                    queue.add(new double[] {candidate, edge[0]});
                }
            }
        }
        return byId(i -> distance[i]);
    }

    Map<Long, Long> wcc() {
        int[] parent = new int[n()];
        for (int i = 0; i < n(); i++) {
            parent[i] = i;
        }
        for (int[] edge : edges) {
            int a = root(parent, edge[0]);
            int b = root(parent, edge[1]);
            if (a != b) {
                // the root is the member with the smallest id
                if (ids[a] < ids[b]) {
                    parent[b] = a;
                } else {
                    parent[a] = b;
                }
            }
        }
        return byId(i -> ids[root(parent, i)]);
    }

    private static int root(int[] parent, int v) {
        while (parent[v] != v) {
            v = parent[v];
        }
        return v;
    }

    Map<Long, Double> pageRank(double damping, int iterations) {
        int n = n();
        int[] outDegree = new int[n];
        List<List<int[]>> out = out();
        for (int v = 0; v < n; v++) {
            outDegree[v] = out.get(v).size();
        }
        double[] rank = new double[n];
        Arrays.fill(rank, 1.0 / n);
        for (int iteration = 0; iteration < iterations; iteration++) {
            double dangling = 0;
            for (int v = 0; v < n; v++) {
                if (outDegree[v] == 0) {
                    dangling += rank[v];
                }
            }
            double[] next = new double[n];
            for (int u = 0; u < n; u++) {
                for (int[] edge : out.get(u)) {
                    next[edge[0]] += rank[u] / outDegree[u];
                }
            }
            for (int v = 0; v < n; v++) {
                next[v] = (1 - damping) / n + damping * next[v] + damping / n * dangling;
            }
            rank = next;
        }
        double[] result = rank;
        return byId(i -> result[i]);
    }

    Map<Long, Long> cdlp(int iterations) {
        int n = n();
        long[] label = ids.clone();
        for (int iteration = 0; iteration < iterations; iteration++) {
            List<Map<Long, Integer>> counts = new ArrayList<>();
            for (int v = 0; v < n; v++) {
                counts.add(new TreeMap<>());
            }
            for (int[] edge : edges) {
                // the target hears the source and the source the target, whether directed or not
                counts.get(edge[1]).merge(label[edge[0]], 1, Integer::sum);
                counts.get(edge[0]).merge(label[edge[1]], 1, Integer::sum);
            }
            long[] next = label.clone();
            for (int v = 0; v < n; v++) {
                int best = 0;
                for (Map.Entry<Long, Integer> entry : counts.get(v).entrySet()) {
                    if (entry.getValue() > best) { // ascending labels: the first of the most frequent is the smallest
                        best = entry.getValue();
                        next[v] = entry.getKey();
                    }
                }
            }
            label = next;
        }
        long[] result = label;
        return byId(i -> result[i]);
    }

    /** For each edge (u, w), every v with both u and w as neighbours gains the edge (self-loops aside). */
    Map<Long, Double> lcc() {
        int n = n();
        List<Set<Integer>> neighbours = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            neighbours.add(new HashSet<>());
        }
        for (int[] edge : edges) {
            if (edge[0] != edge[1]) {
                neighbours.get(edge[0]).add(edge[1]);
                neighbours.get(edge[1]).add(edge[0]);
            }
        }
        long[] closing = new long[n];
        for (int[] edge : edges) {
            if (edge[0] == edge[1]) {
                continue;
            }
            for (int v : neighbours.get(edge[0])) {
                if (neighbours.get(edge[1]).contains(v)) {
                    closing[v] += directed ? 1 : 2;
                }
            }
        }
        double[] result = new double[n];
        for (int v = 0; v < n; v++) {
            long d = neighbours.get(v).size();
            result[v] = d <= 1 ? 0.0 : closing[v] / ((double) d * (d - 1));
        }
        return byId(i -> result[i]);
    }

    private <V> Map<Long, V> byId(java.util.function.IntFunction<V> value) {
        Map<Long, V> result = new HashMap<>();
        for (int i = 0; i < n(); i++) {
            result.put(ids[i], value.apply(i));
        }
        return result;
    }
}
