package io.weir.graph.library;

import io.weir.core.types.TypeInfo;
import io.weir.dataset.DataSet;
import io.weir.graph.Edge;
import io.weir.graph.Graph;
import io.weir.graph.GraphAlgorithm;
import io.weir.graph.IterationConfiguration;
import io.weir.graph.Vertex;
import io.weir.graph.spargel.GatherFunction;
import io.weir.graph.spargel.ScatterFunction;
import java.util.HashMap;
import java.util.Map;

/**
 * Label propagation as Gelly's: each vertex starts with its value as its label; in each superstep,
 * vertices whose label changed send it along their out-edges, and a vertex that receives labels
 * adopts the most frequent one among them — ties going to the greatest label — if it differs from
 * its own. It ends when no label changes, or after {@code maxIterations}. Run it on {@code
 * graph.getUndirected()} for labels to travel both ways. (The LDBC variant, CDLP, is {@code
 * Graphalytics.cdlp}.) A scatter-gather iteration.
 */
public final class LabelPropagation<K, VV extends Comparable<VV>, EV>
        implements GraphAlgorithm<K, VV, EV, DataSet<Vertex<K, VV>>> {

    private final int maxIterations;

    public LabelPropagation(int maxIterations) {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("label propagation needs at least 1 iteration, not " + maxIterations);
        }
        this.maxIterations = maxIterations;
    }

    @Override
    public DataSet<Vertex<K, VV>> run(Graph<K, VV, EV> graph) {
        TypeInfo<VV> labelType = graph.getVertexValueType();
        return new io.weir.graph.spargel.ScatterGatherIteration<>(
                        new SendLabel<K, VV, EV>(),
                        new AdoptMostFrequent<K, VV>(),
                        maxIterations,
                        new IterationConfiguration().setName("label propagation"),
                        labelType)
                .run(graph)
                .getVertices();
    }

    static final class SendLabel<K, VV, EV> extends ScatterFunction<K, VV, VV, EV> {
        private static final long serialVersionUID = 1L;

        @Override
        public void sendMessages(Vertex<K, VV> vertex) {
            for (Edge<K, EV> edge : getEdges()) {
                sendMessageTo(edge.target(), vertex.value());
            }
        }
    }

    static final class AdoptMostFrequent<K, VV extends Comparable<VV>> extends GatherFunction<K, VV, VV> {
        private static final long serialVersionUID = 1L;

        @Override
        public void updateVertex(Vertex<K, VV> vertex, Iterable<VV> labels) {
            Map<VV, Long> frequencies = new HashMap<>();
            VV best = null;
            long bestCount = 0;
            for (VV label : labels) {
                long count = frequencies.merge(label, 1L, Long::sum);
                if (count > bestCount || (count == bestCount && label.compareTo(best) > 0)) {
                    best = label;
                    bestCount = count;
                }
            }
            if (best != null && !best.equals(vertex.value())) {
                setNewVertexValue(best);
            }
        }
    }
}
