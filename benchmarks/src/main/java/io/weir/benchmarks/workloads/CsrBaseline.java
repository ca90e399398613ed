package io.weir.benchmarks.workloads;

import io.weir.graph.graphalytics.GraphalyticsOutput;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * The single-threaded baseline of "Scalability! But at what COST?": reads an edge file ({@code src
 * dst} lines), maps the ids to dense indices with an open-addressing hash table, builds the graph in
 * compressed sparse row form over arrays, and runs PageRank (Graphalytics' definition, directed) or
 * weakly connected components (union-find), writing {@code id value} lines like Weir.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.weir.benchmarks.workloads.CsrBaseline pagerank|wcc EDGES OUTPUT [ITERATIONS]</pre>
 */
public final class CsrBaseline {

    private CsrBaseline() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: CsrBaseline pagerank|wcc EDGES OUTPUT [ITERATIONS]");
            System.exit(2);
        }
        long start = System.nanoTime();
        EdgeList edges = EdgeList.read(Path.of(args[1]));
        long read = System.nanoTime();
        IntFunction<String> value;
        if (args[0].equals("pagerank")) {
            double[] ranks = pageRank(edges, 0.85, args.length > 3 ? Integer.parseInt(args[3]) : 10);
            value = v -> GraphalyticsOutput.format(ranks[v]);
        } else if (args[0].equals("wcc")) {
            long[] labels = components(edges);
            value = v -> Long.toString(labels[v]);
        } else {
            throw new IllegalArgumentException("unknown algorithm " + args[0]);
        }
        long computed = System.nanoTime();
        write(Path.of(args[2]), edges.ids, value);
        System.err.printf(
                "baseline %s: read %.2f s, compute %.2f s, write %.2f s (%d vertices, %d edges)%n",
                args[0],
                (read - start) / 1e9,
                (computed - read) / 1e9,
                (System.nanoTime() - computed) / 1e9,
                edges.ids.length,
                edges.count);
    }

    /** Edges as dense vertex indices, and each index's id. */
    static final class EdgeList {
        int[] sources = new int[1 << 20];
        int[] targets = new int[1 << 20];
        int count;
        long[] ids;

        static EdgeList read(Path file) throws IOException {
            EdgeList list = new EdgeList();
            IdMap map = new IdMap();
            byte[] buffer = new byte[1 << 16];
            long[] fields = new long[2];
            int field = 0;
            long value = 0;
            boolean inNumber = false;
            try (InputStream in = Files.newInputStream(file)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    for (int i = 0; i < n; i++) {
                        byte b = buffer[i];
                        if (b >= '0' && b <= '9') {
                            value = value * 10 + (b - '0');
                            inNumber = true;
                        } else {
                            if (inNumber && field < 2) {
                                fields[field] = value;
                            }
                            if (inNumber) {
                                field++;
                            }
                            value = 0;
                            inNumber = false;
                            if (b == '\n') {
                                if (field >= 2) {
                                    list.add(map.index(fields[0]), map.index(fields[1]));
                                }
                                field = 0;
                            }
                        }
                    }
                }
            }
            if (inNumber && field < 2) {
                fields[field++] = value;
            }
            if (field >= 2) {
                list.add(map.index(fields[0]), map.index(fields[1]));
            }
            list.ids = Arrays.copyOf(map.ids, map.size);
            return list;
        }

        void add(int source, int target) {
            if (count == sources.length) {
                sources = Arrays.copyOf(sources, count * 2);
                targets = Arrays.copyOf(targets, count * 2);
            }
            sources[count] = source;
            targets[count] = target;
            count++;
        }
    }

    /** Vertex id → dense index, by linear probing. */
    static final class IdMap {
        long[] keys = new long[1 << 16];
        int[] values = new int[1 << 16];
        boolean[] used = new boolean[1 << 16];
        long[] ids = new long[1 << 16];
        int size;

        int index(long id) {
            int mask = keys.length - 1;
            int slot = (int) (mix(id) & mask);
            while (used[slot]) {
                if (keys[slot] == id) {
                    return values[slot];
                }
                slot = (slot + 1) & mask;
            }
            used[slot] = true;
            keys[slot] = id;
            values[slot] = size;
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            ids[size] = id;
            size++;
            if (size * 2 > keys.length) {
                grow();
            }
            return size - 1;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldValues = values;
            boolean[] oldUsed = used;
            keys = new long[oldKeys.length * 2];
            values = new int[oldKeys.length * 2];
            used = new boolean[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldUsed[i]) {
                    int slot = (int) (mix(oldKeys[i]) & mask);
                    while (used[slot]) {
                        slot = (slot + 1) & mask;
                    }
                    used[slot] = true;
                    keys[slot] = oldKeys[i];
                    values[slot] = oldValues[i];
                }
            }
        }

        private static long mix(long z) {
            z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
            return z ^ (z >>> 33);
        }
    }

    /** Graphalytics' PageRank over out-edges in CSR form. */
    static double[] pageRank(EdgeList edges, double damping, int iterations) {
        int n = edges.ids.length;
        int[] offsets = new int[n + 1];
        for (int e = 0; e < edges.count; e++) {
            offsets[edges.sources[e] + 1]++;
        }
        for (int v = 0; v < n; v++) {
            offsets[v + 1] += offsets[v];
        }
        int[] targets = new int[edges.count];
        int[] fill = Arrays.copyOf(offsets, n);
        for (int e = 0; e < edges.count; e++) {
            targets[fill[edges.sources[e]]++] = edges.targets[e];
        }
        double[] rank = new double[n];
        Arrays.fill(rank, 1.0 / n);
        double[] next = new double[n];
        for (int iteration = 0; iteration < iterations; iteration++) {
            double dangling = 0;
            Arrays.fill(next, 0);
            for (int v = 0; v < n; v++) {
                int degree = offsets[v + 1] - offsets[v];
                if (degree == 0) {
                    dangling += rank[v];
                } else {
                    double share = rank[v] / degree;
                    for (int e = offsets[v]; e < offsets[v + 1]; e++) {
                        next[targets[e]] += share;
                    }
                }
            }
            double base = (1 - damping) / n + damping * dangling / n;
            for (int v = 0; v < n; v++) {
                next[v] = base + damping * next[v];
            }
            double[] swap = rank;
            rank = next;
            next = swap;
        }
        return rank;
    }

    /** Union-find with path halving; each vertex labelled with the smallest id of its component. */
    static long[] components(EdgeList edges) {
        int n = edges.ids.length;
        int[] parent = new int[n];
        for (int v = 0; v < n; v++) {
            parent[v] = v;
        }
        for (int e = 0; e < edges.count; e++) {
            int a = find(parent, edges.sources[e]);
            int b = find(parent, edges.targets[e]);
            if (a != b) {
                parent[Math.max(a, b)] = Math.min(a, b);
            }
        }
        long[] smallest = new long[n];
        Arrays.fill(smallest, Long.MAX_VALUE);
        for (int v = 0; v < n; v++) {
            int root = find(parent, v);
            smallest[root] = Math.min(smallest[root], edges.ids[v]);
        }
        long[] labels = new long[n];
        for (int v = 0; v < n; v++) {
            labels[v] = smallest[find(parent, v)];
        }
        return labels;
    }

    private static int find(int[] parent, int v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }

    static void write(Path output, long[] ids, IntFunction<String> value) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(output), 1 << 16)) {
            for (int v = 0; v < ids.length; v++) {
                out.write((ids[v] + " " + value.apply(v) + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
    }
}
