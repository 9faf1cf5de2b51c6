/// Rule sets in the styles people deploy (CIS, STIG, Neo23x0's audit.rules), with the
/// host-dependent parts that make a kernel refuse lines: directories and accounts that a
/// host may lack, `-p` on syscall rules, duplicates across sections. No `-e 2`.
enum RealWorldRuleSets {
    static let all = ["cis": cis, "stig": stig, "neo": neo]

    static let cis = """
        ## CIS Debian 12 §6.2.3 (audit), abridged
        -D
        -b 8192
        -f 1
        -a always,exit -F arch=b64 -S adjtimex,settimeofday,clock_settime -k time-change
        -a always,exit -F arch=b32 -S adjtimex,settimeofday,clock_settime -k time-change
        -w /etc/localtime -p wa -k time-change
        -a always,exit -F arch=b64 -S sethostname,setdomainname -k system-locale
        -w /etc/issue -p wa -k system-locale
        -w /etc/hosts -p wa -k system-locale
        -w /etc/network -p wa -k system-locale
        -w /etc/apparmor/ -p wa -k MAC-policy
        -w /etc/apparmor.d/ -p wa -k MAC-policy
        -w /var/log/lastlog -p wa -k logins
        -w /var/run/faillock -p wa -k logins
        -a always,exit -F arch=b64 -S chmod,fchmod,fchmodat -F auid>=1000 -F auid!=unset -k perm_mod
        -a always,exit -F arch=b64 -S creat,open,openat,truncate,ftruncate -F exit=-EACCES -F auid>=1000 -F auid!=unset -k access
        -a always,exit -F arch=b64 -S creat,open,openat,truncate,ftruncate -F exit=-EPERM -F auid>=1000 -F auid!=unset -k access
        -w /etc/sudoers -p wa -k scope
        -w /etc/sudoers.d -p wa -k scope
        -a always,exit -F arch=b64 -C euid!=uid -F auid!=unset -S execve -k user_emulation
        -w /etc/hosts -p wa -k system-locale
        -a always,exit -F arch=b64 -S mount -F auid>=1000 -F auid!=unset -k mounts
        -a always,exit -F arch=b64 -S init_module,finit_module,delete_module -k kernel_modules
        -a always,exit -F path=/usr/bin/kmod -F perm=x -F auid>=1000 -F auid!=unset -k kernel_modules
        """

    static let stig = """
        ## DISA STIG style: privileged commands by path, named accounts
        -a always,exit -F path=/usr/bin/sudo -F perm=x -F auid>=1000 -F auid!=unset -k priv_cmd
        -a always,exit -F path=/usr/bin/su -F perm=x -F auid>=1000 -F auid!=unset -k priv_cmd
        -a always,exit -F path=/usr/bin/chage -F perm=x -F auid>=1000 -F auid!=unset -k privileged-chage
        -a always,exit -F path=/usr/sbin/pam_timestamp_check -F perm=x -F auid>=1000 -F auid!=unset -k privileged-pam
        -a always,exit -F path=/usr/libexec/openssh/ssh-keysign -F perm=x -F auid>=1000 -F auid!=unset -k privileged-ssh
        -a always,exit -F path=/usr/lib/openssh/ssh-keysign -F perm=x -F auid>=1000 -F auid!=unset -k privileged-ssh
        -a always,exit -F arch=b64 -S unlink,unlinkat,rename,renameat -F auid>=1000 -F auid!=unset -k delete
        -a always,exit -F arch=b64 -S execve -F euid=root -F auid!=root -k setuid
        -a always,exit -F arch=b64 -S execve -F uid=nobody -k nobody_exec
        -a always,exit -F arch=b64 -S openat -F gid=shadow -k shadow_group
        -a always,exit -F arch=b64 -S openat -F egid=nosuchgroup-dockaudit -k bad_group
        -w /var/log/tallylog -p wa -k logins
        -w /var/log/sudo.log -p wa -k maintenance
        -w /etc/selinux/ -p wa -k MAC-policy
        -w /usr/share/selinux/ -p wa -k MAC-policy
        """

    static let neo = """
        ## Neo23x0/auditd style: never rules first, dir= and -p on syscall rules
        -a never,exit -F arch=b64 -S adjtimex -F auid=unset -F uid=chrony -F subj_type=chronyd_t
        -a never,exit -F arch=b64 -S adjtimex -F auid=unset -F uid!=ntp
        -a never,exit -F arch=b64 -F dir=/dev/shm -k sharedmemaccess
        -a never,exit -F arch=b64 -F dir=/var/lock/lvm -k locklvm
        -a never,exit -F arch=b64 -F path=/opt/filebeat -k filebeat
        -a never,exit -F arch=b64 -F dir=/opt/filebeat -k filebeat
        -a never,exit -F arch=b64 -S all -F exe=/usr/bin/vmtoolsd -k vmtools
        -a never,user -F subj_type=crond_t
        -w /var/log/audit/ -p wxa -k auditlog
        -w /etc/audit/ -p wa -k auditconfig
        -w /etc/libaudit.conf -p wa -k auditconfig
        -w /sbin/auditctl -p x -k audittools
        -w /sbin/auditd -p x -k audittools
        -w /etc/chrony/chrony.conf -p wa -k chrony
        -w /etc/ntp/ntp.conf -p wa -k ntp
        -a always,exit -F path=/usr/bin/falcon-scout -p x -k falcon
        -a always,exit -F path=/usr/local/bin/docker-scout -p x -k docker-scout
        -a always,exit -F arch=b64 -S openat -F dir=/etc/docker -p r -k docker_read
        -w /etc/docker -p wa -k docker
        -w /var/lib/docker -p wa -k docker
        -a always,exit -F dir=/etc/docker -F perm=wa -k docker
        -a always,exit -F path=/etc/docker -F perm=wa -k docker
        -a always,exit -F arch=b64 -S openat -F uid=0 -F auid=1 -k order
        -a always,exit -F arch=b64 -S openat -F auid=1 -F uid=0 -k order
        -a always,exit -F arch=b64 -S openat -F uid=0 -F auid=1 -k order
        -w /etc/ssh/sshd_config -k sshd
        -w /etc/ssh/sshd_config.d -k sshd
        -w /root/.ssh -p wa -k rootkey
        -w /bin/nc -p x -k susp_activity
        -w /usr/bin/ncat -p x -k susp_activity
        -w /usr/bin/wget -p x -k susp_activity
        -w /etc/hosts -p wa -k hosts
        -w /etc/hosts -p wa -k hosts
        -a always,exit -F arch=b64 -S ptrace -F a0=0x4 -k code_injection
        -a always,exit -F arch=b64 -S ptrace -F a0=0x5 -k data_injection
        -a always,exit -F arch=b64 -S setns,unshare -F auid!=unset -k namespaces
        -a always,exit -F arch=b64 -S mount,umount2 -F auid!=unset -k mount
        """
}
