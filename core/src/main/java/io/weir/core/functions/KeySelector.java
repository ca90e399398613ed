package io.weir.core.functions;

/**
 * Extracts the key of a record, for grouping, joining, sorting and partitioning by something that is not simply a field. It must be deterministic: the same record always gives an equal key.
 */
@FunctionalInterface
public interface KeySelector<IN, KEY> extends Function {

    KEY getKey(IN value) throws Exception;
}
