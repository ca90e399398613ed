package io.weir.runtime.task;

import io.weir.core.functions.Collector;
import io.weir.core.functions.Function;
import io.weir.core.functions.RuntimeContext;

/**
 * A running stage that consumes records pushed into it ({@link #collect}) and pushes its output to
 * the next stage. Its life: {@link #open}, records, {@link #finish} (the end of its input: a
 * sorting or hashing stage emits now), and always {@link #dispose} (releases memory and files, also
 * after a failure).
 */
abstract class StageRunner<IN> implements Collector<IN> {

    final String name;
    final StageMetrics metrics;
    final RuntimeContext context;
    private final UserFunction function;

    StageRunner(String name, StageMetrics metrics, RuntimeContext context, Function function) {
        this.name = name;
        this.metrics = metrics;
        this.context = context;
        this.function = new UserFunction(function);
    }

    void open() throws Exception {
        function.open(context);
    }

    /** Ends the input: emits what the stage holds and closes the user function. */
    void finish() throws Exception {
        function.close();
    }

    void dispose() {
        function.closeQuietly();
    }

    RuntimeException failure(Throwable cause) {
        return StageException.wrap(name, cause);
    }

    /** What a grouping stage does with one group. */
    @FunctionalInterface
    interface GroupBody<T> {
        void apply(Iterable<T> group) throws Exception;
    }

    /** Applies {@code body} to each group; a failure of the user's code is this stage's. */
    final <T> void forEachGroup(io.weir.runtime.operators.sort.GroupIterator<T> groups, GroupBody<T> body)
            throws java.io.IOException {
        while (groups.nextGroup()) {
            try {
                body.apply(groups);
            } catch (StageException e) {
                throw e;
            } catch (Exception e) {
                throw failure(e);
            }
        }
    }
}
