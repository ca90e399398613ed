package io.weir.benchmarks.workloads;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs SQL statements in an in-memory DuckDB with a fixed number of threads: the reference side of
 * an end-to-end workload, started by {@link EndToEnd} as a child process so that both engines are
 * timed the same way (JVM start included). Needs the {@code duckdb} Maven profile of {@code
 * benchmarks}.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.weir.benchmarks.workloads.DuckDbQuery THREADS SQL...</pre>
 */
public final class DuckDbQuery {

    private DuckDbQuery() {}

    public static void main(String[] args) throws SQLException {
        if (args.length < 2) {
            System.err.println("usage: DuckDbQuery THREADS SQL...");
            System.exit(2);
        }
        long start = System.nanoTime();
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("SET threads = " + Integer.parseInt(args[0]));
            for (int i = 1; i < args.length; i++) {
                statement.execute(args[i]);
            }
        }
        System.err.printf("duckdb: %.2f s in the query%n", (System.nanoTime() - start) / 1e9);
    }

    private static Connection connect() throws SQLException {
        try {
            return DriverManager.getConnection("jdbc:duckdb:");
        } catch (SQLException e) {
            throw new SQLException(
                    "no DuckDB driver: build the benchmarks with the duckdb profile"
                            + " (./mvnw -B -q package -DskipTests -pl benchmarks -am -Pduckdb)",
                    e);
        }
    }
}
