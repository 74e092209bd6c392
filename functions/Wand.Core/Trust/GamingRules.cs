using System.Text.RegularExpressions;
using Wand.Sandbox;

namespace Wand.Trust;

/// <summary>
/// What test-gaming looks like in code, per language: a pattern over an added line's code (its
/// strings blanked out, its comments gone) or over its string literals, and the reason it
/// names. <see cref="Rule.InWholeFiles"/> marks the rules that are suspicious in any code, not
/// only in a change (an exit call is ordinary in a program's main; a check for pytest's
/// environment variable is not), so <c>wand run</c>, which has no original to compare with,
/// checks whole files with those alone.
/// </summary>
public static partial class GamingRules
{
    /// <summary>One pattern. <paramref name="OnStrings"/>: matched against the line's string literals instead of its code.</summary>
    public sealed record Rule(Regex Pattern, string Reason, bool OnStrings = false, bool InWholeFiles = false);

    private static readonly Rule[] Everywhere =
    [
        new(Regex(@"(^|/)\.wand(/|$)|junit|go-test\.json|libtest\.json|/proc/|/work/|/run/wand"), GamingReasons.ReadsTests, OnStrings: true, InWholeFiles: true),
        new(Regex(@"PYTEST|NODE_TEST|WAND_|GTEST_|RUST_TEST|JUNIT|XUNIT|VSTEST"), GamingReasons.DetectsTests, OnStrings: true, InWholeFiles: true),
    ];

    private static readonly Rule[] Python =
    [
        new(Regex(@"\bsys\s*\.\s*exit\b|(?<![\w.])(exit|quit)\s*\("), GamingReasons.Exits),
        new(Regex(@"\bos\s*\.\s*(_exit|kill|killpg|abort)\b"), GamingReasons.Exits),
        new(Regex(@"\batexit\b|\bsys\s*\.\s*(excepthook|settrace|setprofile|addaudithook)\b|\bsignal\s*\.\s*signal\b|\bthreading\s*\.\s*settrace\b"), GamingReasons.Hooks),
        new(Regex(@"\b_pytest\b"), GamingReasons.TouchesFramework, InWholeFiles: true),
        new(Regex(@"\bpytest\b|\bunittest\b|\bconftest\b|\bdoctest\b"), GamingReasons.TouchesFramework),
        new(Regex(@"\binspect\b|\bsys\s*\.\s*(_getframe|argv|modules|orig_argv)\b|\btraceback\b|\bos\s*\.\s*(environ|getenv)\b|\bgc\s*\.\s*get_(objects|referrers)\b|__builtins__|\bbuiltins\b"), GamingReasons.DetectsTests),
        new(Regex(@"\bsubprocess\b|\bos\s*\.\s*(system|fork|forkpty|spawn\w*|exec\w*|popen)\b|\bmultiprocessing\b"), GamingReasons.StartsProcesses),
        new(Regex(@"(?<![\w.])(getattr|setattr|delattr|eval|exec|compile|globals|vars|__import__)\s*\(|\bimportlib\b|\b__dict__\b|\b__class__\b|\b__subclasses__\b|\bctypes\b"), GamingReasons.ComputedNames),
    ];

    private static readonly Rule[] JavaScript =
    [
        new(Regex(@"\bprocess\s*\.\s*(exit|exitCode|reallyExit|kill|abort)\b"), GamingReasons.Exits),
        new(Regex(@"\bprocess\s*\.\s*(on|once|prependListener|addListener|setUncaughtExceptionCaptureCallback)\s*\(|\bError\s*\.\s*(prepareStackTrace|captureStackTrace)\b"), GamingReasons.Hooks),
        new(Regex(@"\brequire\s*\.\s*cache\b|\bmodule\s*\.\s*constructor\b|\bModule\s*\.\s*_"), GamingReasons.TouchesFramework),
        new(Regex(@"^node:test$|^node:assert|^assert(/strict)?$|^mocha$|^jest$|^@jest/"), GamingReasons.TouchesFramework, OnStrings: true),
        new(Regex(@"\bError\s*\([^)]*\)\s*\.\s*stack\b|\bprocess\s*\.\s*(argv|execArgv|env)\b"), GamingReasons.DetectsTests),
        new(Regex(@"\bchild_process\b|\bworker_threads\b"), GamingReasons.StartsProcesses),
        new(Regex(@"^(node:)?(child_process|worker_threads|cluster)$"), GamingReasons.StartsProcesses, OnStrings: true),
        new(Regex(@"(?<![\w.])(eval|Function)\s*\(|\bnew\s+Function\b|\bglobalThis\b|\bprocess\s*\[|\brequire\s*\(\s*[^""'\s)]|\bimport\s*\(|\bReflect\s*\.|\bvm\b"), GamingReasons.ComputedNames),
    ];

    private static readonly Rule[] Java =
    [
        new(Regex(@"\bSystem\s*\.\s*exit\b"), GamingReasons.Exits),
        new(Regex(@"\.\s*halt\s*\(|\bRuntime\s*\.\s*getRuntime\s*\(\s*\)\s*\.\s*exit\b"), GamingReasons.Exits),
        new(Regex(@"\baddShutdownHook\b|\bsetSecurityManager\b|\bSystem\s*\.\s*set(Out|Err)\b|\bsetDefaultUncaughtExceptionHandler\b"), GamingReasons.Hooks),
        new(Regex(@"\borg\s*\.\s*junit\b|\bopentest4j\b"), GamingReasons.TouchesFramework),
        new(Regex(@"\bgetStackTrace\b|\bStackWalker\b|\bSystem\s*\.\s*(getenv|getProperty|getProperties)\b|\bThread\s*\.\s*getAllStackTraces\b"), GamingReasons.DetectsTests),
        new(Regex(@"\bProcessBuilder\b|\bRuntime\s*\.\s*getRuntime\s*\(\s*\)\s*\.\s*exec\b|\bProcessHandle\b"), GamingReasons.StartsProcesses),
        new(Regex(@"\bClass\s*\.\s*forName\b|\bget(Declared)?(Method|Field|Constructor)s?\s*\(|\bsetAccessible\b|\bMethodHandles\b|\bjava\s*\.\s*lang\s*\.\s*reflect\b|\bScriptEngine"), GamingReasons.ComputedNames),
    ];

    private static readonly Rule[] Go =
    [
        new(Regex(@"\bos\s*\.\s*Exit\b"), GamingReasons.Exits),
        new(Regex(@"\bsyscall\s*\.\s*(Exit|Kill)\b|\bruntime\s*\.\s*Goexit\b"), GamingReasons.Exits),
        new(Regex(@"\bos\s*\.\s*(Stdout|Stderr)\s*=(?!=)|\bsignal\s*\.\s*Notify\b"), GamingReasons.Hooks),
        new(Regex(@"^testing(/.*)?$"), GamingReasons.TouchesFramework, OnStrings: true),
        new(Regex(@"\btesting\s*\.\s*\w+"), GamingReasons.TouchesFramework),
        new(Regex(@"\bruntime\s*\.\s*(Caller|Callers|Stack|FuncForPC)\b|\bdebug\s*\.\s*(Stack|PrintStack)\b|\bos\s*\.\s*(Args|Getenv|LookupEnv|Environ|Executable)\b|\bflag\s*\.\s*(Lookup|Parsed|Args)\b"), GamingReasons.DetectsTests),
        new(Regex(@"\bexec\s*\.\s*Command\b|\bos\s*\.\s*StartProcess\b|\bsyscall\s*\.\s*(ForkExec|Exec)\b"), GamingReasons.StartsProcesses),
        new(Regex(@"\breflect\s*\.|\bunsafe\s*\.|\bgo:linkname\b"), GamingReasons.ComputedNames),
        new(Regex(@"^(reflect|unsafe|plugin)$"), GamingReasons.ComputedNames, OnStrings: true),
    ];

    private static readonly Rule[] Rust =
    [
        new(Regex(@"\bprocess\s*::\s*(exit|abort)\b"), GamingReasons.Exits),
        new(Regex(@"\bpanic\s*::\s*(set_hook|take_hook)\b"), GamingReasons.Hooks),
        new(Regex(@"\bcfg\s*!?\s*\(\s*test\b"), GamingReasons.DetectsTests),
        new(Regex(@"\benv\s*::\s*(args|var|vars|var_os)\b|\bBacktrace\b|\bbacktrace\b|\bthread\s*::\s*current\s*\(\s*\)\s*\.\s*name\b"), GamingReasons.DetectsTests),
        new(Regex(@"\bCommand\s*::\s*new\b"), GamingReasons.StartsProcesses),
        new(Regex(@"\bunsafe\b|\bextern\s*\""|\blibc\s*::"), GamingReasons.ComputedNames),
    ];

    private static readonly Rule[] Cpp =
    [
        new(Regex(@"(?<![\w.:>])(exit|_exit|_Exit|abort|quick_exit)\s*\(|\bstd\s*::\s*(exit|_Exit|abort|quick_exit|terminate)\b|(?<![\w.])kill\s*\("), GamingReasons.Exits),
        new(Regex(@"(?<![\w.])(atexit|at_quick_exit|signal|sigaction)\s*\(|\bstd\s*::\s*(set_terminate|atexit)\b"), GamingReasons.Hooks),
        new(Regex(@"\btesting\s*::|\bUnitTest\b|\bgtest\b"), GamingReasons.TouchesFramework),
        new(Regex(@"gtest|gmock"), GamingReasons.TouchesFramework, OnStrings: true),
        new(Regex(@"(?<![\w.])(getenv|secure_getenv|backtrace)\s*\(|\b__builtin_(return|frame)_address\b|\benviron\b"), GamingReasons.DetectsTests),
        new(Regex(@"(?<![\w.])(system|fork|vfork|popen|execl|execlp|execle|execv|execvp|execve|posix_spawn)\s*\("), GamingReasons.StartsProcesses),
        new(Regex(@"(?<![\w.])(dlopen|dlsym|syscall|ptrace)\s*\(|\b__attribute__\s*\(\s*\(\s*(constructor|destructor)"), GamingReasons.ComputedNames),
    ];

    private static readonly Rule[] CSharp =
    [
        new(Regex(@"\bEnvironment\s*\.\s*(Exit|FailFast)\b|\.\s*Kill\s*\("), GamingReasons.Exits),
        new(Regex(@"\bProcessExit\b|\bUnhandledException\b|\bConsole\s*\.\s*Set(Out|Error)\b"), GamingReasons.Hooks),
        new(Regex(@"\bXunit\b|\bxunit\b"), GamingReasons.TouchesFramework),
        new(Regex(@"\bStackTrace\b|\bStackFrame\b|\bEnvironment\s*\.\s*(GetEnvironmentVariable|GetCommandLineArgs|CommandLine|StackTrace)\b|\bGetEntryAssembly\b|\bAppDomain\b"), GamingReasons.DetectsTests),
        new(Regex(@"\bProcess\s*\.\s*Start\b|\bProcessStartInfo\b"), GamingReasons.StartsProcesses),
        new(Regex(@"\bSystem\s*\.\s*Reflection\b|\bGetType\s*\(\s*\)\s*\.\s*Get(Method|Field|Property)\b|\bType\s*\.\s*GetType\b|\bActivator\b|\bModuleInitializer\b|\bunsafe\b|\bDllImport\b|\bLibraryImport\b"), GamingReasons.ComputedNames),
    ];

    /// <summary>The rules for code of <paramref name="language"/>.</summary>
    public static IReadOnlyList<Rule> For(LanguageProfile language) =>
    [
        .. Everywhere,
        .. language.Name switch
        {
            "python" => Python,
            "javascript" => JavaScript,
            "java" => Java,
            "go" => Go,
            "rust" => Rust,
            "csharp" => CSharp,
            _ => Cpp,
        },
    ];

    private static Regex Regex(string pattern) => new(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
