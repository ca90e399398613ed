package io.weir.graph;

import io.weir.core.functions.FlatMapFunction;
import io.weir.core.tuple.Tuple2;
import io.weir.core.types.InvalidTypesException;
import io.weir.core.types.TypeExtractor;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.dataset.DataSet;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;

/** What the three iteration models share: the message type of a function, and a vertex's edges by direction. */
public final class ModelSupport {

    private ModelSupport() {}

    /**
     * The type argument {@code index} with which {@code function}'s class extends {@code base} (e.g. the
     * message type of a {@code ComputeFunction}), or the error saying how to give it.
     */
    public static <M> TypeInfo<M> typeArgument(Object function, Class<?> base, int index, String what) {
        for (Class<?> c = function.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            if (c.getGenericSuperclass() instanceof ParameterizedType type && type.getRawType() == base) {
                Type argument = type.getActualTypeArguments()[index];
                if (!(argument instanceof TypeVariable<?>)) {
                    @SuppressWarnings("unchecked")
                    TypeInfo<M> info = (TypeInfo<M>) TypeExtractor.of(argument);
                    return info;
                }
            }
        }
        throw new InvalidTypesException("cannot determine the " + what + " type of "
                + function.getClass().getName()
                + ": extend " + base.getSimpleName() + " with concrete type arguments, or give the type to the"
                + " iteration's run method");
    }

    /**
     * Each edge with the vertex that owns it in {@code direction}: {@code (source, edge)} for OUT,
     * {@code (target, edge)} for IN, both for ALL. The owner's neighbour is {@link #otherEnd}.
     */
    public static <K, VV, EV> DataSet<Tuple2<K, Edge<K, EV>>> edgesByOwner(
            Graph<K, VV, EV> graph, EdgeDirection direction) {
        return graph.getEdges()
                .flatMap((FlatMapFunction<Edge<K, EV>, Tuple2<K, Edge<K, EV>>>) (edge, out) -> {
                    if (direction != EdgeDirection.IN) {
                        out.collect(Tuple2.of(edge.source(), edge));
                    }
                    if (direction != EdgeDirection.OUT) {
                        out.collect(Tuple2.of(edge.target(), edge));
                    }
                })
                .returns(Types.TUPLE(graph.getKeyType(), graph.getEdges().getType()))
                .name("edges by " + direction.name().toLowerCase(java.util.Locale.ROOT) + " direction");
    }

    /** The end of {@code edge} that is not {@code owner} (the owner itself for a self-loop). */
    public static <K> K otherEnd(K owner, Edge<K, ?> edge) {
        return owner.equals(edge.source()) ? edge.target() : edge.source();
    }
}
