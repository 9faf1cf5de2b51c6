import AuditLog

/// A JSON document built in code, written by `JSONWriter` compactly with sorted keys
/// (what `boot --format json` prints).
enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case integer(Int)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    package static func optional(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }
    package static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    public static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }

    public func text() -> String {
        var json = JSONWriter()
        write(into: &json)
        return json.text()
    }

    private func write(into json: inout JSONWriter) {
        switch self {
        case .null: json.null()
        case .bool(let value): json.bool(value)
        case .integer(let value): json.int(value)
        case .number(let value): json.double(value)
        case .string(let value): json.string(value)
        case .array(let values): json.array(values) { json, value in value.write(into: &json) }
        case .object(let members):
            json.object { o in
                for key in members.keys.sorted() {
                    o.key(key)
                    members[key]!.write(into: &o)
                }
            }
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
