package io.weir.runtime.operators.join;

import io.weir.core.functions.Collector;
import io.weir.runtime.operators.OperatorResources;
import io.weir.runtime.operators.RecordIterator;

/** Counts records in and out locally, and publishes the counts to the operator's metrics once. */
final class Counting {

    private long in;
    private long out;

    <T> RecordIterator<T> input(RecordIterator<T> source) {
        return () -> {
            T record = source.next();
            if (record != null) {
                in++;
            }
            return record;
        };
    }

    <T> Collector<T> output(Collector<T> target) {
        return record -> {
            out++;
            target.collect(record);
        };
    }

    void publish(OperatorResources resources) {
        resources.metrics().addRecordsIn(in);
        resources.metrics().addRecordsOut(out);
        in = 0;
        out = 0;
    }
}
