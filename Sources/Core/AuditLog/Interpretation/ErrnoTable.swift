/// errno names (`ENOENT`) and numbers, from libaudit's table (`Tables/Libaudit/ErrnoNames.swift`).
package enum ErrnoTable {
    public static func name(of number: Int) -> String? { number >= 0 && number < names.count ? names[number] : nil }

    public static func number(of name: String) -> Int? { numbers[name] }

    private static let numbers: [String: Int] = Dictionary(
        names.enumerated().compactMap { number, name in name.map { ($0, number) } }, uniquingKeysWith: min)
}
