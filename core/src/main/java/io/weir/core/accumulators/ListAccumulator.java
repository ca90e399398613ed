package io.weir.core.accumulators;

import java.io.Serializable;
import java.util.ArrayList;

/**
 * Every value added, from all instances (in no particular order across instances). It travels with
 * the job's result, so keep it small; {@code collect()} is for whole data sets.
 */
public final class ListAccumulator<T extends Serializable> implements Accumulator<T, ArrayList<T>> {

    private ArrayList<T> values = new ArrayList<>();

    @Override
    public void add(T value) {
        values.add(value);
    }

    @Override
    public ArrayList<T> getLocalValue() {
        return values;
    }

    @Override
    public void resetLocal() {
        values = new ArrayList<>();
    }

    @Override
    public void merge(Accumulator<T, ArrayList<T>> other) {
        values.addAll(other.getLocalValue());
    }

    @Override
    public ListAccumulator<T> clone() {
        ListAccumulator<T> copy = new ListAccumulator<>();
        copy.values = new ArrayList<>(values);
        return copy;
    }

    @Override
    public String toString() {
        return "ListAccumulator of " + values.size();
    }
}
