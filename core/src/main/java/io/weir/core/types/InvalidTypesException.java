package io.weir.core.types;

/**
 * A type Weir cannot work with as asked: not extractable from a function, not a valid key, a key
 * naming a field that does not exist. The message says what to change.
 */
public final class InvalidTypesException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidTypesException(String message) {
        super(message);
    }

    public InvalidTypesException(String message, Throwable cause) {
        super(message, cause);
    }
}
