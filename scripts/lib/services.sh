# Shared by scripts/test and scripts/record-logs: install and start what the
# integration tests need. Sourced, not run.

need_packages() {
    local missing=()
    for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "installing: ${missing[*]}" >&2
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

start_auditd() {
    if ! pidof auditd >/dev/null; then
        auditd
        for _ in $(seq 50); do pidof auditd >/dev/null && break; sleep 0.1; done
    fi
    if auditctl -s | grep -q '^enabled 2'; then
        echo "audit rules are immutable (enabled 2) on this kernel; the live tests cannot load rules" >&2
        return 1
    fi
}

start_dockerd() {
    if ! docker info >/dev/null 2>&1; then
        (dockerd >/tmp/dockaudit-dockerd.log 2>&1 &)
        for _ in $(seq 100); do docker info >/dev/null 2>&1 && break; sleep 0.2; done
    fi
    docker info >/dev/null 2>&1 || { echo "dockerd did not start: see /tmp/dockaudit-dockerd.log" >&2; return 1; }
    if ! docker image inspect dockaudit-busybox >/dev/null 2>&1; then
        local tree; tree=$(mktemp -d)
        mkdir -p "$tree/bin" "$tree/tmp" "$tree/etc"
        cp /bin/busybox "$tree/bin/busybox"
        for applet in sh ls cat echo sleep touch rm mv id wget; do ln -s busybox "$tree/bin/$applet"; done
        tar -C "$tree" -c . | docker import - dockaudit-busybox >/dev/null
        rm -rf "$tree"
    fi
}

start_sshd() {
    mkdir -p /run/sshd
    if ! pidof sshd >/dev/null; then /usr/sbin/sshd; sleep 0.3; fi
}
