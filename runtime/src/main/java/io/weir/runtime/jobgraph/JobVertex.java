package io.weir.runtime.jobgraph;

import java.io.Serializable;
import java.util.List;

/**
 * A task of the job graph: a chain of stages run by each of {@code parallelism} instances in one
 * thread, records passed between the stages as objects. The first stage is the head: it reads the
 * vertex's inputs (or, for a source, its splits); each later stage consumes what the one before
 * emits; the last stage's output goes to every edge leaving the vertex.
 *
 * <p>{@code iteration} is the id of the iteration whose step the vertex runs in (0: none): such a
 * vertex runs its stages once per superstep (see {@link DriverSpec.IterationHead}).
 */
public record JobVertex(int id, String name, int parallelism, List<Stage> stages, int iteration)
        implements Serializable {

    public JobVertex(int id, String name, int parallelism, List<Stage> stages) {
        this(id, name, parallelism, stages, 0);
    }

    public JobVertex {
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("vertex " + name + " has no stages");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("vertex " + name + " needs a parallelism of at least 1");
        }
        for (Stage stage : stages.subList(1, stages.size())) {
            if (!stage.driver().chainable()) {
                throw new IllegalArgumentException(
                        stage.driver().describe() + " cannot run behind another stage (vertex " + name + ")");
            }
            if (!stage.broadcastSets().isEmpty()) {
                throw new IllegalArgumentException("stage " + stage.name() + " reads broadcast sets, so it must be the"
                        + " head of its vertex (vertex " + name + ")");
            }
        }
    }

    public Stage head() {
        return stages.get(0);
    }

    /** The number of input gates: the head driver's inputs, then one per broadcast set of the head. */
    public int gateCount() {
        return head().driver().inputCount() + head().broadcastSets().size();
    }
}
