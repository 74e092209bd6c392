# A candidate leaving whatever it can for the variants after it: files in /tmp, /dev/shm, its
# home and /work (one it cannot easily remove, one a symlink), System V IPC objects, a process
# that outlives its run, and a change to every file of the job it shares with them.
echo left > /tmp/wand-left
echo left > /dev/shm/wand-left
echo left > "$HOME/wand-left"
echo left > /work/wand-left
mkdir -p /tmp/wand-left-dir/inner && echo left > /tmp/wand-left-dir/inner/f && chmod 000 /tmp/wand-left-dir/inner /tmp/wand-left-dir
ln -s /etc/passwd /tmp/wand-left-link
ipcmk -M 4096 >/dev/null 2>&1
ipcmk -Q >/dev/null 2>&1
ipcmk -S 1 >/dev/null 2>&1
setsid sleep 3600 </dev/null >/dev/null 2>&1 &
for f in /work/.wand-runner/in/base/* /work/.wand-runner/in/base/*/*; do
  [ -f "$f" ] && echo "tampered" >> "$f" 2>/dev/null
done
exit 0
