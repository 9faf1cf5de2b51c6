# The benchmarks' shared measuring: `measure LABEL COMMAND…` runs COMMAND $runs times
# (BENCH_RUNS, default 3) with its output in $work/out, and prints the median wall time and
# the largest peak RSS (GNU time); the median is also left in $work/LABEL.seconds.
runs=${BENCH_RUNS:-3}
measure() {
    local label=$1; shift
    : > "$work/$label.runs"
    for _ in $(seq "$runs"); do
        /usr/bin/time -o "$work/time" -f '%e %M' "$@" > "$work/out" 2>/dev/null || true
        tail -1 "$work/time" >> "$work/$label.runs"
    done
    local median rss walls
    median=$(sort -n "$work/$label.runs" | awk '{ w[NR] = $1 } END { print w[int((NR + 1) / 2)] }')
    rss=$(awk '$2 > m { m = $2 } END { print m }' "$work/$label.runs")
    walls=$(awk '{ printf "%s%s", (NR > 1 ? " " : ""), $1 }' "$work/$label.runs")
    local lines; lines=$(wc -l < "$work/out")
    printf '%-10s %8.2f s %8d MiB  %9d lines   (runs: %s)\n' "$label" "$median" $(( rss / 1024 )) "$lines" "$walls"
    echo "$median" > "$work/$label.seconds"
}

machine_line() {
    echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%d GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
}
