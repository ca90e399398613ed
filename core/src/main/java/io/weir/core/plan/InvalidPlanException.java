package io.weir.core.plan;

/** A program that cannot run as written; the message names the operator and what to change. */
public final class InvalidPlanException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidPlanException(String message) {
        super(message);
    }

    public InvalidPlanException(String message, Throwable cause) {
        super(message, cause);
    }
}
