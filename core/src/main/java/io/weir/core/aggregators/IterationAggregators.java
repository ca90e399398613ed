package io.weir.core.aggregators;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The aggregators registered on an iteration, by name, and the convergence criterion on one of them
 * (if any). Shipped with the iteration to the runtime, which gives every task of the step fresh
 * {@linkplain #instances() instances}.
 */
public final class IterationAggregators implements Serializable {

    private static final long serialVersionUID = 1L;

    /** No aggregators. */
    public static final IterationAggregators NONE = new IterationAggregators();

    private final LinkedHashMap<String, Aggregator<?>> aggregators = new LinkedHashMap<>();
    private String convergenceAggregator;
    private ConvergenceCriterion<?> convergenceCriterion;

    /** Registers {@code aggregator} under {@code name}. */
    public IterationAggregators register(String name, Aggregator<?> aggregator) {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(aggregator, "aggregator is null");
        if (this == NONE) {
            throw new IllegalStateException("NONE cannot register aggregators");
        }
        if (aggregators.putIfAbsent(name, aggregator) != null) {
            throw new IllegalArgumentException("an aggregator named '" + name + "' is already registered");
        }
        return this;
    }

    /** Registers {@code aggregator} and ends the iteration after a superstep whose aggregate {@code criterion} accepts. */
    public <T extends Serializable> IterationAggregators registerWithConvergence(
            String name, Aggregator<T> aggregator, ConvergenceCriterion<T> criterion) {
        Objects.requireNonNull(criterion, "criterion is null");
        if (convergenceCriterion != null) {
            throw new IllegalArgumentException(
                    "the iteration already has a convergence criterion, on aggregator '" + convergenceAggregator + "'");
        }
        register(name, aggregator);
        this.convergenceAggregator = name;
        this.convergenceCriterion = criterion;
        return this;
    }

    public boolean isEmpty() {
        return aggregators.isEmpty();
    }

    public Map<String, Aggregator<?>> prototypes() {
        return Collections.unmodifiableMap(aggregators);
    }

    /** The aggregator the convergence criterion judges, or {@code null}. */
    public String convergenceAggregator() {
        return convergenceAggregator;
    }

    public ConvergenceCriterion<?> convergenceCriterion() {
        return convergenceCriterion;
    }

    /** New instances of the aggregators, reset, for one task (copies of the registered ones). */
    public Map<String, Aggregator<?>> instances() {
        Map<String, Aggregator<?>> copies = new LinkedHashMap<>();
        aggregators.forEach((name, aggregator) -> {
            Aggregator<?> copy = copy(name, aggregator);
            copy.reset();
            copies.put(name, copy);
        });
        return copies;
    }

    private static Aggregator<?> copy(String name, Aggregator<?> aggregator) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(aggregator);
            }
            ClassLoader loader = aggregator.getClass().getClassLoader();
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())) {
                @Override
                protected Class<?> resolveClass(ObjectStreamClass description)
                        throws IOException, ClassNotFoundException {
                    try {
                        return Class.forName(description.getName(), false, loader);
                    } catch (ClassNotFoundException e) {
                        return super.resolveClass(description);
                    }
                }
            }) {
                return (Aggregator<?>) in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(
                    "the aggregator '" + name + "' (" + aggregator.getClass().getName()
                            + ") cannot be copied to the iteration's tasks: " + e
                            + ". Make it and what it holds serializable.",
                    e);
        }
    }

    @Override
    public String toString() {
        return aggregators.keySet()
                + (convergenceAggregator == null ? "" : " (converges on '" + convergenceAggregator + "')");
    }
}
