import Foundation
import Testing

/// `report --html`, `search --format text` and the progress display, on the recorded logs.
@Suite(.serialized, .enabled(if: Environment.inCI || Environment.recordedLogs != nil))
struct ReportCommandTests {
    static let hostile = "<img src=x onerror=alert(1)>"

    private func recorded() throws -> String {
        let base = try #require(Environment.recordedLogs, "DOCKAUDIT_RECORDED is not set: run scripts/test")
        return base + "/enriched"
    }

    private func scratch(_ name: String) throws -> String {
        let dir = NSTemporaryDirectory() + "dockaudit-\(name)-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The page shows the hostile file names the kernel recorded as text: no element, no script.
    @Test(.enabled(if: Environment.inCI || FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")))
    func htmlRendersInChromiumWithHostileNamesAsText() throws {
        let dir = try scratch("html")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let page = dir + "/report.html"
        let made = try run(Environment.binary, ["report", "--html", page, "-if", try recorded(), "-f", "onerror"])
        #expect(made.status == 0, "\(made.stderr)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(!html.contains("<img") && !html.contains("<script"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))

        let dom = try run("/usr/bin/chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", "file://\(page)"])
        let text = String(decoding: dom.stdout, as: UTF8.self)
        #expect(text.contains("Audit report for"))
        #expect(text.contains("Who and what") && text.contains("Events per"))
        #expect(text.contains("&lt;img src=x onerror=alert(1)&gt;"), "the name is shown as text")
        #expect(!text.contains("<img"), "no image element was made from the log")

        // Bars: users blue, keys orange, programs green, files purple; white page.
        let numbers = try screenshotColours(of: page, width: 1280, height: 1800,
                                            colours: ["2f6fab", "e07b39", "3a9d5d", "8e6bbf", "ffffff"])
        #expect(numbers[0] == 1280 && numbers[1] == 1800)
        for (index, what) in ["users", "keys", "programs", "files"].enumerated() {
            #expect(numbers[2 + index] > 300, "the \(what) bars are drawn")
        }
        #expect(numbers[6] > 1_000_000, "a readable page on white")
    }

    /// A host that started containers: dockerd's veth anomalies are one line, marked benign.
    @Test(.enabled(if: Environment.inCI || FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")))
    func htmlGroupsDockerdsVethAnomaliesAsBenign() throws {
        let log = try #require(Environment.containerLog, "DOCKAUDIT_CONTAINERS is not set: run scripts/test")
        let dir = try scratch("anomalies")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let page = dir + "/report.html"
        let made = try run(Environment.binary, ["report", "--html", page, "-if", log])
        #expect(made.status == 0, "\(made.stderr)")
        let dom = try run("/usr/bin/chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", "file://\(page)"])
        let text = String(decoding: dom.stdout, as: UTF8.self)
        let benign = text.components(separatedBy: "<li class=\"benign\">").dropFirst()
        // The kernel logs a veth joining the bridge with dockerd's SYSCALL record or, as often,
        // with none: one benign line for each (which ones a recording has varies run to run).
        let veth = benign.filter { $0.contains("ANOM_PROMISCUOUS") && $0.contains("veth") }
        #expect(!veth.isEmpty && veth.count <= 2, "one line for dockerd's veth interfaces, one for the kernel's")
        #expect(veth.allSatisfy { $0.contains("known benign: dockerd attaching a container") || $0.contains("known benign: a container's veth interface joining a bridge") })
        let unmarked = text.components(separatedBy: "<li>").dropFirst().filter { $0.prefix(300).contains("ANOM_PROMISCUOUS") && $0.prefix(300).contains("veth") }
        #expect(unmarked.isEmpty, "no veth anomaly left unmarked: \(unmarked.first?.prefix(200) ?? "")")
    }

    /// The page opens with "Needs a look": containers with host access, sudo commands, audit
    /// changes and failed logins, each linked to its records in the appendix; a list longer
    /// than five is collapsed until opened.
    @Test(.enabled(if: Environment.inCI || FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")))
    func htmlOpensWithWhatNeedsALook() throws {
        let dir = try scratch("look")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let page = dir + "/report.html"
        let made = try run(Environment.binary, ["report", "--html", page, "-if", try recorded()])
        #expect(made.status == 0, "\(made.stderr)")
        let dom = String(decoding: try run("/usr/bin/chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                                                                  "file://\(page)"]).stdout, as: UTF8.self)
        let look = try #require(dom.range(of: "<section id=\"look\">"))
        let summary = try #require(dom.range(of: "<section id=\"summary\">"))
        #expect(look.lowerBound < summary.lowerBound, "it opens the report")
        #expect(dom.contains("started a container with capability SYS_PTRACE added: docker run -d --name dockaudit-ns --cap-add SYS_PTRACE"))
        #expect(dom.contains("ran the command 'cat /etc/shadow'"))
        #expect(dom.contains("someone failed to log in as mallory from 10.0.0.9"))
        #expect(dom.contains("added an audit rule"))
        let links = Set(dom.matches(of: /href="#(event-[0-9a-z-]+)"/).map { String($0.1) })
        let targets = Set(dom.matches(of: /<div class="event" id="(event-[0-9a-z-]+)">/).map { String($0.1) })
        #expect(!links.isEmpty && links == targets, "every entry links to its event in the appendix, and only those are there")
        let sudo = try #require(dom.firstMatch(of: /<details class="look" id="look-sudoCommand"( open="")?><summary>sudo commands \((\d+)\)/))
        #expect(Int(sudo.2) ?? 0 > 5 && sudo.1 == nil, "the sudo commands are more than five, so collapsed")

        // Collapsed, the list takes no room: opened, the same page shows far more of its colour.
        let opened = dir + "/opened.html"
        try String(contentsOfFile: page, encoding: .utf8).replacingOccurrences(of: "<details class=\"look\"", with: "<details open class=\"look\"")
            .write(toFile: opened, atomically: true, encoding: .utf8)
        // The lists' background, far enough from white and the counters' blue for png-colors to tell apart.
        let closedColour = try screenshotColours(of: page, width: 1280, height: 1600, colours: ["fbe3d0"])[2]
        let openColour = try screenshotColours(of: opened, width: 1280, height: 1600, colours: ["fbe3d0"])[2]
        print("needs a look: \(closedColour) pixels of the lists' colour collapsed, \(openColour) opened")
        #expect(closedColour > 10_000, "the lists' headings show")
        #expect(openColour > closedColour + 20_000, "collapsed entries are hidden: \(closedColour) pixels closed, \(openColour) open")
    }

    /// One sentence per event, control characters escaped.
    @Test func sentencesForEveryEvent() throws {
        let log = try recorded()
        let json = try run(Environment.binary, ["search", "-if", log, "--format", "json"])
        let text = try run(Environment.binary, ["search", "-if", log, "--format", "text", "--include-own"])
        #expect(text.status == 0)
        // By default dockaudit's own processes are left out, and stderr says how many.
        let hostOnly = try run(Environment.binary, ["search", "-if", log, "--format", "text"])
        let leftOut = text.lines.filter { !$0.isEmpty }.count - hostOnly.lines.filter { !$0.isEmpty }.count
        #expect(leftOut >= 0)
        #expect(leftOut == 0 || hostOnly.stderr.contains("left out \(leftOut) event"), "\(hostOnly.stderr)")
        print("sentences: \(leftOut) events of dockaudit's own processes left out by default")
        let sentences = text.lines.filter { !$0.isEmpty }
        #expect(sentences.count == json.lines.filter { !$0.isEmpty }.count)
        #expect(sentences.allSatisfy { $0.hasPrefix("At ") && $0.hasSuffix(".") })
        #expect(!text.stdout.contains(0x1B), "no escape byte from the log reaches the terminal")
        #expect(sentences.contains { $0.contains("alice successfully ran the command 'cat /etc/shadow'") })
        #expect(sentences.contains { $0.contains("in container dockaudit-web") })
        let unnamed = sentences.filter { $0.contains("has no sentence form") }.count
        print("sentences: \(sentences.count - unnamed) of \(sentences.count) events have a sentence")
    }

    /// Progress shows on a terminal for a long scan, and never when stderr is a pipe.
    @Test func progressOnlyOnATerminal() throws {
        let dir = try scratch("progress")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let source = try Data(contentsOf: URL(fileURLWithPath: try joinedLog(try recorded())))
        var big = Data()
        while big.count < 40 << 20 { big.append(source) }
        let log = dir + "/big.log"
        try big.write(to: URL(fileURLWithPath: log))
        let piped = try run(Environment.binary, ["report", "-if", log])
        #expect(piped.stderr.isEmpty, "\(piped.stderr.prefix(200))")
        let terminal = try run("/usr/bin/script", ["-qec", "\(Environment.binary) report -if \(log) >/dev/null", "/dev/null"])
        let shown = String(decoding: terminal.stdout, as: UTF8.self)
        #expect(shown.contains(" of ") && shown.contains("/s") && shown.contains("s left"), "\(shown.prefix(300))")
        let quiet = try run("/usr/bin/script", ["-qec", "\(Environment.binary) report --quiet -if \(log) >/dev/null", "/dev/null"])
        #expect(!String(decoding: quiet.stdout, as: UTF8.self).contains("s left"))
    }
}
