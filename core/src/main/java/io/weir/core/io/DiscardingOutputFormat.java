package io.weir.core.io;

/** Drops every record: a sink for jobs run for their side effects, accumulators or timing. */
public final class DiscardingOutputFormat<T> implements OutputFormat<T> {

    private static final long serialVersionUID = 1L;

    @Override
    public void open(int taskNumber, int numTasks) {}

    @Override
    public void writeRecord(T record) {}

    @Override
    public void close() {}

    @Override
    public String description() {
        return "discard";
    }
}
