package io.weir.core.functions;

import java.io.Serializable;

/**
 * The root of all user function interfaces. Functions are {@link Serializable}: they are shipped to
 * the processes that run the tasks. Lambdas and method references implementing these interfaces are
 * serializable too; whatever they capture must be.
 */
public interface Function extends Serializable {}
