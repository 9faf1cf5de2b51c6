import BootAnalysis

// Saved systemd-analyze outputs: the units that slow the boot, and how much of it each takes.
var timing = BootTiming()
timing.readTime("Startup finished in 2.1s (kernel) + 9.8s (userspace) = 11.9s\ngraphical.target reached after 9.7s in userspace\n")
timing.readBlame("5.201s docker.service\n1.030s containerd.service\n 402ms auditd.service\n")
let report = BootTimingReport(timing: timing, top: 3)
for unit in report.top {
    print(unit.unit, "\(unit.seconds) s", unit.share.map { "(\(Int($0 * 100))% of the boot)" } ?? "")
}
