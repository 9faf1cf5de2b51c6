/// The syscalls a watch can see: the kernel matches a watch's permissions against its
/// syscall classes (read, write, dir-write, attribute change) plus open and exec.
enum FileSyscalls {
    static let names: [String] = [
        "open", "openat", "openat2", "creat", "open_by_handle_at", "execve", "execveat",
        "rename", "renameat", "renameat2", "mkdir", "mkdirat", "rmdir", "link", "linkat", "unlink", "unlinkat",
        "symlink", "symlinkat", "mknod", "mknodat",
        "chmod", "fchmod", "fchmodat", "fchmodat2", "chown", "fchown", "lchown", "fchownat", "chown32", "fchown32",
        "lchown32", "setxattr", "lsetxattr", "fsetxattr", "removexattr", "lremovexattr", "fremovexattr",
        "utime", "utimes", "futimesat", "utimensat",
        "readlink", "readlinkat", "getxattr", "lgetxattr", "fgetxattr", "listxattr", "llistxattr", "flistxattr",
        "quotactl", "acct", "swapon", "truncate", "ftruncate", "truncate64", "ftruncate64", "bind", "fallocate",
    ]

    static func numbers(_ arch: RuleArch) -> Set<Int> {
        Set(names.compactMap { arch.syscallNumber($0) })
    }
}
