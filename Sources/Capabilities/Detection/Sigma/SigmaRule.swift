import AuditLog
import Foundation
import Yams

/// A Sigma rule for `logsource: product: linux, service: auditd`, matched per record as
/// Sigma does. Field names are SigmaHQ's for auditd: `type` (the record type), `SYSCALL`
/// (the syscall's name), and the record's own fields (`key`, `exe`, `comm`, EXECVE's
/// `a0`…, PATH's `name` and `nametype`, the SYSCALL fields), hex-encoded values decoded.
public final class SigmaRule: Sendable {
    /// The rule's `id` (a UUID); alerts carry it as `rule`.
    public let id: String
    public let title: String
    public let level: Severity
    /// ATT&CK technique ids from the `attack.tNNNN` tags.
    public let techniques: [String]
    /// The selections in name order, and the condition over their numbers.
    private let ordered: [Selection]
    private let compiled: SigmaCondition.Compiled
    /// The record types the rule can match (`type:` in every way its condition can hold),
    /// uppercased; nil when any type can. Records of other types are not looked at.
    let recordTypes: Set<String>?

    /// One named selection: maps of field tests (any map matches; in a map every test must),
    /// or keywords searched in the record's text (any, or every one with `|all`).
    enum Selection: Sendable {
        case maps([[FieldTest]])
        case keywords([SigmaValue], all: Bool)
    }

    struct FieldTest: Sendable {
        let field: String
        /// Each value of the rule, as the forms any of which matches it (base64offset's
        /// three encodings, windash's two spellings; one form otherwise).
        let values: [[SigmaValue]]
        /// Every value must match (`|all`), not any.
        let all: Bool

        func matches(_ value: SigmaText?) -> Bool {
            all ? values.allSatisfy { $0.contains { $0.matches(value) } } : values.contains { $0.contains { $0.matches(value) } }
        }
    }

    /// The detection as dockaudit reports it.
    public var detection: Detection {
        Detection(id: id, title: title, severity: level, mitre: techniques, needs: [])
    }

    /// Reads a rule from YAML text; throws what is broken or unsupported, by name.
    public convenience init(yaml: String) throws {
        try self.init(parsing: yaml)
    }

    private init(parsing yaml: String) throws {
        let document: Any?
        do { document = try Yams.load(yaml: yaml) } catch { throw SigmaError.unreadable("not YAML: \(error)") }
        guard let rule = document as? [String: Any] else { throw SigmaError.unreadable("not a Sigma rule (no mapping at the top)") }
        guard let id = rule["id"] as? String, let title = rule["title"] as? String else { throw SigmaError.unreadable("a rule needs an id and a title") }
        let logsource = rule["logsource"] as? [String: Any] ?? [:]
        guard (logsource["product"] as? String)?.lowercased() == "linux", (logsource["service"] as? String)?.lowercased() == "auditd" else {
            throw SigmaError.notAuditd(logsource.map { "\($0.key): \($0.value)" }.sorted().joined(separator: ", "))
        }
        self.id = id
        self.title = title
        level = Self.severity(rule["level"] as? String)
        techniques = (rule["tags"] as? [String] ?? []).compactMap { tag in
            guard tag.lowercased().hasPrefix("attack.t"), tag.count > 8 else { return nil }
            return String(tag.dropFirst(7)).uppercased()
        }
        guard let detection = rule["detection"] as? [String: Any] else { throw SigmaError.unreadable("a rule needs a detection") }
        if detection["timeframe"] != nil { throw SigmaError.unsupported("timeframe (correlations over time)") }
        var selections: [String: Selection] = [:]
        for (name, body) in detection where name != "condition" {
            selections[name] = try Self.selection(name, body)
        }
        let names = selections.keys.sorted()
        let conditionText: String
        if let text = detection["condition"] as? String {
            conditionText = text
        } else if let list = detection["condition"] as? [String] {
            conditionText = list.map { "(\($0))" }.joined(separator: " or ")
        } else {
            throw SigmaError.unreadable("a detection needs a condition")
        }
        let condition = try SigmaCondition.parse(conditionText, selections: Set(selections.keys))
        ordered = names.map { selections[$0]! }
        compiled = condition.compiled(names: names)
        let typesBySelection = selections.mapValues(Self.types)
        recordTypes = Self.types(of: condition, typesBySelection, names: names)
    }

    /// The types a selection restricts records to: every map tests `type` with plain values.
    private static func types(_ selection: Selection) -> Set<String>? {
        guard case .maps(let maps) = selection, !maps.isEmpty else { return nil }
        var all: Set<String> = []
        for tests in maps {
            guard let test = tests.first(where: { $0.field == "type" }), !test.all else { return nil }
            let names = test.values.flatMap { $0 }.map(\.plainText)
            guard !names.contains(nil) else { return nil }
            all.formUnion(names.compactMap { $0?.uppercased() })
        }
        return all
    }

    private static func types(of condition: SigmaCondition, _ types: [String: Set<String>?], names: [String]) -> Set<String>? {
        func union(_ sets: [Set<String>?]) -> Set<String>? { sets.contains { $0 == nil } ? nil : sets.reduce(into: Set<String>()) { $0.formUnion($1!) } }
        func intersection(_ sets: [Set<String>?]) -> Set<String>? {
            let known = sets.compactMap { $0 }
            return known.isEmpty ? nil : known.dropFirst().reduce(known[0]) { $0.intersection($1) }
        }
        switch condition {
        case .selection(let name): return types[name] ?? nil
        case .not: return nil
        case .and(let a, let b): return intersection([Self.types(of: a, types, names: names), Self.types(of: b, types, names: names)])
        case .or(let a, let b): return union([Self.types(of: a, types, names: names), Self.types(of: b, types, names: names)])
        case .of(let all, let pattern):
            let chosen = names.filter { SigmaCondition.name($0, fits: pattern) }.map { types[$0] ?? nil }
            return all ? intersection(chosen) : union(chosen)
        }
    }

    /// Whether one record matches.
    public func matches(_ record: SigmaRecord) -> Bool {
        compiled.matches { Self.matches(ordered[$0], record) }
    }

    private static func matches(_ selection: Selection, _ record: SigmaRecord) -> Bool {
        switch selection {
        case .maps(let maps):
            return maps.contains { tests in
                tests.allSatisfy { $0.matches(record.value($0.field)) }
            }
        case .keywords(let values, let all):
            let text = record.text
            return all ? values.allSatisfy { $0.matches(text) } : values.contains { $0.matches(text) }
        }
    }

    private static func severity(_ level: String?) -> Severity {
        switch level?.lowercased() {
        case "critical": return .critical
        case "high": return .high
        case "medium": return .medium
        case "low": return .low
        default: return .info
        }
    }

    private static func selection(_ name: String, _ body: Any) throws -> Selection {
        if let map = body as? [String: Any] {
            if map.count == 1, let (key, values) = map.first, key == "|all" {
                return .keywords(try list(values).flatMap { try value($0, modifiers: ["contains"]) }, all: true)
            }
            return .maps([try tests(map)])
        }
        if let list = body as? [Any] {
            if list.allSatisfy({ $0 is [String: Any] }) { return .maps(try list.map { item in try tests(item as! [String: Any]) }) }
            return .keywords(try list.flatMap { try value($0, modifiers: ["contains"]) }, all: false)
        }
        if body is String || body is Int { return .keywords(try value(body, modifiers: ["contains"]), all: false) }
        throw SigmaError.unsupported("the selection '\(name)'")
    }

    private static func tests(_ map: [String: Any]) throws -> [FieldTest] {
        try map.map { key, raw throws in
            let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let modifiers = Array(parts.dropFirst())
            let values = raw is NSNull ? [[SigmaValue.absent]] : try list(raw).map { try value($0, modifiers: modifiers) }
            return FieldTest(field: parts[0], values: values, all: modifiers.contains("all"))
        }
    }

    private static func list(_ raw: Any) throws -> [Any] {
        if let list = raw as? [Any] { return list }
        return [raw]
    }

    static let known: Set<String> = ["contains", "startswith", "endswith", "all", "re", "base64", "base64offset", "cidr", "windash"]

    private static func value(_ raw: Any, modifiers: [String]) throws -> [SigmaValue] {
        for modifier in modifiers where !known.contains(modifier) { throw SigmaError.unsupported("the modifier '\(modifier)'") }
        if raw is NSNull { return [.absent] }
        var text: String
        switch raw {
        case let string as String: text = string
        case let number as Int: text = String(number)
        case let number as Double: text = String(number)
        case let flag as Bool: text = flag ? "true" : "false"
        default: throw SigmaError.unsupported("the value \(raw)")
        }
        if modifiers.contains("re") { return [.regex(try RegexBox(text))] }
        if modifiers.contains("cidr") {
            guard let range = IPRange(text) else { throw SigmaError.unsupported("the address range '\(text)' (IPv4 only)") }
            return [.cidr(range)]
        }
        let contains = modifiers.contains("contains") || modifiers.contains("base64offset")
        func pattern(_ text: String) -> SigmaValue {
            .pattern(text, prefix: contains || modifiers.contains("endswith"), suffix: contains || modifiers.contains("startswith"))
        }
        if modifiers.contains("base64offset") {
            // The value's encoding at each of the three offsets it may start at, less the
            // characters that depend on its neighbours.
            let bytes = Array(text.utf8)
            return (0..<3).map { offset in
                let encoded = Array(Data(Array(repeating: UInt8(ascii: " "), count: offset) + bytes).base64EncodedString())
                let start = [0, 2, 3][offset], end = encoded.count - [0, 3, 2][(bytes.count + offset) % 3]
                return pattern(String(encoded[start..<max(start, end)]))
            }
        }
        if modifiers.contains("base64") { text = Data(text.utf8).base64EncodedString() }
        if modifiers.contains("windash") { return Self.dashes.map { pattern(Self.windash(text, with: $0)) } }
        return [pattern(text)]
    }

    /// windash: a parameter's leading dash in each spelling Windows accepts, as pySigma expands it.
    static let dashes: [Character] = ["-", "/", "\u{2013}", "\u{2014}", "\u{2015}"]

    /// `text` with every dash that starts a word (the value's start, or after a space) spelled `dash`.
    static func windash(_ text: String, with dash: Character) -> String {
        var result = ""
        var previous: Character = " "
        for character in text {
            result.append(previous == " " && dashes.contains(character) ? dash : character)
            previous = character
        }
        return result
    }
}

/// One record as Sigma rules see it: its fields by name, values decoded, and its text; read
/// once, when a rule first asks.
public final class SigmaRecord {
    let record: AuditRecord
    private lazy var fields: [String: SigmaText] = {
        var fields: [String: SigmaText] = [:]
        for field in record.fields where fields[field.name] == nil {
            var value = field.value
            if field.quoting == .bare, Self.mayBeHex(field.name, in: record), let decoded = HexText.decode(ArraySlice(field.value.utf8)) {
                value = decoded
                decodedText += " " + decoded
            }
            fields[field.name] = SigmaText(value)
        }
        return fields
    }()
    private var decodedText = ""
    /// The line, with hex-encoded values added decoded, for keyword searches.
    lazy var text: SigmaText = {
        _ = fields
        return SigmaText(String(decoding: record.bytes, as: UTF8.self) + decodedText)
    }()

    public init(_ record: AuditRecord) { self.record = record }

    /// The record's type name, uppercased, as `type:` compares it.
    var typeName: String { record.type.name.uppercased() }

    func value(_ name: String) -> SigmaText? {
        switch name {
        case "type": return SigmaText(record.type.name)
        case "SYSCALL":
            let named = record.enrichment["SYSCALL"] ?? fields["syscall"].flatMap { Int($0.text) }.flatMap { number in
                SyscallTable.name(of: number, arch: fields["arch"].flatMap { UInt32($0.text, radix: 16) })
            }
            return named.map(SigmaText.init)
        // ENRICHED names (UID, SYSCALL) and what auditd spells out of a SOCKADDR (laddr, lport, saddr_fam).
        default: return fields[name] ?? record.enrichment[name].map(SigmaText.init)
        }
    }

    private static func mayBeHex(_ name: String, in record: AuditRecord) -> Bool {
        if ["name", "cwd", "exe", "comm", "cmd", "acct", "key", "path", "proctitle", "data"].contains(name) { return true }
        return record.type == .execve && name.first == "a" && name.dropFirst().allSatisfy(\.isNumber) && name.count > 1
    }
}
