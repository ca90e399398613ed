package io.weir.runtime.task;

import io.weir.core.functions.OpenContext;
import io.weir.core.functions.RichFunction;
import io.weir.core.functions.RuntimeContext;

/**
 * The life cycle of a user function in a task: a rich function gets its context and is opened
 * before the first record, and closed once — after the last record, or after a failure.
 */
final class UserFunction {

    private final Object function;
    private boolean open;

    UserFunction(Object function) {
        this.function = function;
    }

    void open(RuntimeContext context) throws Exception {
        if (function instanceof RichFunction rich) {
            rich.setRuntimeContext(context);
            rich.open(OpenContext.EMPTY);
            open = true;
        }
    }

    /** Closes the function if it is open. */
    void close() throws Exception {
        if (open) {
            open = false;
            ((RichFunction) function).close();
        }
    }

    /** Closes the function after a failure, which is the one to report rather than this close's. */
    void closeQuietly() {
        try {
            close();
        } catch (Exception e) {
            // the failure that led here is the one to report
        }
    }
}
