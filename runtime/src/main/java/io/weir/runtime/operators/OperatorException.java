package io.weir.runtime.operators;

/**
 * A failure inside a memory-bounded operator, named by the operator so that the user can tell which
 * part of the program failed; the cause says what went wrong (a serializer, the disk, a
 * cancellation).
 */
public final class OperatorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OperatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
