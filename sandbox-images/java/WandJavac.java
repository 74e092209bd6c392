import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compiles every .java file under the current folder into args[0] with args[1] on the class
 * path, and prints the compiler's diagnostics as JSON: [{file, line, column, severity, message}].
 * Exit 1 when compilation fails.
 */
public final class WandJavac {
    public static void main(String[] args) throws IOException {
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
            var options = List.of("-d", args[0], "-cp", args[1], "-encoding", "UTF-8", "-g");
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
        System.out.print("[" + String.join(",", json) + "]");
        System.exit(ok ? 0 : 1);
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
