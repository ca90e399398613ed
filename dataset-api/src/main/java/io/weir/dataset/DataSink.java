package io.weir.dataset;

import io.weir.core.io.OutputFormat;
import io.weir.core.plan.Operator;
import io.weir.core.plan.OperatorSpec;
import java.util.Objects;

/** Where a data set is written; runs when the environment executes. */
public final class DataSink<T> {

    private final DataSet<T> input;
    private final OutputFormat<T> format;
    private String name;
    private int parallelism = Operator.DEFAULT_PARALLELISM;

    DataSink(DataSet<T> input, OutputFormat<T> format) {
        this.input = input;
        this.format = Objects.requireNonNull(format, "format is null");
    }

    public DataSink<T> name(String newName) {
        this.name = Objects.requireNonNull(newName, "name is null");
        return this;
    }

    public DataSink<T> setParallelism(int newParallelism) {
        if (newParallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + newParallelism);
        }
        this.parallelism = newParallelism;
        return this;
    }

    Operator<T> operator() {
        return Operator.builder(new OperatorSpec.Sink(format), input.getType())
                .input(input.operator())
                .name(name != null ? name : "sink " + format.description())
                .parallelism(parallelism)
                .build();
    }
}
