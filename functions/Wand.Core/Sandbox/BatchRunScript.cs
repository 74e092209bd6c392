namespace Wand.Sandbox;

/// <summary>
/// The shell that runs a batch inside one container, in one exec (each exec costs tens of
/// milliseconds). The job arrives once as <c>base/</c> and each variant's own files as
/// <c>v/&lt;index&gt;/</c>; every variant runs in its own copy, in its own process group,
/// under its own watchdog, several at once.
/// </summary>
internal static class BatchRunScript
{
    // The batch lives in /work/batch: variants' copies stay under /work, whose caches they share
    // (the Go image's GOCACHE is /work/.cache/go-build, so the first variant's build serves the rest).
    // $1 the boundary, $2 the test command, $3 the limit of one variant in seconds, $4 variants
    // at once, $5 the number of variants, $6 bytes of stdout and of stderr kept per variant,
    // $7 bytes of reports kept per variant, $8 the variant script (below).
    // - Variants run through xargs -P; each tells the loop here it is done by writing its index
    //   to a FIFO this shell holds open for reading and writing (so it never reads end-of-file
    //   between variants). xargs writes "end" after the last one.
    // - Only this loop writes to stdout: a record per variant, in the order they finish, each
    //   "\n{boundary} {index} {status} {oom} {timed out} {ms} {stdout bytes} {stderr bytes} {report bytes}\n"
    //   and then those bytes: its stdout, its stderr, a tar of its .wand/. A variant's record is out as soon as it ends, so a batch
    //   stopped by the backstop keeps the results it had. Anything else the variants' shells
    //   say goes to stderr, where it cannot land inside a record.
    public const string Main = """
        b=/work/batch
        mkdir -p "$b" && tar -x -m -C "$b" -f - || { echo "wand: unpacking the batch failed" >&2; exit 98; }
        n=0; dirs=""; while [ $n -lt "$5" ]; do dirs="$dirs $b/out/$n"; n=$((n + 1)); done
        mkdir -p "$b/r" $dirs && mkfifo "$b/done" && exec 3<>"$b/done"
        { seq 0 $(($5 - 1)) | xargs -P "$4" -n 1 sh -c "$8" wand-variant "$2" "$3" "$6" "$7" >&2; echo end >&3; } &
        while read -r i <&3 && [ "$i" != end ]; do
          read -r result < "$b/out/$i/status"
          printf '\n%s %s %s\n' "$1" "$i" "$result"
          cat "$b/out/$i/stdout" "$b/out/$i/stderr" "$b/out/$i/wand.tar"
          rm -rf "$b/out/$i"
        done
        printf '\n%s end\n' "$1"
        """;

    // $1 the test command, $2 the limit in seconds, $3 and $4 the caps above, $5 the index.
    // - The copy is base + overlay; it is removed afterwards, so tmpfs holds only the variants
    //   running now. Nothing a variant does reaches fd 3 (the done FIFO) but this shell.
    // - Output goes through FIFOs to readers that keep the first bytes (one more than the cap,
    //   which tells truncation) and drain the rest, so a chatty candidate can neither fill tmpfs
    //   nor die of a closed pipe.
    // - Every variant costs processes, and processes are most of a fast variant's cost: the OOM
    //   count and the clock (/proc/uptime, 10 ms steps) are read with shell builtins.
    // - The watchdog is a session of its own, so killing it takes its sleep too (hundreds of
    //   orphaned sleeps would exhaust the pids limit); it is killed by pid as well, in case it
    //   has not become a session yet. It writes its flag before it kills. The
    //   Python agent enforces the same limit on its forked child (which no kill here reaches)
    //   and reports through WAND_TIMED_OUT_FLAG.
    // - The OOM-kill count is the container's: a variant counts as OOM-killed only if the count
    //   rose while it ran and it died of a signal, so a neighbour's OOM is not blamed on it.
    public const string Variant = """
        i=$5; b=/work/batch; d=$b/r/$i; o=$b/out/$i; keep=$(($3 + 1))
        oom() { kills=0; for f in /sys/fs/cgroup/memory.events /sys/fs/cgroup/memory/memory.oom_control; do [ -r "$f" ] && while read -r k n; do [ "$k" = oom_kill ] && kills=$n; done < "$f"; done; }
        now() { read -r up _ < /proc/uptime; now=${up%.*}${up#*.}; }
        { cp -a "$b/base" "$d" && { [ ! -d "$b/v/$i" ] || cp -a "$b/v/$i/." "$d/"; }; } 3>&- || echo "wand: preparing variant $i failed" >&2
        cd "$d" && mkfifo "$o/.out" "$o/.err"
        { head -c $keep > "$o/stdout"; exec cat > /dev/null; } < "$o/.out" 3>&- & out=$!
        { head -c $keep > "$o/stderr"; exec cat > /dev/null; } < "$o/.err" 3>&- & err=$!
        oom; before=$kills; now; start=$now
        WAND_TIME_LIMIT=$2 WAND_TIMED_OUT_FLAG=$o/timed-out setsid sh -c "$1" </dev/null >"$o/.out" 2>"$o/.err" 3>&- & pid=$!
        setsid sh -c 'sleep "$1"; : > "$2"; kill -KILL -"$3"' watchdog "$2" "$o/timed-out" "$pid" </dev/null >/dev/null 2>&1 3>&- & watchdog=$!
        wait $pid; status=$?
        kill -KILL -$watchdog $watchdog 2>/dev/null
        kill -KILL -$pid 2>/dev/null
        wait $out $err
        now; oom
        oomed=0; [ "$kills" != "$before" ] && [ $status -gt 128 ] && oomed=1
        timedout=0; [ -e "$o/timed-out" ] && timedout=1
        tar -c -f - --exclude=.wand/classes --exclude=.wand/tests .wand 2>/dev/null | head -c "$4" > "$o/wand.tar"
        cd / && rm -rf "$d"
        sizes=$(stat -c %s "$o/stdout" "$o/stderr" "$o/wand.tar")
        echo "$status $oomed $timedout $(( (now - start) * 10 ))" $sizes > "$o/status"
        echo "$i" >&3
        """;
}
