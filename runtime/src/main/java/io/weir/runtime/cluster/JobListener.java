package io.weir.runtime.cluster;

import java.time.Duration;
import java.util.List;

/** Told how a running job is doing, at most once per {@link RuntimeOptions#PROGRESS_INTERVAL}. */
@FunctionalInterface
public interface JobListener {

    /** The operators' counts so far; called on a thread of the runtime, so keep it short. */
    void progress(String jobName, Duration elapsed, List<OperatorStats> operators);

    JobListener NONE = (jobName, elapsed, operators) -> {};
}
