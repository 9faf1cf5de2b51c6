import AuditRules

// A rules file with a rule auditctl refuses and one that costs every syscall.
let text = """
-w /etc/docker -p wa -k docker
-a always,exit -F arch=b64 -S all -k everything
-a always,exit -F arch=b64 -S openat -F auid>=1000 -F key=files -F key=again -F nosuchfield=1
"""
let file = RuleFile(path: "example.rules", bytes: Array(text.utf8), parser: RuleParser(native: .x86_64))
let report = RuleLinter(native: .x86_64).lint([file])
print(report.text(), terminator: "")
