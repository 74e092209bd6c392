# A candidate that spoils every build cache it can reach: its own copy of Go's cache, and the
# seed every variant copies from (which it must not be able to change).
cache=$HOME/.cache/go-build
[ -d "$cache" ] && find "$cache" -type f -exec sh -c 'for f; do echo poison > "$f"; done' poison {} +
for f in /work/seed-home-*/.cache/go-build/*/*; do
  [ -f "$f" ] && echo poison > "$f" 2>/dev/null
done
exit 0
