package io.weir.core.config;

import io.weir.core.serialization.SerializerConfig;

/** Options for how a job's records are handled: serialization and its Kryo fallback. */
public final class PipelineOptions {

    public static final ConfigOption<Boolean> GENERIC_TYPES = ConfigOption.key("pipeline.generic-types")
            .booleanType()
            .defaultValue(true)
            .withDescription("Whether types that are not records, POJOs, tuples or types Weir knows may be serialized"
                    + " with Kryo. When false, such a type is an error that names the class, so that no record"
                    + " silently takes the slow path.");

    public static final ConfigOption<Boolean> KRYO_REFERENCES = ConfigOption.key("pipeline.kryo.references")
            .booleanType()
            .defaultValue(false)
            .withDescription("Whether Kryo tracks shared and cyclic references in the objects it serializes. Needed"
                    + " for object graphs with cycles; slower.");

    private PipelineOptions() {}

    /** The serializer configuration these options describe. */
    public static SerializerConfig serializerConfig(Configuration configuration) {
        return SerializerConfig.DEFAULT
                .withGenericTypesAllowed(configuration.get(GENERIC_TYPES))
                .withKryoReferences(configuration.get(KRYO_REFERENCES));
    }
}
