package io.weir.core.plan;

import io.weir.core.types.TypeInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A node of the logical plan: an immutable description of one operation of a program, with its
 * inputs (which makes the plan a DAG: a node may feed several others), broadcast inputs, output
 * type, the name the user gave it, its parallelism, size hints, forwarded fields and where in the
 * program it was defined. What the node does is its {@link OperatorSpec}.
 */
public final class Operator<T> {

    private static final AtomicInteger NEXT_ID = new AtomicInteger();

    /** Parallelism not set by the user: the environment's default applies. */
    public static final int DEFAULT_PARALLELISM = 0;

    /**
     * The parallelism of the (first) input, whatever the environment's default: for operations that
     * must see each input instance's records as they are (numbering records, per-partition samples).
     */
    public static final int INPUT_PARALLELISM = -1;

    private final int id;
    private final OperatorSpec spec;
    private final List<Operator<?>> inputs;
    private final Map<String, Operator<?>> broadcastInputs;
    private final TypeInfo<T> outputType;
    private final String name;
    private final int parallelism;
    private final SizeHints sizeHints;
    private final List<ForwardedFields> forwardedFields;
    private final List<List<String>> readFields;
    private final String location;

    private Operator(Builder<T> builder) {
        this.id = NEXT_ID.incrementAndGet();
        this.spec = builder.spec;
        this.inputs = List.copyOf(builder.inputs);
        this.broadcastInputs = Collections.unmodifiableMap(new LinkedHashMap<>(builder.broadcastInputs));
        this.outputType = builder.outputType;
        this.location = builder.location;
        this.name = builder.name != null ? builder.name : defaultName();
        this.parallelism = builder.parallelism;
        this.sizeHints = builder.sizeHints;
        this.forwardedFields = List.copyOf(builder.forwardedFields);
        this.readFields = builder.readFields.stream()
                .map(fields -> fields == null ? null : List.copyOf(fields))
                .toList();
        int expected = spec.inputCount();
        if (expected >= 0 ? inputs.size() != expected : inputs.size() < 2) {
            throw new IllegalArgumentException(describe() + " takes " + (expected >= 0 ? expected : "two or more")
                    + " inputs, not " + inputs.size());
        }
        if (parallelism < INPUT_PARALLELISM || (parallelism == INPUT_PARALLELISM && inputs.isEmpty())) {
            throw new IllegalArgumentException(
                    "parallelism of " + describe() + " must be positive, not " + parallelism);
        }
        if (!forwardedFields.isEmpty() && forwardedFields.size() != inputs.size()) {
            throw new IllegalArgumentException("forwarded fields of " + describe() + " must be given per input");
        }
        if (!readFields.isEmpty() && readFields.size() != inputs.size()) {
            throw new IllegalArgumentException("read fields of " + describe() + " must be given per input");
        }
    }

    /** Starts a node doing {@code spec}, producing records of {@code outputType}. */
    public static <T> Builder<T> builder(OperatorSpec spec, TypeInfo<T> outputType) {
        return new Builder<>(spec, outputType);
    }

    private String defaultName() {
        return location == null ? spec.kind() : spec.kind() + " at " + location;
    }

    /** A number unique in this JVM, stable for the node's life: for plans and explain output. */
    public int id() {
        return id;
    }

    public OperatorSpec spec() {
        return spec;
    }

    public List<Operator<?>> inputs() {
        return inputs;
    }

    public Operator<?> input(int index) {
        return inputs.get(index);
    }

    /** Broadcast inputs by the name under which the function reads them. */
    public Map<String, Operator<?>> broadcastInputs() {
        return broadcastInputs;
    }

    public TypeInfo<T> outputType() {
        return outputType;
    }

    public String name() {
        return name;
    }

    /** The parallelism the user set, or {@link #DEFAULT_PARALLELISM} or {@link #INPUT_PARALLELISM}. */
    public int parallelism() {
        return parallelism;
    }

    public SizeHints sizeHints() {
        return sizeHints;
    }

    /** Per input, the fields the function forwards; empty when none are declared. */
    public List<ForwardedFields> forwardedFields() {
        return forwardedFields;
    }

    /**
     * Per input, the field expressions the function reads ({@code null} for an input whose reads are
     * not declared); empty when none are declared. With the forwarded fields and the keys, what the
     * optimizer lets a source leave unread.
     */
    public List<List<String>> readFields() {
        return readFields;
    }

    /** Where in the program the node was defined ("WordCount.java:42"), or {@code null}. */
    public String location() {
        return location;
    }

    /** How errors name this node: its name and, if different, its kind and location. */
    public String describe() {
        String generated = defaultName();
        return name.equals(generated) ? "'" + name + "'" : "'" + name + "' (" + generated + ")";
    }

    @Override
    public String toString() {
        return spec.kind() + "#" + id + " " + describe();
    }

    /** Builds an {@link Operator}. */
    public static final class Builder<T> {
        private final OperatorSpec spec;
        private final TypeInfo<T> outputType;
        private final List<Operator<?>> inputs = new ArrayList<>();
        private final Map<String, Operator<?>> broadcastInputs = new LinkedHashMap<>();
        private final List<ForwardedFields> forwardedFields = new ArrayList<>();
        private final List<List<String>> readFields = new ArrayList<>();
        private String name;
        private int parallelism = DEFAULT_PARALLELISM;
        private SizeHints sizeHints = SizeHints.UNKNOWN;
        private String location;

        private Builder(OperatorSpec spec, TypeInfo<T> outputType) {
            this.spec = Objects.requireNonNull(spec, "spec is null");
            this.outputType = Objects.requireNonNull(outputType, "outputType is null");
        }

        public Builder<T> input(Operator<?> input) {
            inputs.add(Objects.requireNonNull(input, "input is null"));
            return this;
        }

        public Builder<T> inputs(List<? extends Operator<?>> more) {
            more.forEach(this::input);
            return this;
        }

        public Builder<T> broadcastInput(String variableName, Operator<?> input) {
            if (broadcastInputs.putIfAbsent(variableName, Objects.requireNonNull(input, "input is null")) != null) {
                throw new IllegalArgumentException(
                        "a broadcast set named '" + variableName + "' is already registered");
            }
            return this;
        }

        public Builder<T> name(String newName) {
            this.name = newName;
            return this;
        }

        public Builder<T> parallelism(int newParallelism) {
            this.parallelism = newParallelism;
            return this;
        }

        public Builder<T> sizeHints(SizeHints hints) {
            this.sizeHints = Objects.requireNonNull(hints, "hints is null");
            return this;
        }

        /** Forwarded fields, one declaration per input. */
        public Builder<T> forwardedFields(List<ForwardedFields> perInput) {
            forwardedFields.clear();
            forwardedFields.addAll(perInput);
            return this;
        }

        /** Read fields, one list of field expressions per input ({@code null} where undeclared). */
        public Builder<T> readFields(List<List<String>> perInput) {
            readFields.clear();
            readFields.addAll(perInput);
            return this;
        }

        public Builder<T> location(String newLocation) {
            this.location = newLocation;
            return this;
        }

        public Operator<T> build() {
            return new Operator<>(this);
        }
    }
}
