package io.weir.graph;

import io.weir.core.functions.CoGroupFunction;
import io.weir.core.functions.Collector;
import io.weir.core.functions.FilterFunction;
import io.weir.core.functions.FlatJoinFunction;
import io.weir.core.functions.FlatMapFunction;
import io.weir.core.functions.MapFunction;
import io.weir.core.tuple.Tuple2;
import io.weir.core.tuple.Tuple3;
import io.weir.core.types.CompositeTypeInfo;
import io.weir.core.types.InvalidTypesException;
import io.weir.core.types.TypeExtractor;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.dataset.DataSet;
import io.weir.dataset.ExecutionEnvironment;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * A graph as two data sets: its vertices ({@link Vertex}: id and value) and its directed edges
 * ({@link Edge}: source, target, value). Every method builds on the DataSet API and returns a new
 * graph or data set; nothing runs until the program is executed (except {@link #numberOfVertices()},
 * {@link #numberOfEdges()} and {@link #validate()}, which run a job, as {@code count()} does).
 *
 * <p>Vertex ids may be any key type — 64-bit integers need not be dense. An edge whose source or
 * target is not a vertex makes the graph invalid ({@link #validate()}, {@link #invalidEdges()}):
 * neighbourhood methods leave out neighbours that are not vertices, and the group-reduce ones fail
 * naming an id that has edges but is not a vertex.
 *
 * @param <K> the vertex id type
 * @param <VV> the vertex value type ({@link NullValue} for none)
 * @param <EV> the edge value type ({@link NullValue} for none)
 */
public final class Graph<K, VV, EV> {

    private final DataSet<Vertex<K, VV>> vertices;
    private final DataSet<Edge<K, EV>> edges;
    private final ExecutionEnvironment env;

    private Graph(DataSet<Vertex<K, VV>> vertices, DataSet<Edge<K, EV>> edges, ExecutionEnvironment env) {
        this.vertices = Objects.requireNonNull(vertices, "vertices is null");
        this.edges = Objects.requireNonNull(edges, "edges is null");
        this.env = Objects.requireNonNull(env, "env is null");
    }

    // ------------------------------------------------------------------------------------------
    // Types
    // ------------------------------------------------------------------------------------------

    /** The type of vertices with the given id and value types. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <K, V> TypeInfo<Vertex<K, V>> vertexType(TypeInfo<K> idType, TypeInfo<V> valueType) {
        return (TypeInfo) CompositeTypeInfo.forRecord(
                Vertex.class,
                List.of(
                        new CompositeTypeInfo.Field("id", idType, true),
                        new CompositeTypeInfo.Field("value", valueType, true)));
    }

    /** The type of edges with the given id and value types. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <K, V> TypeInfo<Edge<K, V>> edgeType(TypeInfo<K> idType, TypeInfo<V> valueType) {
        return (TypeInfo) CompositeTypeInfo.forRecord(
                Edge.class,
                List.of(
                        new CompositeTypeInfo.Field("source", idType, true),
                        new CompositeTypeInfo.Field("target", idType, true),
                        new CompositeTypeInfo.Field("value", valueType, true)));
    }

    static final TypeInfo<NullValue> NULL_VALUE = Types.ENUM(NullValue.class);

    @SuppressWarnings("unchecked")
    private static <T> TypeInfo<T> field(DataSet<?> data, int index, String what) {
        if (!(data.getType() instanceof CompositeTypeInfo<?> composite) || composite.arity() <= index) {
            throw new InvalidTypesException("the " + what + " are " + data.getType()
                    + ", not vertices or edges: build them with Graph.vertexType/edgeType or returns(...)");
        }
        return (TypeInfo<T>) composite.field(index).type();
    }

    /** The type of the vertex ids. */
    public TypeInfo<K> getKeyType() {
        return field(edges, 0, "edges");
    }

    public TypeInfo<VV> getVertexValueType() {
        return field(vertices, 1, "vertices");
    }

    public TypeInfo<EV> getEdgeValueType() {
        return field(edges, 2, "edges");
    }

    private TypeInfo<Vertex<K, VV>> vertexType() {
        return vertices.getType();
    }

    private TypeInfo<Edge<K, EV>> edgeType() {
        return edges.getType();
    }

    // ------------------------------------------------------------------------------------------
    // Creation
    // ------------------------------------------------------------------------------------------

    /** The graph of these vertices and edges. */
    public static <K, VV, EV> Graph<K, VV, EV> fromDataSet(
            DataSet<Vertex<K, VV>> vertices, DataSet<Edge<K, EV>> edges, ExecutionEnvironment env) {
        return new Graph<>(vertices, edges, env);
    }

    /** The graph of these edges; its vertices are the ids they name, each with {@link NullValue}. */
    public static <K, EV> Graph<K, NullValue, EV> fromDataSet(DataSet<Edge<K, EV>> edges, ExecutionEnvironment env) {
        return fromDataSet(edges, id -> NullValue.INSTANCE, NULL_VALUE, env);
    }

    /**
     * The graph of these edges; its vertices are the ids they name, each with the value {@code
     * initializer} gives it (its type extracted from the function).
     */
    public static <K, VV, EV> Graph<K, VV, EV> fromDataSet(
            DataSet<Edge<K, EV>> edges, MapFunction<K, VV> initializer, ExecutionEnvironment env) {
        TypeInfo<K> keyType = field(edges, 0, "edges");
        TypeInfo<VV> valueType =
                TypeExtractor.outputType(initializer, MapFunction.class, List.of(keyType), "vertex value initializer");
        return fromDataSet(edges, initializer, valueType, env);
    }

    /** Like {@link #fromDataSet(DataSet, MapFunction, ExecutionEnvironment)} with the value type given. */
    public static <K, VV, EV> Graph<K, VV, EV> fromDataSet(
            DataSet<Edge<K, EV>> edges,
            MapFunction<K, VV> initializer,
            TypeInfo<VV> valueType,
            ExecutionEnvironment env) {
        TypeInfo<K> keyType = field(edges, 0, "edges");
        DataSet<Vertex<K, VV>> vertices = endpoints(edges, keyType)
                .map(new InitializeVertex<>(initializer))
                .returns(vertexType(keyType, valueType))
                .name("initial vertex values");
        return new Graph<>(vertices, edges, env);
    }

    /** The distinct ids the edges name. */
    private static <K, EV> DataSet<K> endpoints(DataSet<Edge<K, EV>> edges, TypeInfo<K> keyType) {
        return edges.flatMap((FlatMapFunction<Edge<K, EV>, K>) (edge, out) -> {
                    out.collect(edge.source());
                    out.collect(edge.target());
                })
                .returns(keyType)
                .name("edge endpoints")
                .distinct()
                .name("vertex ids");
    }

    static final class InitializeVertex<K, VV> implements MapFunction<K, Vertex<K, VV>> {
        private static final long serialVersionUID = 1L;
        private final MapFunction<K, VV> initializer;

        InitializeVertex(MapFunction<K, VV> initializer) {
            this.initializer = initializer;
        }

        @Override
        public Vertex<K, VV> map(K id) throws Exception {
            return new Vertex<>(id, initializer.map(id));
        }
    }

    /**
     * The graph of these vertices and edges, from collections; the types come from the first vertex and
     * the first edge (use {@link #fromDataSet} with typed data sets when a collection is empty).
     */
    public static <K, VV, EV> Graph<K, VV, EV> fromCollection(
            Collection<Vertex<K, VV>> vertices, Collection<Edge<K, EV>> edges, ExecutionEnvironment env) {
        if (vertices.isEmpty() || edges.isEmpty()) {
            throw new IllegalArgumentException("Graph.fromCollection takes its types from the first vertex and edge;"
                    + " with an empty collection give the types: Graph.fromDataSet(env.fromCollection(vertices,"
                    + " Graph.vertexType(...)), env.fromCollection(edges, Graph.edgeType(...)), env)");
        }
        Vertex<K, VV> vertex = vertices.iterator().next();
        Edge<K, EV> edge = edges.iterator().next();
        TypeInfo<K> keyType = typeOf(vertex.id());
        return new Graph<>(
                env.fromCollection(vertices, vertexType(keyType, typeOf(vertex.value()))),
                env.fromCollection(edges, edgeType(keyType, typeOf(edge.value()))),
                env);
    }

    @SuppressWarnings("unchecked")
    private static <T> TypeInfo<T> typeOf(T value) {
        return (TypeInfo<T>) TypeExtractor.of(value.getClass());
    }

    /** The graph of {@code (id, value)} vertices and {@code (source, target, value)} edges. */
    public static <K, VV, EV> Graph<K, VV, EV> fromTupleDataSet(
            DataSet<Tuple2<K, VV>> vertices, DataSet<Tuple3<K, K, EV>> edges, ExecutionEnvironment env) {
        TypeInfo<K> keyType = field(vertices, 0, "vertex tuples");
        return new Graph<>(
                vertices.map(tuple -> new Vertex<>(tuple.f0, tuple.f1))
                        .returns(vertexType(keyType, field(vertices, 1, "vertex tuples")))
                        .name("vertices"),
                edgesFromTuples(edges),
                env);
    }

    /** The graph of {@code (source, target, value)} edges; vertices as the edges name them, without value. */
    public static <K, EV> Graph<K, NullValue, EV> fromTupleDataSet(
            DataSet<Tuple3<K, K, EV>> edges, ExecutionEnvironment env) {
        return fromDataSet(edgesFromTuples(edges), env);
    }

    /** The graph of {@code (source, target)} edges without values. */
    public static <K> Graph<K, NullValue, NullValue> fromTuple2DataSet(
            DataSet<Tuple2<K, K>> edges, ExecutionEnvironment env) {
        TypeInfo<K> keyType = field(edges, 0, "edge tuples");
        DataSet<Edge<K, NullValue>> typed = edges.map(tuple -> new Edge<>(tuple.f0, tuple.f1, NullValue.INSTANCE))
                .returns(edgeType(keyType, NULL_VALUE))
                .name("edges");
        return fromDataSet(typed, env);
    }

    private static <K, EV> DataSet<Edge<K, EV>> edgesFromTuples(DataSet<Tuple3<K, K, EV>> edges) {
        TypeInfo<K> keyType = field(edges, 0, "edge tuples");
        return edges.map(tuple -> new Edge<>(tuple.f0, tuple.f1, tuple.f2))
                .returns(edgeType(keyType, field(edges, 2, "edge tuples")))
                .name("edges");
    }

    /** Reads the graph from CSV files of edges (and, optionally, vertices); see {@link GraphCsvReader}. */
    public static GraphCsvReader fromCsvReader(String edgesPath, ExecutionEnvironment env) {
        return new GraphCsvReader(null, edgesPath, env);
    }

    /** Reads the graph from a CSV file of vertices and one of edges; see {@link GraphCsvReader}. */
    public static GraphCsvReader fromCsvReader(String verticesPath, String edgesPath, ExecutionEnvironment env) {
        return new GraphCsvReader(Objects.requireNonNull(verticesPath, "verticesPath is null"), edgesPath, env);
    }

    // ------------------------------------------------------------------------------------------
    // Access
    // ------------------------------------------------------------------------------------------

    public DataSet<Vertex<K, VV>> getVertices() {
        return vertices;
    }

    public DataSet<Edge<K, EV>> getEdges() {
        return edges;
    }

    public ExecutionEnvironment getContext() {
        return env;
    }

    public DataSet<K> getVertexIds() {
        return vertices.map(Vertex::id).returns(getKeyType()).name("vertex ids");
    }

    /** The edges as {@code (source, target)}. */
    public DataSet<Tuple2<K, K>> getEdgeIds() {
        TypeInfo<K> keyType = getKeyType();
        return edges.map(edge -> Tuple2.of(edge.source(), edge.target()))
                .returns(Types.TUPLE(keyType, keyType))
                .name("edge ids");
    }

    /** The number of vertices (runs a job). */
    public long numberOfVertices() {
        return vertices.count();
    }

    /** The number of edges (runs a job). */
    public long numberOfEdges() {
        return edges.count();
    }

    /** Runs an algorithm on this graph. */
    public <T> T run(GraphAlgorithm<K, VV, EV, T> algorithm) throws Exception {
        return algorithm.run(this);
    }

    // ------------------------------------------------------------------------------------------
    // Transformations
    // ------------------------------------------------------------------------------------------

    /** The graph with each vertex's value replaced by {@code mapper}'s (its type extracted from the function). */
    public <NV> Graph<K, NV, EV> mapVertices(MapFunction<Vertex<K, VV>, NV> mapper) {
        return mapVertices(
                mapper, TypeExtractor.outputType(mapper, MapFunction.class, List.of(vertexType()), "mapVertices"));
    }

    /** Like {@link #mapVertices(MapFunction)} with the new value type given. */
    public <NV> Graph<K, NV, EV> mapVertices(MapFunction<Vertex<K, VV>, NV> mapper, TypeInfo<NV> valueType) {
        DataSet<Vertex<K, NV>> mapped = vertices.map(new MapVertexValue<>(mapper))
                .returns(vertexType(getKeyType(), valueType))
                .name("map vertices");
        return new Graph<>(mapped, edges, env);
    }

    static final class MapVertexValue<K, VV, NV> implements MapFunction<Vertex<K, VV>, Vertex<K, NV>> {
        private static final long serialVersionUID = 1L;
        private final MapFunction<Vertex<K, VV>, NV> mapper;

        MapVertexValue(MapFunction<Vertex<K, VV>, NV> mapper) {
            this.mapper = mapper;
        }

        @Override
        public Vertex<K, NV> map(Vertex<K, VV> vertex) throws Exception {
            return vertex.withValue(mapper.map(vertex));
        }
    }

    /** The graph with each edge's value replaced by {@code mapper}'s (its type extracted from the function). */
    public <NE> Graph<K, VV, NE> mapEdges(MapFunction<Edge<K, EV>, NE> mapper) {
        return mapEdges(mapper, TypeExtractor.outputType(mapper, MapFunction.class, List.of(edgeType()), "mapEdges"));
    }

    /** Like {@link #mapEdges(MapFunction)} with the new value type given. */
    public <NE> Graph<K, VV, NE> mapEdges(MapFunction<Edge<K, EV>, NE> mapper, TypeInfo<NE> valueType) {
        DataSet<Edge<K, NE>> mapped = edges.map(new MapEdgeValue<>(mapper))
                .returns(edgeType(getKeyType(), valueType))
                .name("map edges");
        return new Graph<>(vertices, mapped, env);
    }

    static final class MapEdgeValue<K, EV, NE> implements MapFunction<Edge<K, EV>, Edge<K, NE>> {
        private static final long serialVersionUID = 1L;
        private final MapFunction<Edge<K, EV>, NE> mapper;

        MapEdgeValue(MapFunction<Edge<K, EV>, NE> mapper) {
            this.mapper = mapper;
        }

        @Override
        public Edge<K, NE> map(Edge<K, EV> edge) throws Exception {
            return edge.withValue(mapper.map(edge));
        }
    }

    /** The subgraph of the vertices {@code filter} keeps and the edges between them. */
    public Graph<K, VV, EV> filterOnVertices(FilterFunction<Vertex<K, VV>> filter) {
        DataSet<Vertex<K, VV>> kept = vertices.filter(filter).name("filter vertices");
        return new Graph<>(kept, edgesBetween(kept, edges), env);
    }

    /** The graph with the edges {@code filter} keeps and all vertices. */
    public Graph<K, VV, EV> filterOnEdges(FilterFunction<Edge<K, EV>> filter) {
        return new Graph<>(vertices, edges.filter(filter).name("filter edges"), env);
    }

    /** The vertices {@code vertexFilter} keeps and the edges between them that {@code edgeFilter} keeps. */
    public Graph<K, VV, EV> subgraph(
            FilterFunction<Vertex<K, VV>> vertexFilter, FilterFunction<Edge<K, EV>> edgeFilter) {
        DataSet<Vertex<K, VV>> kept = vertices.filter(vertexFilter).name("filter vertices");
        return new Graph<>(kept, edgesBetween(kept, edges.filter(edgeFilter).name("filter edges")), env);
    }

    /** The edges whose source and target are both among {@code kept}. */
    private DataSet<Edge<K, EV>> edgesBetween(DataSet<Vertex<K, VV>> kept, DataSet<Edge<K, EV>> candidates) {
        return candidates
                .join(kept)
                .where("source")
                .equalTo("id")
                .with((edge, vertex) -> edge)
                .returns(edgeType())
                .name("edges from kept vertices")
                .join(kept)
                .where("target")
                .equalTo("id")
                .with((edge, vertex) -> edge)
                .returns(edgeType())
                .name("edges between kept vertices");
    }

    /** The graph with every edge reversed. */
    public Graph<K, VV, EV> reverse() {
        return new Graph<>(
                vertices, edges.map(Edge::reverse).returns(edgeType()).name("reverse edges"), env);
    }

    /** The graph with each edge also the other way round (as Gelly: an edge and its reverse are both kept). */
    public Graph<K, VV, EV> getUndirected() {
        DataSet<Edge<K, EV>> both = edges.flatMap((FlatMapFunction<Edge<K, EV>, Edge<K, EV>>) (edge, out) -> {
                    out.collect(edge);
                    out.collect(edge.reverse());
                })
                .returns(edgeType())
                .name("edges both ways");
        return new Graph<>(vertices, both, env);
    }

    /**
     * The union of both graphs: vertices of either (one per id; which value an id shared by both keeps
     * is unspecified) and the edges of both (an edge in both appears twice).
     */
    public Graph<K, VV, EV> union(Graph<K, VV, EV> other) {
        DataSet<Vertex<K, VV>> unionVertices =
                vertices.union(other.vertices).distinct("id").name("union of vertices");
        return new Graph<>(unionVertices, edges.union(other.edges), env);
    }

    /**
     * This graph without the vertices of {@code other} (by id), without the edges that touch them, and
     * without the edges of {@code other} (by source and target).
     */
    public Graph<K, VV, EV> difference(Graph<K, VV, EV> other) {
        DataSet<Vertex<K, VV>> kept = vertices.coGroup(other.vertices)
                .where("id")
                .equalTo("id")
                .with(new KeepUnmatched<Vertex<K, VV>, Vertex<K, VV>>())
                .returns(vertexType())
                .name("vertices not in the other graph");
        DataSet<Edge<K, EV>> keptEdges = edges.coGroup(other.edges)
                .where("source", "target")
                .equalTo("source", "target")
                .with(new KeepUnmatched<Edge<K, EV>, Edge<K, EV>>())
                .returns(edgeType())
                .name("edges not in the other graph");
        return new Graph<>(kept, edgesBetween(kept, keptEdges), env);
    }

    /** The first side's records of keys the second side does not have. */
    static final class KeepUnmatched<L, R> implements CoGroupFunction<L, R, L> {
        private static final long serialVersionUID = 1L;

        @Override
        public void coGroup(Iterable<L> first, Iterable<R> second, Collector<L> out) {
            if (!second.iterator().hasNext()) {
                for (L record : first) {
                    out.collect(record);
                }
            }
        }
    }

    /**
     * Each vertex whose id {@code input} has (in field 0) gets the value {@code function} computes from
     * its value and the input's field 1 (the first such input record); other vertices are unchanged.
     */
    public <T> Graph<K, VV, EV> joinWithVertices(DataSet<Tuple2<K, T>> input, VertexJoinFunction<VV, T> function) {
        DataSet<Vertex<K, VV>> joined = vertices.coGroup(input)
                .where("id")
                .equalTo(0)
                .with((CoGroupFunction<Vertex<K, VV>, Tuple2<K, T>, Vertex<K, VV>>) (vertex, values, out) -> {
                    Iterator<Tuple2<K, T>> value = values.iterator();
                    for (Vertex<K, VV> v : vertex) {
                        out.collect(value.hasNext() ? v.withValue(function.vertexJoin(v.value(), value.next().f1)) : v);
                    }
                })
                .returns(vertexType())
                .name("join with vertices");
        return new Graph<>(joined, edges, env);
    }

    /**
     * Each edge whose (source, target) {@code input} has (in fields 0 and 1) gets the value {@code
     * function} computes from its value and the input's field 2 (the first such input record).
     */
    public <T> Graph<K, VV, EV> joinWithEdges(DataSet<Tuple3<K, K, T>> input, EdgeJoinFunction<EV, T> function) {
        return joinEdges(input, new String[] {"source", "target"}, new int[] {0, 1}, 2, function, "join with edges");
    }

    /** Like {@link #joinWithEdges} matching only the source with the input's field 0 (value in field 1). */
    public <T> Graph<K, VV, EV> joinWithEdgesOnSource(DataSet<Tuple2<K, T>> input, EdgeJoinFunction<EV, T> function) {
        return joinEdges(input, new String[] {"source"}, new int[] {0}, 1, function, "join with edges on source");
    }

    /** Like {@link #joinWithEdges} matching only the target with the input's field 0 (value in field 1). */
    public <T> Graph<K, VV, EV> joinWithEdgesOnTarget(DataSet<Tuple2<K, T>> input, EdgeJoinFunction<EV, T> function) {
        return joinEdges(input, new String[] {"target"}, new int[] {0}, 1, function, "join with edges on target");
    }

    private <I extends io.weir.core.tuple.Tuple, T> Graph<K, VV, EV> joinEdges(
            DataSet<I> input,
            String[] edgeKeys,
            int[] inputKeys,
            int valueField,
            EdgeJoinFunction<EV, T> function,
            String name) {
        DataSet<Edge<K, EV>> joined = edges.coGroup(input)
                .where(edgeKeys)
                .equalTo(inputKeys)
                .with((CoGroupFunction<Edge<K, EV>, I, Edge<K, EV>>) (group, values, out) -> {
                    Iterator<I> value = values.iterator();
                    boolean matched = value.hasNext();
                    T joinedValue = matched ? value.next().getField(valueField) : null;
                    for (Edge<K, EV> edge : group) {
                        out.collect(matched ? edge.withValue(function.edgeJoin(edge.value(), joinedValue)) : edge);
                    }
                })
                .returns(edgeType())
                .name(name);
        return new Graph<>(vertices, joined, env);
    }

    /** The graph with {@code newVertices} added; an id the graph has already keeps its vertex. */
    public Graph<K, VV, EV> addVertices(Collection<Vertex<K, VV>> newVertices) {
        DataSet<Vertex<K, VV>> added = env.fromCollection(newVertices, vertexType());
        DataSet<Vertex<K, VV>> all = vertices.coGroup(added)
                .where("id")
                .equalTo("id")
                .with((CoGroupFunction<Vertex<K, VV>, Vertex<K, VV>, Vertex<K, VV>>) (existing, candidates, out) -> {
                    Iterator<Vertex<K, VV>> present = existing.iterator();
                    Iterator<Vertex<K, VV>> candidate = candidates.iterator();
                    if (present.hasNext()) {
                        while (present.hasNext()) {
                            out.collect(present.next());
                        }
                    } else if (candidate.hasNext()) {
                        out.collect(candidate.next());
                    }
                })
                .returns(vertexType())
                .name("add vertices");
        return new Graph<>(all, edges, env);
    }

    /** The graph without the vertices of these ids and their edges. */
    public Graph<K, VV, EV> removeVertices(Collection<Vertex<K, VV>> removed) {
        DataSet<Vertex<K, VV>> kept = vertices.coGroup(env.fromCollection(removed, vertexType()))
                .where("id")
                .equalTo("id")
                .with(new KeepUnmatched<Vertex<K, VV>, Vertex<K, VV>>())
                .returns(vertexType())
                .name("remove vertices");
        return new Graph<>(kept, edgesBetween(kept, edges), env);
    }

    /**
     * The graph with {@code newEdges} added — those between vertices of the graph; an edge naming a
     * missing vertex is left out, as in Gelly.
     */
    public Graph<K, VV, EV> addEdges(Collection<Edge<K, EV>> newEdges) {
        DataSet<Edge<K, EV>> added = edgesBetween(vertices, env.fromCollection(newEdges, edgeType()));
        return new Graph<>(vertices, edges.union(added), env);
    }

    /** The graph without the edges that have the source and target of one of {@code removed}. */
    public Graph<K, VV, EV> removeEdges(Collection<Edge<K, EV>> removed) {
        DataSet<Edge<K, EV>> kept = edges.coGroup(env.fromCollection(removed, edgeType()))
                .where("source", "target")
                .equalTo("source", "target")
                .with(new KeepUnmatched<Edge<K, EV>, Edge<K, EV>>())
                .returns(edgeType())
                .name("remove edges");
        return new Graph<>(vertices, kept, env);
    }

    /** Each edge with the values of its source and target vertices (edges to missing vertices left out). */
    public DataSet<Triplet<K, VV, EV>> getTriplets() {
        TypeInfo<K> keyType = getKeyType();
        TypeInfo<VV> valueType = getVertexValueType();
        @SuppressWarnings({"unchecked", "rawtypes"})
        TypeInfo<Triplet<K, VV, EV>> tripletType = (TypeInfo) CompositeTypeInfo.forRecord(
                Triplet.class,
                List.of(
                        new CompositeTypeInfo.Field("source", keyType, true),
                        new CompositeTypeInfo.Field("target", keyType, true),
                        new CompositeTypeInfo.Field("sourceValue", valueType, true),
                        new CompositeTypeInfo.Field("targetValue", valueType, true),
                        new CompositeTypeInfo.Field("edgeValue", getEdgeValueType(), true)));
        return edges.join(vertices)
                .where("source")
                .equalTo("id")
                .with((edge, source) ->
                        new Triplet<K, VV, EV>(edge.source(), edge.target(), source.value(), null, edge.value()))
                .returns(tripletType)
                .name("edges with sources")
                .join(vertices)
                .where("target")
                .equalTo("id")
                .with((partial, target) -> new Triplet<>(
                        partial.source(), partial.target(), partial.sourceValue(), target.value(), partial.edgeValue()))
                .returns(tripletType)
                .name("triplets");
    }

    // ------------------------------------------------------------------------------------------
    // Degrees and validation
    // ------------------------------------------------------------------------------------------

    /** Each vertex with the number of edges that end at it (0 included). */
    public DataSet<Tuple2<K, Long>> inDegrees() {
        return degrees(EdgeDirection.IN, "in-degrees");
    }

    /** Each vertex with the number of edges that start at it (0 included). */
    public DataSet<Tuple2<K, Long>> outDegrees() {
        return degrees(EdgeDirection.OUT, "out-degrees");
    }

    /** Each vertex with the number of edges that start or end at it (0 included; a self-loop counts twice). */
    public DataSet<Tuple2<K, Long>> getDegrees() {
        return degrees(EdgeDirection.ALL, "degrees");
    }

    private DataSet<Tuple2<K, Long>> degrees(EdgeDirection direction, String name) {
        TypeInfo<K> keyType = getKeyType();
        return vertices.coGroup(neighbourIds(direction, true))
                .where("id")
                .equalTo("*")
                .with((CoGroupFunction<Vertex<K, VV>, K, Tuple2<K, Long>>) (vertex, ends, out) -> {
                    long count = 0;
                    for (K ignored : ends) {
                        count++;
                    }
                    for (Vertex<K, VV> v : vertex) {
                        out.collect(Tuple2.of(v.id(), count));
                    }
                })
                .returns(Types.TUPLE(keyType, Types.LONG))
                .name(name);
    }

    /** For each edge, the id of the vertex it belongs to in {@code direction}: the source for OUT, ... */
    private DataSet<K> neighbourIds(EdgeDirection direction, boolean own) {
        return edges.flatMap((FlatMapFunction<Edge<K, EV>, K>) (edge, out) -> {
                    if (direction != EdgeDirection.IN) {
                        out.collect(own ? edge.source() : edge.target());
                    }
                    if (direction != EdgeDirection.OUT) {
                        out.collect(own ? edge.target() : edge.source());
                    }
                })
                .returns(getKeyType())
                .name("edge ends");
    }

    /** The edges whose source or target is not a vertex of the graph. */
    public DataSet<Edge<K, EV>> invalidEdges() {
        DataSet<K> ids = getVertexIds();
        TypeInfo<Tuple2<Edge<K, EV>, Boolean>> checked = Types.TUPLE(edgeType(), Types.BOOLEAN);
        return edges.leftOuterJoin(ids)
                .where("source")
                .equalTo("*")
                .with((edge, id) -> Tuple2.of(edge, id != null))
                .returns(checked)
                .name("check sources")
                .leftOuterJoin(ids)
                .where("f0.target")
                .equalTo("*")
                .with((FlatJoinFunction<Tuple2<Edge<K, EV>, Boolean>, K, Edge<K, EV>>) (edge, id, out) -> {
                    if (!edge.f1 || id == null) {
                        out.collect(edge.f0);
                    }
                })
                .returns(edgeType())
                .name("invalid edges");
    }

    /** Whether every edge's source and target are vertices of the graph (runs a job). */
    public boolean validate() {
        return invalidEdges().count() == 0;
    }

    // ------------------------------------------------------------------------------------------
    // Neighbourhoods
    // ------------------------------------------------------------------------------------------

    /**
     * For each vertex with neighbours in {@code direction}, its neighbours' values combined by {@code
     * function}: {@code (id, combined value)}.
     */
    public DataSet<Tuple2<K, VV>> reduceOnNeighbors(ReduceNeighborsFunction<VV> function, EdgeDirection direction) {
        TypeInfo<Tuple2<K, VV>> type = Types.TUPLE(getKeyType(), getVertexValueType());
        DataSet<Tuple2<K, VV>> values = neighbours(direction)
                .map(neighbour -> Tuple2.of(neighbour.f0, neighbour.f2.value()))
                .returns(type)
                .name("neighbour values");
        return values.groupBy(0)
                .reduce((a, b) -> Tuple2.of(a.f0, function.reduceNeighbors(a.f1, b.f1)))
                .name("reduce on neighbours");
    }

    /** For each vertex with edges in {@code direction}, their values combined by {@code function}. */
    public DataSet<Tuple2<K, EV>> reduceOnEdges(ReduceEdgesFunction<EV> function, EdgeDirection direction) {
        return edgesOf(direction)
                .map(edge -> Tuple2.of(edge.f0, edge.f1.value()))
                .returns(Types.TUPLE(getKeyType(), getEdgeValueType()))
                .name("edge values")
                .groupBy(0)
                .reduce((a, b) -> Tuple2.of(a.f0, function.reduceEdges(a.f1, b.f1)))
                .name("reduce on edges");
    }

    /**
     * Calls {@code function} once per vertex with all its neighbours in {@code direction} (each as the
     * edge and the neighbour vertex); its output type is extracted from the function.
     */
    public <O> DataSet<O> groupReduceOnNeighbors(
            NeighborsFunctionWithVertexValue<K, VV, EV, O> function, EdgeDirection direction) {
        return groupReduceOnNeighbors(
                function,
                direction,
                TypeExtractor.outputType(
                        function,
                        NeighborsFunctionWithVertexValue.class,
                        List.of(getKeyType(), getVertexValueType(), getEdgeValueType()),
                        "groupReduceOnNeighbors"));
    }

    /** Like {@link #groupReduceOnNeighbors(NeighborsFunctionWithVertexValue, EdgeDirection)} with the output type. */
    public <O> DataSet<O> groupReduceOnNeighbors(
            NeighborsFunctionWithVertexValue<K, VV, EV, O> function, EdgeDirection direction, TypeInfo<O> type) {
        return vertices.coGroup(neighbours(direction))
                .where("id")
                .equalTo(0)
                .with(new ApplyToNeighbours<>(function))
                .returns(type)
                .name("group reduce on neighbours");
    }

    /** Calls {@code function} once per vertex with all its edges in {@code direction}. */
    public <O> DataSet<O> groupReduceOnEdges(
            EdgesFunctionWithVertexValue<K, VV, EV, O> function, EdgeDirection direction, TypeInfo<O> type) {
        return vertices.coGroup(edgesOf(direction))
                .where("id")
                .equalTo(0)
                .with((CoGroupFunction<Vertex<K, VV>, Tuple2<K, Edge<K, EV>>, O>) (vertex, group, out) -> {
                    Iterator<Tuple2<K, Edge<K, EV>>> all = group.iterator();
                    Vertex<K, VV> v = single(vertex, all);
                    function.iterateEdges(v, once(new Projection<>(all, pair -> pair.f1)), out);
                })
                .returns(type)
                .name("group reduce on edges");
    }

    /** Like {@link #groupReduceOnEdges(EdgesFunctionWithVertexValue, EdgeDirection, TypeInfo)}, type extracted. */
    public <O> DataSet<O> groupReduceOnEdges(
            EdgesFunctionWithVertexValue<K, VV, EV, O> function, EdgeDirection direction) {
        return groupReduceOnEdges(
                function,
                direction,
                TypeExtractor.outputType(
                        function,
                        EdgesFunctionWithVertexValue.class,
                        List.of(getKeyType(), getVertexValueType(), getEdgeValueType()),
                        "groupReduceOnEdges"));
    }

    /** The edges of each vertex in {@code direction}: {@code (vertex id, edge)}. */
    private DataSet<Tuple2<K, Edge<K, EV>>> edgesOf(EdgeDirection direction) {
        return edges.flatMap((FlatMapFunction<Edge<K, EV>, Tuple2<K, Edge<K, EV>>>) (edge, out) -> {
                    if (direction != EdgeDirection.IN) {
                        out.collect(Tuple2.of(edge.source(), edge));
                    }
                    if (direction != EdgeDirection.OUT) {
                        out.collect(Tuple2.of(edge.target(), edge));
                    }
                })
                .returns(Types.TUPLE(getKeyType(), edgeType()))
                .name("edges of vertices");
    }

    /** The neighbours of each vertex in {@code direction}: {@code (vertex id, edge, neighbour)}. */
    private DataSet<Tuple3<K, Edge<K, EV>, Vertex<K, VV>>> neighbours(EdgeDirection direction) {
        TypeInfo<K> keyType = getKeyType();
        return edges.flatMap((FlatMapFunction<Edge<K, EV>, Tuple3<K, K, Edge<K, EV>>>) (edge, out) -> {
                    if (direction != EdgeDirection.IN) {
                        out.collect(Tuple3.of(edge.source(), edge.target(), edge));
                    }
                    if (direction != EdgeDirection.OUT) {
                        out.collect(Tuple3.of(edge.target(), edge.source(), edge));
                    }
                })
                .returns(Types.TUPLE(keyType, keyType, edgeType()))
                .name("edge ends")
                .join(vertices)
                .where(1)
                .equalTo("id")
                .with((end, neighbour) -> Tuple3.of(end.f0, end.f2, neighbour))
                .returns(Types.TUPLE(keyType, edgeType(), vertexType()))
                .name("neighbours");
    }

    /**
     * The one vertex of a coGroup's vertex side, or an error naming the id the other side's records
     * (tuples keyed on field 0) refer to.
     */
    static <K, VV> Vertex<K, VV> single(
            Iterable<Vertex<K, VV>> vertex, Iterator<? extends io.weir.core.tuple.Tuple> refs) {
        Iterator<Vertex<K, VV>> iterator = vertex.iterator();
        if (!iterator.hasNext()) {
            Object id = refs.hasNext() ? refs.next().getField(0) : null;
            throw new IllegalStateException("an edge names vertex " + id + ", which is not a vertex of the graph;"
                    + " add it to the vertices or drop its edges (Graph.validate() and invalidEdges() find them)");
        }
        return iterator.next();
    }

    /** An iterable over {@code iterator}, which may be iterated once. */
    static <T> Iterable<T> once(Iterator<T> iterator) {
        boolean[] taken = {false};
        return () -> {
            if (taken[0]) {
                throw new IllegalStateException("the neighbours or edges of a vertex can be iterated once");
            }
            taken[0] = true;
            return iterator;
        };
    }

    static final class ApplyToNeighbours<K, VV, EV, O>
            implements CoGroupFunction<Vertex<K, VV>, Tuple3<K, Edge<K, EV>, Vertex<K, VV>>, O> {
        private static final long serialVersionUID = 1L;
        private final NeighborsFunctionWithVertexValue<K, VV, EV, O> function;

        ApplyToNeighbours(NeighborsFunctionWithVertexValue<K, VV, EV, O> function) {
            this.function = function;
        }

        @Override
        public void coGroup(
                Iterable<Vertex<K, VV>> vertex,
                Iterable<Tuple3<K, Edge<K, EV>, Vertex<K, VV>>> neighbours,
                Collector<O> out)
                throws Exception {
            Iterator<Tuple3<K, Edge<K, EV>, Vertex<K, VV>>> all = neighbours.iterator();
            Vertex<K, VV> v = single(vertex, all);
            function.iterateNeighbors(v, once(new Projection<>(all, n -> Tuple2.of(n.f1, n.f2))), out);
        }
    }

    /** An iterator's elements mapped one by one. */
    static final class Projection<A, B> implements Iterator<B> {
        private final Iterator<A> source;
        private final java.util.function.Function<A, B> mapping;

        Projection(Iterator<A> source, java.util.function.Function<A, B> mapping) {
            this.source = source;
            this.mapping = mapping;
        }

        @Override
        public boolean hasNext() {
            return source.hasNext();
        }

        @Override
        public B next() {
            return mapping.apply(source.next());
        }
    }
}
