package io.weir.runtime.cluster;

import io.weir.core.config.ConfigOption;
import java.time.Duration;

/** Options for how the runtime runs jobs. */
public final class RuntimeOptions {

    public static final ConfigOption<Integer> DEFAULT_PARALLELISM = ConfigOption.key("parallelism.default")
            .intType()
            .noDefaultValue()
            .withDescription("The number of parallel instances of an operator that does not set its own.")
            .withDefaultDescription("the number of available processors");

    public static final ConfigOption<Duration> NO_PROGRESS_TIMEOUT = ConfigOption.key("execution.no-progress-timeout")
            .durationType()
            .defaultValue(Duration.ofMinutes(10))
            .withDescription("A job whose tasks neither read nor write a record, nor spill, for this long fails with"
                    + " a thread dump of its tasks, instead of hanging silently (a deadlocked plan, a user"
                    + " function that never returns). Raise it for user functions that legitimately take longer.");

    public static final ConfigOption<Duration> PROGRESS_INTERVAL = ConfigOption.key("execution.progress-interval")
            .durationType()
            .defaultValue(Duration.ofSeconds(1))
            .withDescription("How often a running job reports its progress (records per operator) to its listener.");

    private RuntimeOptions() {}

    /** The default parallelism a configuration gives. */
    public static int defaultParallelism(io.weir.core.config.Configuration configuration) {
        return configuration
                .getOptional(DEFAULT_PARALLELISM)
                .orElse(Runtime.getRuntime().availableProcessors());
    }
}
