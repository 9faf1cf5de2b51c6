/// Words for counts in text meant for people.
package enum Wording {
    /// "1 session", "3 sessions"; `plural` for nouns that do not take an s.
    public static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        "\(n) \(n == 1 ? noun : plural ?? noun + "s")"
    }
}
