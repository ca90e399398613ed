package io.weir.graph;

import io.weir.core.functions.MapFunction;
import io.weir.core.tuple.Tuple2;
import io.weir.core.tuple.Tuple3;
import io.weir.dataset.CsvReader;
import io.weir.dataset.DataSet;
import io.weir.dataset.ExecutionEnvironment;
import java.util.Objects;

/**
 * Reads a graph from CSV files, as Gelly's {@code Graph.fromCsvReader}: an edge file of {@code
 * source,target[,value]} lines and, optionally, a vertex file of {@code id[,value]} lines — or a
 * function giving each vertex named by the edges its value. Configure the delimiters, comments and
 * header lines of each file, then name the types with one of {@link #keyType}, {@link #edgeTypes},
 * {@link #vertexTypes} or {@link #types}. Lines that do not parse fail the job naming file and line.
 */
public final class GraphCsvReader {

    private final String verticesPath;
    private final String edgesPath;
    private final ExecutionEnvironment env;
    private String vertexDelimiter = ",";
    private String edgeDelimiter = ",";
    private String vertexComments;
    private String edgeComments;
    private boolean vertexHeader;
    private boolean edgeHeader;

    GraphCsvReader(String verticesPath, String edgesPath, ExecutionEnvironment env) {
        this.verticesPath = verticesPath;
        this.edgesPath = Objects.requireNonNull(edgesPath, "edgesPath is null");
        this.env = Objects.requireNonNull(env, "env is null");
    }

    public GraphCsvReader fieldDelimiterVertices(String delimiter) {
        this.vertexDelimiter = delimiter;
        return this;
    }

    public GraphCsvReader fieldDelimiterEdges(String delimiter) {
        this.edgeDelimiter = delimiter;
        return this;
    }

    /** Skips vertex-file lines starting with {@code prefix}. */
    public GraphCsvReader ignoreCommentsVertices(String prefix) {
        this.vertexComments = prefix;
        return this;
    }

    /** Skips edge-file lines starting with {@code prefix}. */
    public GraphCsvReader ignoreCommentsEdges(String prefix) {
        this.edgeComments = prefix;
        return this;
    }

    public GraphCsvReader ignoreFirstLineVertices() {
        this.vertexHeader = true;
        return this;
    }

    public GraphCsvReader ignoreFirstLineEdges() {
        this.edgeHeader = true;
        return this;
    }

    private CsvReader reader(String path, String delimiter, String comments, boolean header) {
        CsvReader reader = env.readCsvFile(path).fieldDelimiter(delimiter);
        if (comments != null) {
            reader = reader.ignoreComments(comments);
        }
        return header ? reader.ignoreFirstLine() : reader;
    }

    private <K, EV> DataSet<Tuple3<K, K, EV>> edgeTuples(Class<K> keyType, Class<EV> valueType) {
        return reader(edgesPath, edgeDelimiter, edgeComments, edgeHeader)
                .<Tuple3<K, K, EV>>types(keyType, keyType, valueType)
                .name("read edges " + edgesPath);
    }

    private <K> DataSet<Tuple2<K, K>> edgePairs(Class<K> keyType) {
        return reader(edgesPath, edgeDelimiter, edgeComments, edgeHeader)
                .<Tuple2<K, K>>types(keyType, keyType)
                .name("read edges " + edgesPath);
    }

    private <K, VV> DataSet<Tuple2<K, VV>> vertexTuples(Class<K> keyType, Class<VV> valueType) {
        if (verticesPath == null) {
            throw new IllegalStateException("vertex values need a vertex file: Graph.fromCsvReader(verticesPath,"
                    + " edgesPath, env), or vertexTypes with an initializer");
        }
        return reader(verticesPath, vertexDelimiter, vertexComments, vertexHeader)
                .<Tuple2<K, VV>>types(keyType, valueType)
                .name("read vertices " + verticesPath);
    }

    /** Edges of two columns, vertices without values (from the vertex file's first column, or the edges). */
    public <K> Graph<K, NullValue, NullValue> keyType(Class<K> keyType) {
        Graph<K, NullValue, NullValue> graph = Graph.fromTuple2DataSet(edgePairs(keyType), env);
        return verticesPath == null ? graph : withVertexIds(graph, keyType);
    }

    /** Edges of three columns (the last their value), vertices without values. */
    public <K, EV> Graph<K, NullValue, EV> edgeTypes(Class<K> keyType, Class<EV> edgeValueType) {
        Graph<K, NullValue, EV> graph = Graph.fromTupleDataSet(edgeTuples(keyType, edgeValueType), env);
        return verticesPath == null ? graph : withVertexIds(graph, keyType);
    }

    /** Vertices of two columns from the vertex file, edges of two columns without values. */
    public <K, VV> Graph<K, VV, NullValue> vertexTypes(Class<K> keyType, Class<VV> vertexValueType) {
        DataSet<Tuple3<K, K, NullValue>> edges = edgePairs(keyType)
                .map(pair -> Tuple3.of(pair.f0, pair.f1, NullValue.INSTANCE))
                .returns(io.weir.core.types.Types.TUPLE(
                        io.weir.core.types.Types.of(keyType), io.weir.core.types.Types.of(keyType), Graph.NULL_VALUE));
        return Graph.fromTupleDataSet(vertexTuples(keyType, vertexValueType), edges, env);
    }

    /** Vertices of two columns from the vertex file, edges of three. */
    public <K, VV, EV> Graph<K, VV, EV> types(Class<K> keyType, Class<VV> vertexValueType, Class<EV> edgeValueType) {
        return Graph.fromTupleDataSet(vertexTuples(keyType, vertexValueType), edgeTuples(keyType, edgeValueType), env);
    }

    /** Edges of three columns; each vertex the edges name gets its value from {@code initializer}. */
    public <K, VV, EV> Graph<K, VV, EV> types(
            Class<K> keyType, MapFunction<K, VV> initializer, Class<VV> vertexValueType, Class<EV> edgeValueType) {
        return Graph.fromDataSet(
                Graph.fromTupleDataSet(edgeTuples(keyType, edgeValueType), env).getEdges(),
                initializer,
                io.weir.core.types.Types.of(vertexValueType),
                env);
    }

    /** The graph with the vertex file's ids (its first column) as vertices. */
    private <K, EV> Graph<K, NullValue, EV> withVertexIds(Graph<K, NullValue, EV> graph, Class<K> keyType) {
        DataSet<Vertex<K, NullValue>> vertices = reader(verticesPath, vertexDelimiter, vertexComments, vertexHeader)
                .columns(0)
                .<io.weir.core.tuple.Tuple1<K>>types(keyType)
                .name("read vertices " + verticesPath)
                .map(id -> new Vertex<>(id.f0, NullValue.INSTANCE))
                .returns(Graph.vertexType(io.weir.core.types.Types.of(keyType), Graph.NULL_VALUE))
                .name("vertices");
        return Graph.fromDataSet(vertices, graph.getEdges(), env);
    }
}
