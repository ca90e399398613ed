package io.weir.cli;

import io.weir.runtime.cluster.JobListener;
import io.weir.runtime.cluster.OperatorStats;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/** Prints a running job's progress as plain lines: elapsed time and records per operator. */
final class ProgressPrinter implements JobListener {

    private final PrintStream out;

    ProgressPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void progress(String jobName, Duration elapsed, List<OperatorStats> operators) {
        StringBuilder line = new StringBuilder(String.format("[%s %6.1fs]", jobName, elapsed.toMillis() / 1000.0));
        for (OperatorStats operator : operators) {
            line.append(String.format(" %s %,d→%,d;", operator.name(), operator.recordsIn(), operator.recordsOut()));
        }
        out.println(line);
    }
}
