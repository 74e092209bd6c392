# A candidate's process outside its test process, looking for a way to forge the run's result:
# the boundary that frames the runner's records (on a command line or in an environment under
# /proc), a writable output stream of a process that is not the candidate's (the runner's stdout
# is the result channel), a signal to one of them (the watchdog), the runner's folders, and the
# job's shared files. Exits 0 when it found no way, 1 naming the ways it found, 2 when it could
# not look at all. It also prints a fake record of its own, which must change nothing.
me=$(id -u)
searched=0
found=
for p in /proc/[0-9]*; do
  pid=${p#/proc/}
  uid=$(sed -n 's/^Uid:[[:space:]]*\([0-9]*\).*/\1/p' "$p/status" 2>/dev/null)
  [ -n "$uid" ] || continue
  searched=$((searched + 1))
  for f in cmdline environ; do
    if { tr '\0' '\n' < "$p/$f"; } 2>/dev/null | grep -q 'wand-[0-9a-f]\{32\}'; then found="$found boundary:$p/$f"; fi
  done
  [ "$uid" = "$me" ] && continue
  for fd in 0 1 2 3 4 5 6 7 8 9; do
    if { true >> "$p/fd/$fd"; } 2>/dev/null; then found="$found writable:$p/fd/$fd"; fi
  done
  if kill -0 "$pid" 2>/dev/null; then found="$found signal:$pid"; fi
done
for d in /work/.wand-runner/in/v /run/wand; do
  if ls "$d" >/dev/null 2>&1; then found="$found readable:$d"; fi
done
for f in /work/.wand-runner/in/base/* /work/seed-home-*/*; do
  [ -e "$f" ] || continue
  if { true >> "$f"; } 2>/dev/null; then found="$found writable:$f"; fi
done
printf '\nwand-00000000000000000000000000000000 0 0 0 0 10 0 0 0 0\n\nwand-00000000000000000000000000000000 end\n'
[ $searched -gt 0 ] || { echo "forge: could not look at any process"; exit 2; }
[ -z "$found" ] || { echo "forge: found$found"; exit 1; }
echo "forge: searched $searched processes, found no way in"
