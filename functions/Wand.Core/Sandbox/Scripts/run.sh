# Wand's runner inside a sandbox container: one exec runs a job's variants (a single run is a
# batch of one), one at a time, each as the candidate user in a clean state, and writes their
# results to stdout. The threat model this holds is in functions/Wand.Core/Sandbox/README.md.
#
# Who is who: this script runs as root with only CAP_SETUID, CAP_SETGID and CAP_KILL (no
# CAP_DAC_OVERRIDE), under no-new-privileges. Candidate code runs as a uid of this container's
# own ($8; nothing else on the host has it, so no kernel limit counted per user is shared with
# another sandbox), and can neither signal, trace nor open the files of a root process, so it
# cannot reach this script's stdout (the result channel), its watchdogs, or the folders where
# outputs are kept. Every kill of the candidate's processes is root's: none can stop it. The
# secret that frames the records (WAND_BOUNDARY) is in this process's environment, which only
# root can read, and is unset before anything else runs.
#
# $1 the test command, $2 seconds one variant may run, $3 variants, $4 bytes of stdout and of
# stderr kept per variant, $5 bytes of stdout or of stderr after which a variant is stopped,
# $6 bytes of reports kept per variant, $7 1 to warm build caches first (wand-seed), $8 the
# candidate's uid (the seed's user is the next one), $9 the folder of the job the test command
# runs in and leaves its .wand/ in (a monorepo's sub-project; . for the job's top), $10 seconds
# one test may run (0: no limit of its own; the image's test runner applies it where it can).
#
# stdout carries only records: "\n{boundary} {index} {status} {oom} {timed out} {ms} {output
# cap hit} {stdout bytes} {stderr bytes} {report bytes}\n" and those bytes (its stdout, its
# stderr, a tar of its .wand/); then "\n{boundary} end\n", or "\n{boundary} stop {index}\n"
# when the container is not clean enough for variant {index} and the rest (they must run in
# another container).
boundary=$WAND_BOUNDARY
unset WAND_BOUNDARY
command=$1 limit=$2 count=$3 keep=$4 cap=$5 report_cap=$6 seed=$7 candidate=$8 root=${9:-.} test_limit=${10:-0}
seeder=$((candidate + 1))
as_candidate="setpriv --reuid=$candidate --regid=$candidate --clear-groups"
as_seeder="setpriv --reuid=$seeder --regid=$seeder --clear-groups"
b=/work/.wand-runner
# Root's own tmpfs (mode 0700): what the variants write and the runner keeps lives here, where a
# candidate that fills /work or /tmp cannot take its room.
r=/run/wand
umask 022

# /work is root's (the image's WORKDIR, copied up onto the tmpfs); candidates make their own
# folders in it, and can remove only those (sticky). The job is root's: readable, not writable;
# the variants' own files are root's only.
chmod 1777 /work
mkdir -m 0711 "$b" && mkdir -m 0755 "$b/in" && mkdir -m 0700 "$r/out" \
  && tar -x --no-same-owner -C "$b/in" -f - || { echo "wand: unpacking the job failed" >&2; exit 98; }
[ ! -d "$b/in/v" ] || chmod 0700 "$b/in/v"
[ ! -d "$b/in/t" ] || chmod 0700 "$b/in/t"
mkfifo -m 0600 "$r/ack" && exec 5<>"$r/ack"

# The clock (/proc/uptime, 10 ms steps) and the container's OOM-kill count, read with builtins:
# processes are most of a fast variant's cost.
now() { read -r up _ < /proc/uptime; now=${up%.*}${up#*.}; }
oom() { kills=0; for f in /sys/fs/cgroup/memory.events /sys/fs/cgroup/memory/memory.oom_control; do [ -r "$f" ] && while read -r k n; do [ "$k" = oom_kill ] && kills=$n; done < "$f"; done; }
fresh() { read -r uuid < /proc/sys/kernel/random/uuid; fresh=${uuid%%-*}; }

# Kills every live process of uid $1, as root (the candidate can neither stop nor outrun this),
# with builtins only: under a fork bomb no new process can start, ours included. A process forked
# between a look and a kill is there at the next look; one that forks faster than it dies gets
# every running process of the uid stopped first (stopped, none can fork or wake another), then
# killed. A killed process still needs the CPU to die, and candidates run at idle priority: past
# the first rounds, while only a few are left, this waits a little between looks (a sleep) rather
# than spin and starve them; a mass kill (a fork bomb) is never slowed. It gives up after 20 s. Names any that outlive it on stdout. Defined
# as text too, for the watchdog's shell.
kill_all_def='kill_all() {
  local signal rounds found p state uid k v up
  signal=KILL rounds=0
  read -r up _ < /proc/uptime
  up=$((${up%.*} + 20))
  while :; do
    found=0
    for p in /proc/[0-9]*; do
      state= uid=
      while read -r k v _; do
        case $k in State:) state=$v ;; Uid:) uid=$v; break ;; esac
      done 2>/dev/null < "$p/status"
      [ "$uid" = "$1" ] && [ "$state" != Z ] || continue
      [ $signal = STOP ] && [ "$state" = T ] && continue
      kill -$signal "${p#/proc/}" 2>/dev/null
      found=$((found + 1))
    done
    if [ "$found" = 0 ]; then
      [ $signal = KILL ] && return 0
      signal=KILL
      continue
    fi
    rounds=$((rounds + 1))
    [ $rounds = 3 ] && signal=STOP
    [ $rounds -lt 10 ] || [ $found -gt 8 ] || sleep 0.01 2>/dev/null
    read -r k _ < /proc/uptime
    [ ${k%.*} -lt $up ] || { echo "processes of uid $1 outlived $rounds rounds of kills in 20 s"; return 1; }
  done
}'
eval "$kill_all_def"

# Run as the candidate after its processes are gone (nothing of its own is left to disturb this):
# send the reports (stdout), then remove everything the uid owns where it could write: the work
# tree, its home, /tmp, /dev/shm, POSIX and System V IPC, and check it is gone. What is left is
# named on stderr: the container is then not reused. Its last line on stderr is "done": a kill
# already on its way (an output cap's) may cut it short, and then it runs again.
after_script='
  echo 1000 > /proc/self/oom_score_adj
  cd "$1" 2>/dev/null && tar -c -f - --exclude=.wand/classes --exclude=.wand/tests .wand 2>/dev/null
  cd /
  places="/work /tmp /dev/shm /dev/mqueue"
  find $places -mindepth 1 -maxdepth 1 -user "$2" -exec rm -rf {} + 2>/dev/null \
    || find $places -mindepth 1 -maxdepth 1 -user "$2" -exec chmod -R u+rwx {} + -exec rm -rf {} + 2>/dev/null
  left=$(find $places -mindepth 1 -maxdepth 1 -user "$2" -print 2>/dev/null | head -n 5)
  [ -z "$left" ] || echo "left:" $left >&2
  # Root makes no System V IPC objects: any there belongs to the candidate (each list has a header line).
  ipc_count() {
    ipc=0
    for t in shm sem msg; do
      [ -r /proc/sysvipc/$t ] && while read -r _; do ipc=$((ipc + 1)); done < /proc/sysvipc/$t && ipc=$((ipc - 1))
    done
  }
  ipc_count
  if [ $ipc -gt 0 ]; then
    ipcrm -a 2>/dev/null
    ipc_count
    [ $ipc = 0 ] || echo "$ipc System V IPC objects are left" >&2
  fi
  echo done >&2
'

# A Python agent (sandbox-images/python/agent.py), when the image has one, forks a zygote for
# each variant: a process with pytest already imported, as the candidate, made after the last
# variant's cleanup. It says when the zygote is ready on our ack FIFO.
agent_zygote() {
  [ -O /tmp/wand-agent ] && [ -p /tmp/wand-agent/control ] && read -r agent < /tmp/wand-agent/pid 2>/dev/null && kill -0 "$agent" 2>/dev/null || return 0
  exec 4<>/tmp/wand-agent/control
  printf 'zygote %s %s\n' "$candidate" "$r/ack" >&4
  read -r _ <&5
  exec 4>&-
}

# Build caches warmed from the job as it is (the job's code, compiled, never run) by a user of
# their own: each variant starts with a copy it owns, so no variant can change another's.
seed_home=
if [ "$seed" = 1 ] && command -v wand-seed >/dev/null; then
  fresh; sd=/work/seed-$fresh; seed_home=/work/seed-home-$fresh
  $as_seeder sh -c 'mkdir -m 0755 "$1" "$2" && cp -a "$3/." "$1/" && cd "$1/$5" && HOME=$2 exec timeout -s KILL "$4" wand-seed' seed "$sd" "$seed_home" "$b/in/base" "$limit" "$root" </dev/null >/dev/null 2>&1
  kill_all "$seeder" >/dev/null
  $as_seeder sh -c 'rm -rf "$1"' seed "$sd" </dev/null >/dev/null 2>&1
fi

# What an environment's setup made (functions/Wand.Core/Sandbox/Scripts/setup.sh) goes into each
# variant's folder and home as links to the image's read-only copy: whatever the variant's own
# copy lacks is linked; folders both have are entered. Defined as text, for the candidate's shell.
link_def='link() {
  local e t
  for e in "$1"/* "$1"/.[!.]* "$1"/..?*; do
    [ -e "$e" ] || [ -L "$e" ] || continue
    t=$2/${e##*/}
    if [ -d "$e" ] && [ ! -L "$e" ] && [ -d "$t" ] && [ ! -L "$t" ]; then link "$e" "$t" || return 1
    elif [ ! -e "$t" ] && [ ! -L "$t" ]; then ln -s "$e" "$t" || return 1
    fi
  done
}'

# Keeps the first $keep + 1 bytes of a stream (one more than kept says it went on) and drains
# the rest; past $cap bytes the variant is stopped.
collect() {
  head -c $((keep + 1)) > "$1"
  [ "$(stat -c %s "$1")" -gt "$keep" ] || return 0
  if [ "$(head -c $((cap - keep)) | wc -c)" -ge $((cap - keep)) ]; then
    : > "$2"
    kill_all "$candidate" >/dev/null
  fi
  cat > /dev/null
}

run_variant() {
  i=$1 o=$r/out/$1
  fresh; d=/work/run-$fresh h=/work/home-$fresh
  # The copy of the job is the candidate's own (its files, its modes), with the variant's files
  # (root's, handed over as a tar: no candidate may read another's) over it; its home starts as
  # the seed.
  edit=0; [ -d "$b/in/v/$i" ] && edit=1
  { [ $edit = 0 ] || tar -c -C "$b/in/v/$i" -f - .; } | $as_candidate sh -c "$link_def"'
    cp -a "$3" "$1" && { [ "$4" = 0 ] || tar -x -C "$1" -f -; } && if [ -n "$5" ]; then cp -a "$5" "$2"; else mkdir -m 0700 "$2"; fi \
      && { [ ! -d /wand-env/work ] || { link /wand-env/work "$1" && link /wand-env/home "$2"; }; }' \
    prepare "$d" "$h" "$b/in/base" "$edit" "$seed_home" >/dev/null 2>"$o/prepare" || { echo "wand: preparing variant $i failed" >&2; cat "$o/prepare" >&2; }
  agent_zygote
  collect "$o/stdout" "$o/capped" < "$o/out" & out=$!
  collect "$o/stderr" "$o/capped" < "$o/err" & err=$!
  oom; before=$kills; now; start=$now
  # The candidate starts a session of its own; the OOM killer takes it first; it runs at idle
  # priority, so that a fork bomb cannot starve the runner's kills of the CPU (with nothing else
  # to run, it runs as fast as ever), and cannot leave that policy.
  # A variant with selected tests (t/<i>, one file a line) has them in WAND_TESTS; wand-test runs only those.
  tests=; [ ! -f "$b/in/t/$i" ] || tests=$(cat "$b/in/t/$i")
  (cd "$d/$root" && echo 1000 > /proc/self/oom_score_adj && { [ -z "$tests" ] || export WAND_TESTS="$tests"; } && HOME=$h USER=sandbox LOGNAME=sandbox WAND_TIME_LIMIT=$limit WAND_TEST_TIME_LIMIT=$test_limit exec setsid $as_candidate chrt -i 0 sh -c "$command") </dev/null >"$o/out" 2>"$o/err" 5>&- &
  pid=$!
  setsid sh -c "$kill_all_def"'; sleep "$1"; : > "$2"; kill_all "$3"' watchdog "$limit" "$o/timed-out" "$candidate" </dev/null >/dev/null 2>&1 5>&- &
  watchdog=$!
  wait $pid; status=$?
  kill -KILL -$watchdog $watchdog 2>/dev/null
  wait $watchdog 2>/dev/null
  # Each attempt's reports go to a file of their own: one cut short after the folder is gone
  # sends nothing, and the last attempt that sent something is the one kept.
  reports=$o/wand.0.tar
  : > "$reports"
  if kill_all "$candidate" > "$o/left"; then
    attempt=0
    while :; do
      { $as_candidate sh -c "$after_script" after "$d/$root" "$candidate" </dev/null 2>"$o/left" 5>&- | head -c "$report_cap" > "$o/wand.$attempt.tar"; } 2>/dev/null
      [ -s "$o/wand.$attempt.tar" ] && reports=$o/wand.$attempt.tar
      finished=0; while read -r line; do [ "$line" = done ] && finished=1; done < "$o/left"
      [ $finished = 1 ] && break
      attempt=$((attempt + 1))
      [ $attempt -lt 4 ] || { echo "the cleaning was cut short 4 times" >> "$o/left"; break; }
    done
  fi
  wait $out $err
  now; oom
  oomed=0; [ "$kills" != "$before" ] && [ $status -gt 128 ] && oomed=1
  timedout=0; [ -e "$o/timed-out" ] && timedout=1
  capped=0; [ -e "$o/capped" ] && capped=1
  set -- $(stat -c %s "$o/stdout" "$o/stderr" "$reports")
  printf '\n%s %s %s %s %s %s %s %s %s %s\n' "$boundary" "$i" "$status" "$oomed" "$timedout" "$(( (now - start) * 10 ))" "$capped" "$1" "$2" "$3"
  cat "$o/stdout" "$o/stderr" "$reports"
  for f in "$o"/stdout "$o"/stderr "$o"/wand.*.tar; do : > "$f"; done
  dirty=0
  while read -r line; do
    [ "$line" = done ] && continue
    echo "wand: after variant $i: $line" >&2
    dirty=1
  done < "$o/left"
  return $dirty
}

# Every variant's output folder and FIFOs at once (one process each, not one per variant).
set --; i=0
while [ $i -lt "$count" ]; do set -- "$@" "$r/out/$i"; i=$((i + 1)); done
mkdir -m 0700 "$@" || { echo "wand: no room for the variants' outputs" >&2; exit 98; }
# The FIFOs are in root's folders, which no candidate can enter; they are writable by others so
# that the Python agent's run can reopen its requester's stdout through /proc/<pid>/fd (a path
# only processes of the variant's own user can follow to them).
for o; do shift; set -- "$@" "$o/out" "$o/err"; done
mkfifo -m 0622 "$@" || { echo "wand: no room for the variants' outputs" >&2; exit 98; }

i=0
while [ $i -lt "$count" ]; do
  clean=1
  run_variant $i || clean=0
  i=$((i + 1))
  if [ $clean = 0 ] && [ $i -lt "$count" ]; then
    printf '\n%s stop %s\n' "$boundary" "$i"
    exit 0
  fi
done
printf '\n%s end\n' "$boundary"
