package io.weir.runtime.task;

/**
 * A failure inside a stage, carrying the stage's name so that the job's error names the operator
 * the user wrote. Passes unchanged through the stages before it in the chain.
 */
public final class StageException extends RuntimeException {

    private final String stageName;

    public StageException(String stageName, Throwable cause) {
        super(stageName + ": " + describe(cause), cause);
        this.stageName = stageName;
    }

    public String stageName() {
        return stageName;
    }

    /** A failure as a user reads it: the class only where the message does not say enough. */
    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getName();
        }
        if (failure instanceof RuntimeException && !(failure instanceof StageException) || failure instanceof Error) {
            return failure.getClass().getSimpleName() + ": " + message;
        }
        return message;
    }

    /** {@code failure} as thrown from stage {@code name}: kept if it already names a stage. */
    public static RuntimeException wrap(String name, Throwable failure) {
        if (failure instanceof StageException stageFailure) {
            return stageFailure;
        }
        return new StageException(name, failure);
    }
}
