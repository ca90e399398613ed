package io.weir.graph;

import io.weir.core.aggregators.Aggregator;
import io.weir.core.aggregators.ConvergenceCriterion;
import io.weir.dataset.DataSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Options of a graph iteration (vertex-centric, scatter-gather or gather-sum-apply): its name and
 * parallelism, aggregators (with an optional convergence criterion), broadcast sets for its
 * functions, and the direction along which messages or values travel (for the models that have one).
 */
public final class IterationConfiguration {

    private String name;
    private int parallelism = -1;
    private EdgeDirection direction = EdgeDirection.OUT;
    private final Map<String, Aggregator<?>> aggregators = new LinkedHashMap<>();
    private final Map<String, ConvergenceCriterion<?>> criteria = new LinkedHashMap<>();
    private final Map<String, DataSet<?>> broadcastSets = new LinkedHashMap<>();

    public IterationConfiguration setName(String newName) {
        this.name = Objects.requireNonNull(newName, "name is null");
        return this;
    }

    public String getName(String defaultName) {
        return name != null ? name : defaultName;
    }

    public IterationConfiguration setParallelism(int newParallelism) {
        if (newParallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + newParallelism);
        }
        this.parallelism = newParallelism;
        return this;
    }

    /** The parallelism, or -1 for the environment's. */
    public int getParallelism() {
        return parallelism;
    }

    /**
     * Along which edges messages (scatter-gather) or neighbour values (gather-sum-apply) travel: OUT
     * (default) from a vertex to its out-neighbours, IN to its in-neighbours, ALL to both.
     */
    public IterationConfiguration setDirection(EdgeDirection newDirection) {
        this.direction = Objects.requireNonNull(newDirection, "direction is null");
        return this;
    }

    public EdgeDirection getDirection() {
        return direction;
    }

    public IterationConfiguration registerAggregator(String aggregatorName, Aggregator<?> aggregator) {
        aggregators.put(aggregatorName, aggregator);
        return this;
    }

    /** Registers an aggregator whose aggregate ends the iteration once {@code criterion} judges it converged. */
    public <A extends java.io.Serializable> IterationConfiguration registerAggregationConvergenceCriterion(
            String aggregatorName, Aggregator<A> aggregator, ConvergenceCriterion<A> criterion) {
        aggregators.put(aggregatorName, aggregator);
        criteria.put(aggregatorName, criterion);
        return this;
    }

    /** Makes {@code data} readable as {@code getBroadcastSet(name)} in every function of the iteration. */
    public IterationConfiguration addBroadcastSet(String setName, DataSet<?> data) {
        broadcastSets.put(setName, data);
        return this;
    }

    /** Names the delta iteration that runs the model, sets its parallelism and registers the aggregators. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void applyTo(io.weir.dataset.DeltaIteration<?, ?> iteration) {
        if (name != null) {
            iteration.name(name);
        }
        if (parallelism > 0) {
            iteration.parallelism(parallelism);
        }
        for (Map.Entry<String, Aggregator<?>> entry : aggregators.entrySet()) {
            ConvergenceCriterion criterion = criteria.get(entry.getKey());
            if (criterion == null) {
                iteration.registerAggregator(entry.getKey(), entry.getValue());
            } else {
                iteration.registerAggregationConvergenceCriterion(
                        entry.getKey(), (Aggregator) entry.getValue(), criterion);
            }
        }
    }

    /** Adds the broadcast sets to an operator of the iteration that runs user functions. */
    public <T> DataSet<T> withBroadcastSets(DataSet<T> operator) {
        DataSet<T> result = operator;
        for (Map.Entry<String, DataSet<?>> entry : broadcastSets.entrySet()) {
            result = result.withBroadcastSet(entry.getValue(), entry.getKey());
        }
        return result;
    }
}
