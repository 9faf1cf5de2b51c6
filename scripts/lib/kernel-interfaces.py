#!/usr/bin/env python3
"""Makes the syscalls whose arguments ausearch -i decodes, for scripts/record-logs (as root):
a ptrace attach and detach, a module load the kernel refuses, a personality change, sockets."""
import ctypes
import os
import socket
import subprocess
import time

libc = ctypes.CDLL(None, use_errno=True)
child = subprocess.Popen(["sleep", "5"])
time.sleep(0.2)
libc.ptrace(16, child.pid, None, None)   # PTRACE_ATTACH
os.waitpid(child.pid, 0)
libc.ptrace(17, child.pid, None, None)   # PTRACE_DETACH
child.kill()
child.wait()
fd = os.open("/dev/null", os.O_RDONLY)
libc.syscall(313, fd, b"", 0)            # finit_module on x86_64: refused
os.close(fd)
libc.personality(0x0040000)              # ADDR_NO_RANDOMIZE
socket.socket(socket.AF_INET6, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC).close()
socket.socket(socket.AF_UNIX, socket.SOCK_STREAM).close()
