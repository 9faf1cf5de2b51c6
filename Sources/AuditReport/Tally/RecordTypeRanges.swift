/// The record-type numbers aureport groups its reports by (linux/audit.h, libaudit.h).
enum RecordTypes {
    static let userAuth = 1100, userChauthtok = 1108, usysConfig = 1111, userLogin = 1112
    static let chgrpID = 1119, grpAuth = 1126, userAVC = 1107
    static let accountChanges = 1114...1117          // ADD_USER … DEL_GROUP
    static let daemonConfig = 1203, configChange = 1305, avc = 1400
    static let macChanges = 1403...1417              // MAC_POLICY_LOAD … MAC_UNLBL_STCDEL
    static let kernelCrypto = 1600...1699, crypto = 2400...2499
    static let kernelAnomalies = 1700...1799, anomalies = 2100...2199, responses = 2200...2299
    static let integrity = 1800...1899, virt = 2500...2599
    static let roles = 2300...2301                   // ROLE_ASSIGN, ROLE_REMOVE
    static let userLSPP = 2300...2399
}
