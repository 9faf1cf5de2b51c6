/// An audit record type such as `SYSCALL` (1300) or `USER_LOGIN` (1112).
///
/// Names, numbers and the named constants (`MessageType.userLogin`) come from libaudit's
/// table (`Tables/Libaudit/MessageTypes.swift`, written by `scripts/gen-tables`);
/// a name the table does not know, like `UNKNOWN[1420]`, keeps the number in brackets.
public struct MessageType: Hashable, Sendable {
    public let number: Int

    public init(number: Int) { self.number = number }

    /// Looks a type up by its log name; nil for a name that is neither known nor `UNKNOWN[n]`.
    public init?(name: some StringProtocol) {
        if let n = MessageType.numberByName[String(name)] {
            number = n
        } else if name.hasPrefix("UNKNOWN["), name.hasSuffix("]"),
                  let n = Int(name.dropFirst(8).dropLast()) {
            number = n
        } else {
            return nil
        }
    }

    /// The log name: `SYSCALL`, or `UNKNOWN[n]` for a number libaudit does not name.
    public var name: String {
        if number >= 0 && number < MessageType.namesByNumber.count, let name = MessageType.namesByNumber[number] { return name }
        return "UNKNOWN[\(number)]"
    }

    /// Types that ausearch 3.0.9 treats as a whole event: when an event's first record has
    /// one of them, it is finished at once, and a later record with the same id opens a new event.
    /// ANOM_PROMISCUOUS (1700) is the exception measured against ausearch: it is followed by
    /// the SYSCALL record of the same id, and ausearch keeps them together.
    var endsEvent: Bool {
        self == .proctitle || number < 1300 || number > 1700 || (1406...1419).contains(number)
    }

    /// Names indexed by number (types are below 3000), for the name of every `-i` line.
    static let namesByNumber: [String?] = {
        var names = [String?](repeating: nil, count: 3000)
        for (number, name) in MessageType.named.reversed() where number < 3000 { names[number] = name }
        return names
    }()
    static let numberByName: [String: Int] = Dictionary(
        MessageType.named.map { ($0.name, $0.number) }, uniquingKeysWith: { first, _ in first })
}
