import AuditRules
import Foundation
import HostCheck
import HostIO

/// auditd.conf, /etc/default/grub, /etc/kernel/cmdline and a BLS entry from any bytes, as
/// `check` reads them through a snapshot: no crash, and every output well formed.
public enum FuzzBootConfiguration {
    public static func run(_ data: UnsafePointer<UInt8>, _ size: Int) {
        let parts = Fuzz.parts(UnsafeRawBufferPointer(start: data, count: size), count: 4)
        let texts = parts.map { String(decoding: $0, as: UTF8.self) }
        _ = KeyValueConfig(text: texts[0])
        _ = try? BootConfiguration.grubLines(texts[1], path: "/etc/default/grub")
        _ = BootConfiguration.kernelCmdline(texts[2], path: "/etc/kernel/cmdline")
        _ = BootConfiguration.loaderEntry(texts[3], path: "/boot/loader/entries/a.conf")
        var host = MemoryHostFiles()
        host.file("/etc/audit/auditd.conf", texts[0])
        host.file("/etc/default/grub", texts[1])
        host.file("/etc/kernel/cmdline", texts[2])
        host.file("/boot/loader/entries/a.conf", texts[3])
        Fuzz.checkReport(of: host, cmdline: texts[2])
    }
}
