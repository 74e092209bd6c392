import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import org.junit.platform.console.ConsoleLauncher;

/**
 * A Java job's tests in one JVM (wand-test, for a job without a build file): compiles every .java
 * file under the current folder into args[0] with args[1] on the class path, writes the compiler's
 * diagnostics to .wand/diagnostics.json as [{file, line, column, severity, message}], and, when it
 * compiled, runs the JUnit Platform console launcher in this same JVM with the arguments after
 * those two. One JVM start instead of two, and the launcher starts with the classes the compiler
 * already loaded; the image's class-data archive (wand-test.jsa) holds both. Exit 1 when
 * compilation fails (and .wand/compile-failed is made); otherwise the launcher's exit code.
 */
public final class WandTest {
    public static void main(String[] args) throws IOException {
        Path wand = Path.of(".wand");
        Files.createDirectories(wand.resolve("reports"));
        boolean ok;
        try (var diagnostics = new PrintStream(Files.newOutputStream(wand.resolve("diagnostics.json")), true, StandardCharsets.UTF_8)) {
            ok = compile(args[0], args[1], diagnostics);
        }
        if (!ok) {
            Files.write(wand.resolve("compile-failed"), new byte[0]);
            System.exit(1);
        }
        var launcher = Arrays.copyOfRange(args, 2, args.length);
        System.exit(ConsoleLauncher.execute(System.out, System.err, launcher).getExitCode());
    }

    private static boolean compile(String classes, String classPath, PrintStream diagnosticsOut) throws IOException {
        List<String> sources;
        try (Stream<Path> walk = Files.walk(Path.of("."))) {
            sources = walk.filter(p -> p.toString().endsWith(".java"))
                .filter(p -> !p.toString().startsWith("./.wand"))
                .map(p -> Path.of(".").relativize(p).toString())
                .sorted()
                .collect(Collectors.toList());
        }
        var compiler = ToolProvider.getSystemJavaCompiler();
        var collector = new DiagnosticCollector<JavaFileObject>();
        boolean ok;
        try (var files = compiler.getStandardFileManager(collector, null, null)) {
            var units = files.getJavaFileObjectsFromStrings(sources);
            var options = List.of("-d", classes, "-cp", classPath, "-encoding", "UTF-8", "-g");
            ok = sources.isEmpty() || compiler.getTask(null, files, collector, options, null, units).call();
        }
        var json = new ArrayList<String>();
        for (Diagnostic<? extends JavaFileObject> d : collector.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR && d.getKind() != Diagnostic.Kind.WARNING) {
                continue;
            }
            String file = d.getSource() == null ? "" : Path.of(".").toAbsolutePath().normalize()
                .relativize(Path.of(d.getSource().toUri()).normalize()).toString();
            json.add(String.format("{\"file\":%s,\"line\":%d,\"column\":%d,\"severity\":\"%s\",\"message\":%s}",
                quote(file), Math.max(0, d.getLineNumber()), Math.max(0, d.getColumnNumber()),
                d.getKind() == Diagnostic.Kind.ERROR ? "error" : "warning", quote(d.getMessage(null))));
        }
        diagnosticsOut.print("[" + String.join(",", json) + "]");
        return ok;
    }

    private static String quote(String s) {
        var out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }
}
