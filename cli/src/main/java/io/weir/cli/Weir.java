package io.weir.cli;

import io.weir.core.config.Configuration;
import io.weir.core.config.MemoryOptions;
import io.weir.core.config.MemorySize;
import io.weir.core.serialization.CodeGenerationLoader;
import io.weir.dataset.ExecutionEnvironment;
import io.weir.dataset.JobExecutionResult;
import io.weir.examples.etl.TpchEtl;
import io.weir.examples.graph.GraphalyticsJob;
import io.weir.examples.tpch.LineItemSort;
import io.weir.examples.tpch.TpchData;
import io.weir.examples.tpch.TpchQ1;
import io.weir.examples.tpch.TpchQ3;
import io.weir.examples.tpch.TpchSource;
import io.weir.examples.wordcount.TextGenerator;
import io.weir.examples.wordcount.WordCount;
import io.weir.runtime.cluster.JobExecutionException;
import io.weir.runtime.cluster.RuntimeOptions;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.jar.JarFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code weir} command. */
@Command(
        name = "weir",
        mixinStandardHelpOptions = true,
        version = "weir 0.1.0-SNAPSHOT",
        description = "Runs Weir jobs on the embedded engine.")
public final class Weir implements Runnable {

    /** The commands under {@code weir}. */
    private static final List<Class<?>> COMMANDS = List.of(Run.class, Example.class, Explain.class);

    /** The commands under {@code weir example}. */
    private static final List<Class<?>> EXAMPLES = List.of(
            WordCountExample.class,
            TpchQ1Example.class,
            TpchQ3Example.class,
            SortExample.class,
            EtlExample.class,
            PageRankCommand.class,
            CdlpCommand.class,
            WccCommand.class,
            BfsCommand.class,
            SsspCommand.class,
            LccCommand.class,
            GellyPageRankCommand.class,
            LabelPropagationCommand.class,
            ConnectedComponentsCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command and returns its exit code. */
    public static int execute(String... args) {
        CommandLine commandLine = commandLine(args);
        commandLine.setExecutionExceptionHandler((failure, line, parsed) -> {
            Throwable cause = failure;
            while (cause instanceof InvocationTargetException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof io.weir.dataset.ProgramExplainedException) {
                return 0; // the plan is printed; nothing was to run
            }
            if (cause instanceof JobExecutionException
                    || cause instanceof IllegalArgumentException
                    || cause instanceof io.weir.core.plan.InvalidPlanException) {
                System.err.println("weir: " + cause.getMessage());
                return 1;
            }
            throw failure;
        });
        return commandLine.execute(args);
    }

    /**
     * The command line for {@code args}, with only the command they name when they name one: picocli
     * builds a model of every registered command from its annotations, which took over half a second
     * for all of them — a cost every process paid. Help and errors still see every command.
     */
    static CommandLine commandLine(String... args) {
        CommandLine weir = new CommandLine(new Weir());
        Class<?> command = named(COMMANDS, args.length > 0 ? args[0] : null);
        for (Class<?> each : command == null ? COMMANDS : List.of(command)) {
            if (each != Example.class) {
                weir.addSubcommand(each);
                continue;
            }
            CommandLine examples = new CommandLine(new Example());
            Class<?> example = command == Example.class ? named(EXAMPLES, args.length > 1 ? args[1] : null) : null;
            for (Class<?> one : example == null ? EXAMPLES : List.of(example)) {
                examples.addSubcommand(one);
            }
            weir.addSubcommand(examples);
        }
        return weir;
    }

    /** The command of {@code commands} called {@code name}, or {@code null}. */
    private static Class<?> named(List<Class<?>> commands, String name) {
        for (Class<?> command : commands) {
            if (command.getAnnotation(Command.class).name().equals(name)) {
                return command;
            }
        }
        return null;
    }

    /** The options every job takes. */
    static final class EngineOptions {
        @Option(
                names = "--parallelism",
                description = "Parallel instances of each operator (default: the number of processors).")
        Integer parallelism;

        @Option(
                names = "--memory",
                description = "The job's total managed memory for sorting, hashing and exchanges, e.g. 16m, 2g"
                        + " (default: 70%% of the JVM's direct memory).")
        String memory;

        @Option(names = "--quiet", description = "No progress lines on stderr.")
        boolean quiet;

        Configuration configuration() {
            Configuration configuration = new Configuration();
            if (parallelism != null) {
                if (parallelism < 1) {
                    throw new IllegalArgumentException("--parallelism must be at least 1, not " + parallelism);
                }
                configuration.set(RuntimeOptions.DEFAULT_PARALLELISM, parallelism);
            }
            if (memory != null) {
                MemorySize size;
                try {
                    size = MemorySize.parse(memory);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(
                            "--memory " + memory + " is not a size: give it like 16m, 512m or 2g", e);
                }
                configuration.set(MemoryOptions.MANAGED_MEMORY_SIZE, size);
            }
            return configuration;
        }

        ExecutionEnvironment environment() {
            Configuration configuration = configuration();
            ExecutionEnvironment.setContext(configuration, quiet ? null : new ProgressPrinter(System.err));
            return ExecutionEnvironment.getExecutionEnvironment();
        }
    }

    @Command(name = "run", description = "Runs the main method of a job jar on the embedded engine.")
    static final class Run implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Parameters(index = "0", description = "The jar.")
        File jar;

        @Parameters(
                index = "1..*",
                arity = "0..*",
                description = "The main class (if the jar's manifest names none), then the program's arguments.")
        List<String> rest = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            if (!jar.isFile()) {
                throw new IllegalArgumentException("no jar at " + jar);
            }
            engine.environment();
            List<String> arguments = new ArrayList<>(rest);
            String mainClass;
            try (JarFile file = new JarFile(jar)) {
                mainClass = file.getManifest() == null
                        ? null
                        : file.getManifest().getMainAttributes().getValue("Main-Class");
            }
            if (mainClass == null) {
                if (arguments.isEmpty()) {
                    throw new IllegalArgumentException(
                            jar + " names no Main-Class in its manifest: give the main class after the jar");
                }
                mainClass = arguments.remove(0);
            }
            URLClassLoader loader = new JobJarLoader(jar.toURI().toURL());
            Thread.currentThread().setContextClassLoader(loader);
            Method main = Class.forName(mainClass, true, loader).getMethod("main", String[].class);
            main.invoke(null, (Object) arguments.toArray(new String[0]));
            return 0;
        }
    }

    @Command(
            name = "explain",
            description = "Prints the plan the optimizer chooses for the first job of a program, without running it:"
                    + " explain [--format text|json|dot] JOB.jar [MAIN-CLASS] [ARGS...], or"
                    + " explain [--format ...] example NAME [OPTIONS] for an example.")
    static final class Explain implements Callable<Integer> {
        @Option(
                names = "--format",
                description = "text (the physical plan, then the job graph), json or dot (Graphviz).",
                defaultValue = "text")
        String format;

        @CommandLine.Unmatched
        List<String> command = new ArrayList<>();

        @Override
        public Integer call() {
            ExecutionEnvironment.ExplainFormat explainFormat;
            try {
                explainFormat = ExecutionEnvironment.ExplainFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--format " + format + ": give text, json or dot");
            }
            if (command.isEmpty()) {
                throw new IllegalArgumentException("explain what? Give a job jar or 'example NAME'");
            }
            List<String> args = new ArrayList<>(command);
            if (!args.get(0).equals("example")) {
                args.add(0, "run");
            }
            ExecutionEnvironment.setExplainContext(explainFormat, System.out);
            try {
                return execute(args.toArray(new String[0]));
            } finally {
                ExecutionEnvironment.setExplainContext(null, null);
            }
        }
    }

    @Command(name = "example", description = "Runs an example program; generates its input when none is given.")
    static final class Example implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(System.err);
        }
    }

    /** Options of every example. */
    static final class ExampleOptions {
        @Option(names = "--input", description = "The input (generated when not given).")
        String input;

        @Option(names = "--output", description = "The output directory (a new temporary one when not given).")
        String output;

        @Option(names = "--overwrite", description = "Replace the output directory if it exists.")
        boolean overwrite;

        String output(String example) throws java.io.IOException {
            return output != null
                    ? output
                    : Files.createTempDirectory("weir-" + example + "-")
                            .resolve("output")
                            .toString();
        }
    }

    @Command(name = "wordcount", description = "Counts words (runs of non-space characters); writes word,count lines.")
    static final class WordCountExample implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Mixin
        ExampleOptions options;

        @Option(
                names = "--size",
                description = "Bytes of text to generate when no --input is given (default: ${DEFAULT-VALUE}).",
                defaultValue = "64m")
        String size;

        @Override
        public Integer call() throws Exception {
            ExecutionEnvironment env = engine.environment();
            String input = options.input;
            if (input == null) {
                long bytes = MemorySize.parse(size).bytes();
                Path file = Files.createTempDirectory("weir-wordcount-input-").resolve("text.txt");
                System.err.println("generating " + MemorySize.parse(size) + " of text into " + file);
                TextGenerator.generate(file, bytes, 42);
                input = file.toString();
            }
            String output = options.output("wordcount");
            JobExecutionResult result = WordCount.run(env, input, output, options.overwrite);
            System.err.print(result);
            System.out.println(output);
            return 0;
        }
    }

    /** Options of the TPC-H examples: a directory of .tbl files, or the scale factor to generate one at. */
    static final class TpchOptions {
        @Option(
                names = "--scale-factor",
                description = "The TPC-H scale factor of the tables to generate when no --input is given"
                        + " (default: ${DEFAULT-VALUE}; 1 is about 1 GiB).",
                defaultValue = "0.1")
        double scaleFactor;

        @Option(
                names = "--parquet",
                description = "--input holds Parquet tables (as 'example etl' writes them under OUTPUT/_tables), not"
                        + " .tbl files (tpch-q1, tpch-q3).")
        boolean parquet;

        @Option(
                names = "--no-pushdown",
                description = "With --parquet: filter with opaque functions, so nothing is pushed into the reader.")
        boolean noPushdown;

        TpchSource source(ExampleOptions options) throws java.io.IOException {
            if (parquet && options.input == null) {
                throw new IllegalArgumentException("--parquet needs --input: a directory of Parquet tables");
            }
            return parquet ? TpchSource.parquet(options.input, !noPushdown) : TpchSource.tbl(tables(options));
        }

        String tables(ExampleOptions options) throws java.io.IOException {
            if (options.input != null) {
                return options.input;
            }
            Path directory = Files.createTempDirectory("weir-tpch-sf" + scaleFactor + "-");
            System.err.println("generating TPC-H tables at scale factor " + scaleFactor + " into " + directory);
            TpchData.generate(directory, scaleFactor, TpchData.EXAMPLE_TABLES);
            return directory.toString();
        }
    }

    /** The examples over a TPC-H directory: they differ in the program they run. */
    abstract static class TpchExample implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Mixin
        ExampleOptions options;

        @Mixin
        TpchOptions tpch;

        abstract String name();

        /** The .tbl directory of an example that reads .tbl files only. */
        String tblOnly(TpchSource source) {
            if (source.parquet()) {
                throw new IllegalArgumentException(name() + " reads .tbl files; --parquet is for tpch-q1 and tpch-q3");
            }
            return source.directory();
        }

        abstract JobExecutionResult run(ExecutionEnvironment env, TpchSource source, String output, boolean overwrite);

        @Override
        public Integer call() throws Exception {
            ExecutionEnvironment env = engine.environment();
            TpchSource source = tpch.source(options);
            String output = options.output(name());
            JobExecutionResult result = run(env, source, output, options.overwrite);
            System.err.print(result);
            System.out.println(output);
            return 0;
        }
    }

    @Command(
            name = "tpch-q1",
            description = "TPC-H Q1 (pricing summary, DELTA 90 days) over a directory of .tbl files; writes CSV.")
    static final class TpchQ1Example extends TpchExample {
        @Override
        String name() {
            return "tpch-q1";
        }

        @Override
        JobExecutionResult run(ExecutionEnvironment env, TpchSource source, String output, boolean overwrite) {
            return TpchQ1.run(env, source, output, overwrite);
        }
    }

    @Command(
            name = "tpch-q3",
            description = "TPC-H Q3 (shipping priority, BUILDING, 1995-03-15, top 10) over a directory of .tbl"
                    + " files; writes CSV.")
    static final class TpchQ3Example extends TpchExample {
        @Override
        String name() {
            return "tpch-q3";
        }

        @Override
        JobExecutionResult run(ExecutionEnvironment env, TpchSource source, String output, boolean overwrite) {
            return TpchQ3.run(env, source, output, overwrite);
        }
    }

    @Command(
            name = "sort",
            description = "Sorts the lineitem table of a TPC-H directory by (l_shipdate, l_orderkey) into part files"
                    + " that are in order when taken in name order; each line is an input line.")
    static final class SortExample extends TpchExample {
        @Override
        String name() {
            return "sort";
        }

        @Override
        JobExecutionResult run(ExecutionEnvironment env, TpchSource source, String output, boolean overwrite) {
            return LineItemSort.run(env, tblOnly(source), output, overwrite);
        }
    }

    @Command(
            name = "etl",
            description = "Converts the customer, orders and lineitem .tbl files to Parquet (under OUTPUT/_tables),"
                    + " then cleans, joins and aggregates that Parquet — filters and fields pushed into the"
                    + " reader — into Parquet: revenue by market segment and year (OUTPUT/revenue_by_segment_year)."
                    + " Paths may be hdfs:// URIs.")
    static final class EtlExample extends TpchExample {
        @Override
        String name() {
            return "etl";
        }

        @Override
        JobExecutionResult run(ExecutionEnvironment env, TpchSource source, String output, boolean overwrite) {
            java.net.URI base = io.weir.core.fs.FileSystem.toUri(output);
            return TpchEtl.run(
                    env,
                    tblOnly(source),
                    io.weir.core.fs.FileSystem.child(base, "_tables").toString(),
                    io.weir.core.fs.FileSystem.child(base, "revenue_by_segment_year")
                            .toString(),
                    overwrite);
        }
    }

    /**
     * The LDBC Graphalytics algorithms: the same options each, the algorithm named by the subcommand.
     */
    abstract static class GraphalyticsCommand implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Option(
                names = {"--edges", "--input"},
                description = "The edge file: 'src dst' or 'src dst weight' lines, whitespace-separated"
                        + " (without it, an R-MAT graph is generated).")
        String edges;

        @Option(
                names = "--vertices",
                description = "The vertex file, one id per line: the output has exactly these vertices"
                        + " (without it, the vertices the edges name).")
        String vertices;

        @Option(names = "--directed", description = "The edges are directed (undirected without it).")
        boolean directed;

        @Option(
                names = "--iterations",
                description = "Iterations of pagerank and cdlp (default: ${DEFAULT-VALUE}).",
                defaultValue = "10")
        int iterations;

        @Option(
                names = "--damping",
                description = "PageRank's damping factor (default: ${DEFAULT-VALUE}).",
                defaultValue = "0.85")
        double damping;

        @Option(names = "--source", description = "The source vertex of bfs and sssp (0 on a generated graph).")
        Long source;

        @Option(
                names = "--threshold",
                description = "gelly-pagerank stops once the ranks change by less than this in total"
                        + " (default: ${DEFAULT-VALUE}: run all --iterations).",
                defaultValue = "0")
        double threshold;

        @Option(names = "--output", description = "The output directory (a new temporary one when not given).")
        String output;

        @Option(names = "--overwrite", description = "Replace the output directory if it exists.")
        boolean overwrite;

        @Option(
                names = "--scale",
                description = "The R-MAT graph to generate without --edges has 2^scale vertex ids"
                        + " (default: ${DEFAULT-VALUE}).",
                defaultValue = "16")
        int scale;

        @Option(
                names = "--edge-factor",
                description = "... and draws edge-factor × 2^scale edges, of which self-loops and repeats are"
                        + " dropped (default: ${DEFAULT-VALUE}).",
                defaultValue = "16")
        int edgeFactor;

        @Option(names = "--seed", description = "The generator's seed (default: ${DEFAULT-VALUE}).", defaultValue = "0")
        long seed;

        abstract GraphalyticsJob.Algorithm algorithm();

        @Override
        public Integer call() throws Exception {
            ExecutionEnvironment env = engine.environment();
            GraphalyticsJob.Algorithm algorithm = algorithm();
            if (edges == null) {
                System.err.println("generating an R-MAT graph of scale " + scale + " (edge factor " + edgeFactor + ", "
                        + (directed ? "directed" : "undirected") + ") in the job");
            }
            String directory = output != null
                    ? output
                    : Files.createTempDirectory("weir-" + algorithm.command() + "-")
                            .resolve("output")
                            .toString();
            GraphalyticsJob.Parameters parameters = new GraphalyticsJob.Parameters(
                    edges, vertices, directed, iterations, damping, source, threshold, scale, edgeFactor, seed);
            JobExecutionResult result = GraphalyticsJob.run(env, algorithm, parameters, directory, overwrite);
            System.err.print(result);
            System.out.println(directory);
            return 0;
        }
    }

    @Command(
            name = "pagerank",
            description = "LDBC Graphalytics PageRank: exactly --iterations steps with --damping; writes 'id rank'"
                    + " lines.")
    static final class PageRankCommand extends GraphalyticsCommand {
        @Override
        GraphalyticsJob.Algorithm algorithm() {
            return GraphalyticsJob.Algorithm.PAGERANK;
        }
    }

    @Command(
            name = "cdlp",
            description = "LDBC Graphalytics community detection by label propagation: exactly --iterations"
                    + " steps; writes 'id label' lines.")
    static final class CdlpCommand extends GraphalyticsCommand {
        @Override
        GraphalyticsJob.Algorithm algorithm() {
            return GraphalyticsJob.Algorithm.CDLP;
        }
    }

    @Command(
            name = "wcc",
            description = "LDBC Graphalytics weakly connected components: writes 'id component' lines, a"
                    + " component named by its smallest vertex id.")
    static final class WccCommand extends GraphalyticsCommand {
        @Override
        GraphalyticsJob.Algorithm algorithm() {
            return GraphalyticsJob.Algorithm.WCC;
        }
    }

    @Command(
            name = "bfs",
            description = "LDBC Graphalytics breadth-first search from --source: writes 'id depth' lines,"
                    + " 9223372036854775807 where unreachable.")
    static final class BfsCommand extends GraphalyticsCommand {
        @Override
        GraphalyticsJob.Algorithm algorithm() {
            return GraphalyticsJob.Algorithm.BFS;
        }
    }

    @Command(
            name = "sssp",
            description = "LDBC Graphalytics single-source shortest paths from --source over the weights (the"
                    + " third column): writes 'id distance' lines, infinity where unreachable.")
    static final class SsspCommand extends GraphalyticsCommand {
        @Override
        GraphalyticsJob.Algorithm algorithm() {
            return GraphalyticsJob.Algorithm.SSSP;
        }
    }

    @Command(
            name = "lcc",
            description = "LDBC Graphalytics local clustering coefficient: writes 'id coefficient' lines.")
    static final class LccCommand extends GraphalyticsCommand {
        @Override
        GraphalyticsJob.Algorithm algorithm() {
            return GraphalyticsJob.Algorithm.LCC;
        }
    }

    @Command(
            name = "gelly-pagerank",
            description = "The library's PageRank: at most --iterations steps with --damping, stopping once the"
                    + " ranks change by less than --threshold in total; writes 'id rank' lines.")
    static final class GellyPageRankCommand extends GraphalyticsCommand {
        @Override
        GraphalyticsJob.Algorithm algorithm() {
            return GraphalyticsJob.Algorithm.GELLY_PAGERANK;
        }
    }

    @Command(
            name = "label-propagation",
            description = "Gelly's label propagation (labels start as the ids; the most frequent label received"
                    + " wins, ties to the greatest), at most --iterations steps; writes 'id label' lines.")
    static final class LabelPropagationCommand extends GraphalyticsCommand {
        @Override
        GraphalyticsJob.Algorithm algorithm() {
            return GraphalyticsJob.Algorithm.LABEL_PROPAGATION;
        }
    }

    @Command(
            name = "connected-components",
            description = "The library's connected components (a delta iteration): writes 'id component' lines,"
                    + " a component named by its smallest vertex id.")
    static final class ConnectedComponentsCommand extends GraphalyticsCommand {
        @Override
        GraphalyticsJob.Algorithm algorithm() {
            return GraphalyticsJob.Algorithm.CONNECTED_COMPONENTS;
        }
    }

    /**
     * The class loader of a job's jar. It lets Weir define classes in it ({@link CodeGenerationLoader}),
     * so that the job's records and POJOs get generated serializers as classes on the class path do.
     */
    static final class JobJarLoader extends URLClassLoader implements CodeGenerationLoader {
        static {
            registerAsParallelCapable();
        }

        JobJarLoader(URL jar) {
            super(new URL[] {jar}, Weir.class.getClassLoader());
        }

        @Override
        public Class<?> defineGeneratedClass(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
