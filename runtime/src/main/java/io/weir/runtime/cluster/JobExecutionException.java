package io.weir.runtime.cluster;

/**
 * A job that failed, or could not start. The message names the job, the operator (as the user named
 * it) and instance where it failed first, and that first cause; failures it caused in other tasks
 * (cancellations) are not reported.
 */
public final class JobExecutionException extends RuntimeException {

    private final String operator;

    public JobExecutionException(String message, String operator, Throwable cause) {
        super(message, cause);
        this.operator = operator;
    }

    /** The operator where the job failed first, or {@code null} if it failed before running. */
    public String operator() {
        return operator;
    }
}
