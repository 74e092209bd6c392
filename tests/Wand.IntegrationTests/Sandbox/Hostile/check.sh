# What a variant must not see of the ones before it (see leave.sh): exits 0 when it sees
# nothing of them, 1 naming what it saw.
seen=
for f in /tmp/wand-left /dev/shm/wand-left /work/wand-left /tmp/wand-left-dir /tmp/wand-left-link /work/home-*/wand-left "$HOME/wand-left"; do
  { [ -e "$f" ] || [ -L "$f" ]; } && seen="$seen $f"
done
[ -n "$(ipcs -m -q -s 2>/dev/null | grep '^0x')" ] && seen="$seen ipc:$(ipcs -m -q -s | grep -c '^0x')"
for p in /proc/[0-9]*; do
  tr '\0' ' ' < "$p/cmdline" 2>/dev/null | grep -q '^sleep 3600' && seen="$seen process:${p#/proc/}"
done
tampered=$(grep -rlx tampered . /work/.wand-runner/in/base 2>/dev/null | tr '\n' ' ')
[ -n "$tampered" ] && seen="$seen tampered:$tampered"
[ -z "$seen" ] || { echo "check: saw$seen"; exit 1; }
echo "check: nothing of another variant"
