/// errno names (`ENOENT`) and numbers, from libaudit's table.
public enum ErrnoTable {
    public static func name(of number: Int) -> String? { GeneratedTables.errnoNames[number] }

    public static func number(of name: String) -> Int? { numbers[name] }

    private static let numbers: [String: Int] = Dictionary(
        GeneratedTables.errnoNames.map { ($0.value, $0.key) }, uniquingKeysWith: min)
}
