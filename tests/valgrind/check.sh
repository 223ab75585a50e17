#!/bin/sh
# check.sh DIR — fail when any valgrind log in DIR is not empty (an error or a leak).
dir=$1
bad=0 n=0
for f in "$dir"/*.log; do
    [ -e "$f" ] || continue
    n=$((n + 1))
    if [ -s "$f" ]; then
        bad=$((bad + 1))
        echo "valgrind: $f:" >&2
        head -n 60 "$f" >&2
    fi
done
echo "valgrind: $n processes checked, $bad with errors or leaks"
[ "$bad" -eq 0 ]
