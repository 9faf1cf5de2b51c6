# Shared by scripts/record-logs and scripts/record-containers: test accounts that log in
# over ssh (so auid differs from uid), and a private auditd writing to a folder of ours.

stop_auditd() {
    local pid; pid=$(pidof auditd || true)
    [ -n "$pid" ] || return 0
    kill -TERM $pid
    for _ in $(seq 100); do pidof auditd >/dev/null || return 0; sleep 0.1; done
}

# setup_account NAME: a login user in the docker group, with sudo and root's ssh key.
setup_account() {
    local user=$1
    id "$user" >/dev/null 2>&1 || useradd -m -s /bin/bash "$user"
    getent group docker >/dev/null && usermod -aG docker "$user"
    echo "$user ALL=(ALL) NOPASSWD: ALL" > "/etc/sudoers.d/dockaudit-$user"
    chmod 0440 "/etc/sudoers.d/dockaudit-$user"
    [ -f /root/.ssh/dockaudit_key ] || { mkdir -p /root/.ssh; ssh-keygen -q -t ed25519 -N '' -f /root/.ssh/dockaudit_key; }
    install -d -o "$user" -g "$user" -m 700 "/home/$user/.ssh"
    install -o "$user" -g "$user" -m 600 /root/.ssh/dockaudit_key.pub "/home/$user/.ssh/authorized_keys"
}

# as_user NAME COMMAND: run COMMAND in a real ssh login of NAME (pam_loginuid sets the auid).
as_user() {
    local user=$1; shift
    ssh -i /root/.ssh/dockaudit_key -o BatchMode=yes -o StrictHostKeyChecking=no \
        -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR "$user@127.0.0.1" "$@"
}

# start_private_auditd DIR FORMAT NAME_FORMAT: auditd writing DIR/audit.log; prints its config folder.
start_private_auditd() {
    local dir=$1 format=$2 name_format=$3 conf; conf=$(mktemp -d)
    mkdir -p "$dir" "$conf/plugins.d"
    rm -f "$dir"/audit.log*
    cat > "$conf/auditd.conf" <<CONF
local_events = yes
write_logs = yes
log_file = $dir/audit.log
log_group = root
log_format = $format
flush = INCREMENTAL_ASYNC
freq = 50
max_log_file = 8
num_logs = 5
max_log_file_action = ROTATE
name_format = $name_format
name = dockaudit-test-node
space_left = 75
space_left_action = SYSLOG
admin_space_left = 50
admin_space_left_action = SUSPEND
disk_full_action = SUSPEND
disk_error_action = SUSPEND
plugin_dir = $conf/plugins.d
end_of_event_timeout = 2
CONF
    chmod 0640 "$conf/auditd.conf"
    stop_auditd
    auditd -c "$conf" </dev/null >/dev/null 2>&1
    for _ in $(seq 50); do pidof auditd >/dev/null && break; sleep 0.1; done
    echo "$conf"
}
