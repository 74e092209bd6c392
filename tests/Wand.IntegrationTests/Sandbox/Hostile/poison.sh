# A candidate that spoils every build cache it can reach: its own copy of Go's cache and of
# ccache's, and the seed every variant copies from, which it must not be able to change: it
# fails when it finds no seed's cache, or changes one file of it.
for cache in "$HOME/.cache/go-build" "$HOME/.cache/ccache"; do
  [ -d "$cache" ] && find "$cache" -type f -exec sh -c 'for f; do echo poison > "$f"; done' poison {} +
done
seen=0 spoiled=0
for f in /work/seed-home-*/.cache/go-build/*/* /work/seed-home-*/.cache/ccache/*/*/*; do
  [ -f "$f" ] || continue
  seen=$((seen + 1))
  (echo poison > "$f") 2>/dev/null && spoiled=$((spoiled + 1))
done
echo "poison: $spoiled of the seed's $seen cache files spoiled"
[ "$seen" -gt 0 ] && [ "$spoiled" = 0 ]
