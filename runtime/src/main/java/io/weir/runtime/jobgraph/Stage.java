package io.weir.runtime.jobgraph;

import java.io.Serializable;
import java.util.Objects;

/**
 * One operator of a vertex's chain: what it does and the name messages and metrics use for it.
 *
 * @param name the operator's name as the user gave it (or as the plan generated it)
 * @param operatorId the id of the logical operator the stage comes from, for metrics; -1 if none
 */
public record Stage(String name, int operatorId, DriverSpec driver) implements Serializable {

    public Stage {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(driver, "driver is null");
    }
}
