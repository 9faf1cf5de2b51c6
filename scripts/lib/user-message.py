#!/usr/bin/env python3
"""Send one user-space audit message to the kernel, as PAM and sshd do through libaudit.

usage: user-message.py TYPE TEXT   (TYPE a number, e.g. 1112 for USER_LOGIN)

The kernel stamps it with the sender's pid, uid, auid and ses and passes it to auditd,
so it lands in the log exactly as a real login or authentication record would. Debian's
sshd is built without audit support and key logins ask PAM for no authentication, so the
recordings make their login and authentication records this way. Needs CAP_AUDIT_WRITE.
"""
import os
import socket
import struct
import sys

NETLINK_AUDIT = 9
NLM_F_REQUEST, NLM_F_ACK = 0x1, 0x4


def send(kind: int, text: str) -> None:
    payload = text.encode() + b"\0"
    header = struct.pack("=IHHII", 16 + len(payload), kind, NLM_F_REQUEST | NLM_F_ACK, 1, 0)
    with socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_AUDIT) as sock:
        sock.bind((0, 0))
        sock.sendto(header + payload, (0, 0))
        reply = sock.recv(4096)
        _, reply_type, _, _, _ = struct.unpack("=IHHII", reply[:16])
        if reply_type == 2:  # NLMSG_ERROR: 0 means acknowledged
            (error,) = struct.unpack("=i", reply[16:20])
            if error != 0:
                sys.exit(f"user-message: the kernel refused the message: {os.strerror(-error)}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    send(int(sys.argv[1]), sys.argv[2])
