package io.weir.runtime.jobgraph;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One operator of a vertex's chain: what it does and the name messages and metrics use for it.
 *
 * @param name the operator's name as the user gave it (or as the plan generated it)
 * @param operatorId the id of the logical operator the stage comes from, for metrics; -1 if none
 * @param broadcastSets the names of the broadcast sets the stage's function reads; only a vertex's
 *     head may have them, read from the gates after the driver's inputs, in this order
 */
public record Stage(String name, int operatorId, DriverSpec driver, List<String> broadcastSets)
        implements Serializable {

    public Stage {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(driver, "driver is null");
        broadcastSets = List.copyOf(broadcastSets);
    }

    public Stage(String name, int operatorId, DriverSpec driver) {
        this(name, operatorId, driver, List.of());
    }
}
