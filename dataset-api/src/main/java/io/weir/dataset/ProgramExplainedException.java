package io.weir.dataset;

/**
 * Stops a program whose environment explains its job instead of running it (see {@link
 * ExecutionEnvironment#setExplainContext}): the job was explained, nothing ran.
 */
public final class ProgramExplainedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ProgramExplainedException(String jobName) {
        super("job '" + jobName + "' was explained, not run");
    }
}
