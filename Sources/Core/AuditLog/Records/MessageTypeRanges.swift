/// The blocks of record-type numbers that libaudit.h and linux/audit.h reserve
/// (`AUDIT_FIRST_USER_MSG` … `AUDIT_LAST_USER_MSG`, and so on). ausearch and aureport decide
/// by block what a record is: a user-space message, a daemon's, an anomaly.
extension MessageType {
    /// `AUDIT_FIRST_USER_MSG` … `AUDIT_LAST_USER_MSG`: messages from user space (PAM, sudo, …).
    static let userMessages = 1100...1199
    /// `AUDIT_FIRST_USER_MSG2` … `AUDIT_LAST_USER_MSG2`: the second user-space block.
    static let userMessages2 = 2100...2999
    /// `AUDIT_FIRST_DAEMON` … `AUDIT_LAST_DAEMON`: auditd's own records.
    package static let daemonMessages = 1200...1299
    /// `AUDIT_FIRST_SELINUX` … `AUDIT_LAST_SELINUX`: AVC and other SELinux records.
    static let selinuxMessages = 1400...1499
    /// ADD_USER … DEL_GROUP.
    package static let accountChanges = 1114...1117
    /// `AUDIT_MAC_POLICY_LOAD` … `AUDIT_MAC_UNLBL_STCDEL`.
    package static let macChanges = 1403...1417
    /// `AUDIT_FIRST_KERN_CRYPTO_MSG` … and `AUDIT_FIRST_CRYPTO_MSG` …: kernel and user-space crypto.
    package static let kernelCrypto = 1600...1699, crypto = 2400...2499
    /// `AUDIT_FIRST_KERN_ANOM_MSG` …, `AUDIT_FIRST_ANOM_MSG` …, `AUDIT_FIRST_ANOM_RESP` ….
    package static let kernelAnomalies = 1700...1799, anomalies = 2100...2199, responses = 2200...2299
    /// `AUDIT_INTEGRITY_FIRST_MSG` …, `AUDIT_FIRST_VIRT_MSG` ….
    package static let integrity = 1800...1899, virt = 2500...2599
    /// ROLE_ASSIGN, ROLE_REMOVE; and the whole `AUDIT_FIRST_USER_LSPP_MSG` block.
    package static let roles = 2300...2301, userLSPP = 2300...2399
}
