package io.weir.runtime.jobgraph;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The only thing the runtime knows about a program: vertices (chains of stages with a parallelism)
 * and the edges between them, each with a ship strategy and a result type. Vertices are listed so
 * that every vertex comes after the vertices it reads from.
 */
public record JobGraph(
        String jobName,
        List<JobVertex> vertices,
        List<JobEdge> edges,
        Map<String, String> cachedFiles,
        Map<String, String> jobParameters)
        implements Serializable {

    /** A graph whose tasks get no cached files and no job parameters. */
    public JobGraph(String jobName, List<JobVertex> vertices, List<JobEdge> edges) {
        this(jobName, vertices, edges, Map.of(), Map.of());
    }

    /** A graph whose tasks get no job parameters. */
    public JobGraph(String jobName, List<JobVertex> vertices, List<JobEdge> edges, Map<String, String> cachedFiles) {
        this(jobName, vertices, edges, cachedFiles, Map.of());
    }

    /**
     * @param cachedFiles the files every task gets through its distributed cache, by name: paths or
     *     URIs of any file system
     * @param jobParameters what every function reads with {@code getRuntimeContext().getGlobalJobParameters()}
     */
    public JobGraph {
        Objects.requireNonNull(jobName, "jobName is null");
        cachedFiles = Map.copyOf(cachedFiles);
        jobParameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(jobParameters));
        vertices = List.copyOf(vertices);
        edges = List.copyOf(edges);
        Map<Integer, Integer> position = new HashMap<>();
        for (int i = 0; i < vertices.size(); i++) {
            if (position.put(vertices.get(i).id(), i) != null) {
                throw new IllegalArgumentException(
                        "two vertices have id " + vertices.get(i).id());
            }
        }
        for (JobEdge edge : edges) {
            Integer source = position.get(edge.source());
            Integer target = position.get(edge.target());
            if (source == null || target == null) {
                throw new IllegalArgumentException("edge " + edge.id() + " connects a vertex not in the graph");
            }
            if (source >= target) {
                throw new IllegalArgumentException("edge " + edge.id() + " goes backwards: vertices must be listed"
                        + " after the vertices they read from");
            }
            JobVertex producer = vertices.get(source);
            JobVertex consumer = vertices.get(target);
            if (edge.shipStrategy() == ShipStrategy.FORWARD && producer.parallelism() != consumer.parallelism()) {
                throw new IllegalArgumentException("forward edge from " + producer.name() + " to " + consumer.name()
                        + " connects different parallelisms");
            }
            int inputs = consumer.gateCount();
            if (edge.targetInput() < 0 || edge.targetInput() >= inputs) {
                throw new IllegalArgumentException(
                        "edge into " + consumer.name() + " feeds input " + edge.targetInput() + " of " + inputs);
            }
        }
        for (JobVertex vertex : vertices) {
            int inputs = vertex.gateCount();
            for (int input = 0; input < inputs; input++) {
                if (inputEdges(edges, vertex.id(), input).isEmpty()) {
                    throw new IllegalArgumentException("input " + input + " of " + vertex.name() + " has no edge");
                }
            }
        }
    }

    public JobVertex vertex(int id) {
        return vertices.stream()
                .filter(vertex -> vertex.id() == id)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no vertex " + id));
    }

    /** The edges feeding input {@code input} of vertex {@code vertexId}, in edge order. */
    public List<JobEdge> inputEdges(int vertexId, int input) {
        return inputEdges(edges, vertexId, input);
    }

    private static List<JobEdge> inputEdges(List<JobEdge> edges, int vertexId, int input) {
        List<JobEdge> result = new ArrayList<>();
        for (JobEdge edge : edges) {
            if (edge.target() == vertexId && edge.targetInput() == input) {
                result.add(edge);
            }
        }
        return result;
    }

    /**
     * The graph as text: one line per vertex with its stages, one per edge. A vertex of an
     * iteration's step says so; an edge from outside the loop into the step is marked as cached (read
     * once, before the first superstep, into a spillable buffer replayed every superstep).
     */
    public String describe() {
        StringBuilder out = new StringBuilder("job graph '").append(jobName).append("'\n");
        for (JobVertex vertex : vertices) {
            out.append("  vertex ").append(vertex.id()).append(" ×").append(vertex.parallelism());
            boolean head = vertex.head().driver() instanceof DriverSpec.IterationHead;
            if (vertex.iteration() != 0) {
                out.append(head ? " (head of iteration " : " (step of iteration ")
                        .append(vertex.iteration())
                        .append(')');
            }
            for (Stage stage : vertex.stages()) {
                out.append(" → [")
                        .append(stage.driver().describe())
                        .append(" '")
                        .append(stage.name())
                        .append("']");
            }
            out.append('\n');
            for (JobEdge edge : edges) {
                if (edge.target() == vertex.id()) {
                    out.append("    ← vertex ")
                            .append(edge.source())
                            .append(" ")
                            .append(edge.shipStrategy())
                            .append(' ')
                            .append(edge.resultType())
                            .append(" into input ")
                            .append(edge.targetInput());
                    if (vertex.iteration() != 0
                            && !head
                            && vertex(edge.source()).iteration() != vertex.iteration()) {
                        out.append(" (static: cached before the first superstep, replayed in each)");
                    }
                    out.append('\n');
                }
            }
        }
        return out.toString();
    }
}
