"""Runs /bin/true at a fixed rate (execs a second) for a number of seconds; prints how many ran."""
import os, sys, time

rate, seconds = int(sys.argv[1]), float(sys.argv[2])
start = time.monotonic()
count = 0
while True:
    elapsed = time.monotonic() - start
    if elapsed >= seconds:
        break
    due = int(elapsed * rate)
    while count < due:
        pid = os.posix_spawn("/bin/true", ["/bin/true"], {})
        os.waitpid(pid, 0)
        count += 1
    time.sleep(0.001)
print(count)
