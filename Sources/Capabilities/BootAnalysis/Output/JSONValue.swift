import AuditLog

/// A JSON document built in code and written compactly with sorted keys (what `boot
/// --format json` prints), without Foundation's JSONSerialization.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case integer(Int)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public static func optional(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }
    public static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    public static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }

    public func text() -> String {
        var out = OutputBuffer()
        write(into: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    private func write(into out: inout OutputBuffer) {
        switch self {
        case .null: out.append("null")
        case .bool(let value): out.append(value ? "true" : "false")
        case .integer(let value): out.append(String(value))
        case .number(let value):
            out.append(value.isFinite ? (value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)) : "null")
        case .string(let value): Escaping.jsonString(value, into: &out)
        case .array(let values):
            out.append(byte: UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { out.append(byte: UInt8(ascii: ",")) }
                value.write(into: &out)
            }
            out.append(byte: UInt8(ascii: "]"))
        case .object(let members):
            out.append(byte: UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { out.append(byte: UInt8(ascii: ",")) }
                Escaping.jsonString(key, into: &out)
                out.append(byte: UInt8(ascii: ":"))
                members[key]!.write(into: &out)
            }
            out.append(byte: UInt8(ascii: "}"))
        }
    }
}

/// `12.3` for 0.1234 with `digits` 1: fixed-point text without Foundation.
func fixed(_ value: Double, digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = Int((abs(value) * scale).rounded())
    let whole = scaled / Int(scale), fraction = String(scaled % Int(scale))
    let sign = value < 0 && scaled != 0 ? "-" : ""
    guard digits > 0 else { return sign + String(whole) }
    return sign + "\(whole)." + String(repeating: "0", count: digits - fraction.count) + fraction
}
