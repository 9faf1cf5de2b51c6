/// A comparison operator of `-F` (and `=`/`!=` of `-C`).
package enum FieldOperator: String, Sendable, Hashable, CaseIterable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case greater = ">"
    case lessOrEqual = "<="
    case greaterOrEqual = ">="
    /// Any of the mask's bits is set.
    case bitMask = "&"
    /// All of the mask's bits are set.
    case bitTest = "&="

    /// The operators in the order a `name<op>value` text is tried: two-character ones first.
    static let parseOrder: [FieldOperator] = [.notEqual, .lessOrEqual, .greaterOrEqual, .bitTest,
                                              .equal, .less, .greater, .bitMask]
}

/// One `-F name<op>value` of a syscall rule.
package struct RuleField: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var op: FieldOperator
    public var value: String

    public init(name: String, op: FieldOperator, value: String) {
        self.name = name
        self.op = op
        self.value = value
    }

    public var description: String { "\(name)\(op.rawValue)\(value)" }
}

/// One `-C left<op>right` field comparison.
package struct FieldComparison: Sendable, Hashable, CustomStringConvertible {
    package var left: String
    public var op: FieldOperator
    package var right: String

    public var description: String { "\(left)\(op.rawValue)\(right)" }
}
