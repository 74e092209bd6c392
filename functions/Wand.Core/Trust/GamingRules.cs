using System.Text.RegularExpressions;
using Wand.Jobs;

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
        new(Regex(@"PYTEST|NODE_TEST|WAND_|GTEST_|RUST_TEST|JUNIT|XUNIT|VSTEST|^sun\.java\.command$|^java\.class\.path$|surefire"), GamingReasons.DetectsTests, OnStrings: true, InWholeFiles: true),
    ];

    // The code view (CodeLines) has no spaces but one between two words, so "(?<![\w.])name\("
    // is a call of a plain name, never a method of an object (re.compile, session.exit).
    private static readonly Rule[] Python =
    [
        new(Regex(@"\bsys\.exit\b|(?<![\w.])(exit|quit)\(|\bSystemExit\b|\bos\.(_exit|kill|killpg)\b|\bfrom (os|sys) import\b.*\b(_exit|exit|kill|killpg)\b"), GamingReasons.Exits),
        new(Regex(@"\batexit\b|\bsys\.(excepthook|settrace|setprofile|addaudithook)\b|\bsignal\.signal\b|\bthreading\.settrace\b|\bweakref\.finalize\b|\bfrom (weakref|signal|atexit) import\b"), GamingReasons.Hooks),
        new(Regex(@"\b_pytest\b"), GamingReasons.TouchesFramework, InWholeFiles: true),
        new(Regex(@"\bpytest\b|\bunittest\b|\bconftest\b|\bdoctest\b"), GamingReasons.TouchesFramework),
        new(Regex(@"\binspect\b|\bsys\.(_getframe|argv|modules|orig_argv)\b|\bfrom sys import\b|\btraceback\b|\b(tb_frame|f_back|f_code|f_locals|f_globals|co_name|__traceback__)\b|\bos\.(environ|getenv)\b|\bfrom os import\b.*\b(environ|getenv)\b|\bgc\.get_(objects|referrers)\b|__builtins__|\bbuiltins\b|\bimport (os|sys) as\b"), GamingReasons.DetectsTests),
        new(Regex(@"\bsubprocess\b|\bos\.(system|fork|forkpty|spawn\w*|exec\w*|popen|posix_spawn\w*)\b|\bmultiprocessing\b|\bpty\b|\bcreate_subprocess_\w+|\bProcessPoolExecutor\b"), GamingReasons.StartsProcesses),
        new(Regex(@"(?<![\w.])(getattr|setattr|delattr)\((?![\w.]+,""""[,)])|(?<![\w.])(eval|exec|compile|globals|vars|__import__)\(|\bimportlib\b(?!\.(metadata|resources)\b)|\b__dict__\b|\b__class__\b|\b__subclasses__\b|\bctypes\b"), GamingReasons.ComputedNames),
    ];

    private static readonly Rule[] JavaScript =
    [
        new(Regex(@"\bprocess\.(exit|exitCode|reallyExit|kill|abort)\b|\bexit\}=process\b"), GamingReasons.Exits),
        new(Regex(@"\bprocess\.(on|once|prependListener|addListener|setUncaughtExceptionCaptureCallback)\(|\bError\.(prepareStackTrace|captureStackTrace)\b"), GamingReasons.Hooks),
        new(Regex(@"\brequire\.cache\b|\bmodule\.constructor\b|\bModule\._"), GamingReasons.TouchesFramework),
        new(Regex(@"^node:test$|^node:assert|^assert(/strict)?$|^mocha$|^jest$|^@jest/"), GamingReasons.TouchesFramework, OnStrings: true),
        new(Regex(@"\bError\([^)]*\)\.stack\b|\bprocess\.(argv|execArgv|env)\b|\}=process\b"), GamingReasons.DetectsTests),
        new(Regex(@"\bchild_process\b|\bworker_threads\b"), GamingReasons.StartsProcesses),
        new(Regex(@"^(node:)?(child_process|worker_threads|cluster)$"), GamingReasons.StartsProcesses, OnStrings: true),
        new(Regex(@"(?<![\w.])(eval|Function)\(|\bnew Function\b|\bglobalThis\b|\bprocess\[|\brequire\((?!""""\))|\bimport\(|\bReflect\."), GamingReasons.ComputedNames),
        new(Regex(@"^(node:)?vm$"), GamingReasons.ComputedNames, OnStrings: true),
    ];

    private static readonly Rule[] Java =
    [
        new(Regex(@"\bSystem\.exit\b|\bRuntime\.getRuntime\(\)\.(exit|halt)\b|\bRuntime \w+=|\bhalt\(0\)"), GamingReasons.Exits),
        new(Regex(@"\baddShutdownHook\b|\bsetSecurityManager\b|\bSystem\.set(Out|Err)\b|\bsetDefaultUncaughtExceptionHandler\b"), GamingReasons.Hooks),
        new(Regex(@"\borg\.junit\b|\bopentest4j\b"), GamingReasons.TouchesFramework),
        new(Regex(@"\bgetStackTrace\b|\bStackWalker\b|\bSystem\.(getenv|getProperties)\b|\bThread\.getAllStackTraces\b"), GamingReasons.DetectsTests),
        new(Regex(@"\bProcessBuilder\b|\bProcessHandle\b"), GamingReasons.StartsProcesses),
        new(Regex(@"\bClass\.forName\b|\bget(Declared)?(Method|Field|Constructor)s?\(""""|\bgetDeclared(Method|Field|Constructor)s?\b|\bsetAccessible\b|\bMethodHandles\b|\bjava\.lang\.reflect\b|\bScriptEngine|\bloadClass\b|\bnewInstance\b|\bgetClassLoader\b"), GamingReasons.ComputedNames),
    ];

    private static readonly Rule[] Go =
    [
        new(Regex(@"\bos\.Exit\b|\bsyscall\.(Exit|Kill)\b|\bruntime\.Goexit\b"), GamingReasons.Exits),
        new(Regex(@"^syscall$"), GamingReasons.Exits, OnStrings: true),
        new(Regex(@"\bos\.(Stdout|Stderr)=(?!=)|\bsignal\.Notify\b"), GamingReasons.Hooks),
        new(Regex(@"^os/signal$"), GamingReasons.Hooks, OnStrings: true),
        new(Regex(@"^testing(/.*)?$"), GamingReasons.TouchesFramework, OnStrings: true),
        new(Regex(@"\btesting\.\w+"), GamingReasons.TouchesFramework),
        new(Regex(@"\bruntime\.(Caller|Callers|Stack|FuncForPC)\b|\bdebug\.(Stack|PrintStack)\b|\bos\.(Args|Getenv|LookupEnv|Environ|Executable)\b|\bflag\.(Lookup|Parsed|Args)\b"), GamingReasons.DetectsTests),
        new(Regex(@"^(runtime/debug|flag)$"), GamingReasons.DetectsTests, OnStrings: true),
        new(Regex(@"\bexec\.Command\b|\bos\.StartProcess\b|\bsyscall\.(ForkExec|Exec)\b"), GamingReasons.StartsProcesses),
        new(Regex(@"^os/exec$"), GamingReasons.StartsProcesses, OnStrings: true),
        new(Regex(@"\breflect\.(?!DeepEqual\b)|\bunsafe\.|\bgo:linkname\b|\bimport\.(""""|\()"), GamingReasons.ComputedNames),
        new(Regex(@"^(unsafe|plugin)$"), GamingReasons.ComputedNames, OnStrings: true),
    ];

    private static readonly Rule[] Rust =
    [
        new(Regex(@"\bprocess::(exit|abort)\b|\bstd::process\b|\buse std::process\b"), GamingReasons.Exits),
        new(Regex(@"\bpanic::(set_hook|take_hook)\b"), GamingReasons.Hooks),
        new(Regex(@"\bcfg!?\((test|debug_assertions)\b"), GamingReasons.DetectsTests),
        new(Regex(@"\benv::(args|var|vars|var_os)\b|\bstd::env\b|\bBacktrace\b|\bbacktrace\b|\bthread::current\(\)\.name\b"), GamingReasons.DetectsTests),
        new(Regex(@"\bCommand::new\b"), GamingReasons.StartsProcesses),
        new(Regex(@"\bunsafe\b|\bextern""""|\blibc::"), GamingReasons.ComputedNames),
    ];

    private static readonly Rule[] Cpp =
    [
        new(Regex(@"(?<![\w.:>])(exit|_exit|_Exit|quick_exit)(?!\w)|\bstd::(exit|_Exit|quick_exit)\b|(?<![\w.])kill\("), GamingReasons.Exits),
        new(Regex(@"(?<![\w.])(atexit|at_quick_exit|signal|sigaction)\(|\bstd::(set_terminate|atexit)\b"), GamingReasons.Hooks),
        new(Regex(@"\btesting::|\bUnitTest\b|\bgtest\b"), GamingReasons.TouchesFramework),
        new(Regex(@"gtest|gmock"), GamingReasons.TouchesFramework, OnStrings: true),
        new(Regex(@"(?<![\w.])(getenv|secure_getenv|backtrace)\(|\bstd::getenv\b|\b__builtin_(return|frame)_address\b|\benviron\b"), GamingReasons.DetectsTests),
        new(Regex(@"(?<![\w.])(system|fork|vfork|popen|execl|execlp|execle|execv|execvp|execve|posix_spawn)\("), GamingReasons.StartsProcesses),
        new(Regex(@"(?<![\w.])(dlopen|dlsym|syscall|ptrace)\(|\b__attribute__\(\((constructor|destructor)|##"), GamingReasons.ComputedNames),
    ];

    private static readonly Rule[] CSharp =
    [
        new(Regex(@"\bEnvironment\.(Exit|FailFast)\b|\bGetCurrentProcess\(\)\.Kill\b|\busing static System\.Environment\b|=System\.Environment\b"), GamingReasons.Exits),
        new(Regex(@"\bProcessExit\b|\bUnhandledException\b|\bConsole\.Set(Out|Error)\b"), GamingReasons.Hooks),
        new(Regex(@"\bXunit\b|\bxunit\b"), GamingReasons.TouchesFramework),
        new(Regex(@"\bnew (System\.Diagnostics\.)?StackTrace\b|\bStackFrame\b|\bEnvironment\.(GetEnvironmentVariable|GetCommandLineArgs|CommandLine|StackTrace)\b|\bGetEntryAssembly\b|\bAppDomain\b"), GamingReasons.DetectsTests),
        new(Regex(@"\bProcess\.Start\b|\bProcessStartInfo\b"), GamingReasons.StartsProcesses),
        new(Regex(@"\bSystem\.Reflection\b|\bGetType\(\)\.Get(Method|Field|Property)\b|\bType\.GetType\b|\bActivator\b|\bModuleInitializer\b|\bunsafe\b|\bDllImport\b|\bLibraryImport\b"), GamingReasons.ComputedNames),
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
