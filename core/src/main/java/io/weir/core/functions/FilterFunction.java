package io.weir.core.functions;

/**
 * Decides which records to keep: the function of {@code filter}.
 */
@FunctionalInterface
public interface FilterFunction<T> extends Function {

    boolean filter(T value) throws Exception;
}
