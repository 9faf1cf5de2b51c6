import AuditLog
import AuditReport
import Glibc

extension OutputChoice {
    /// How `search` and `follow` write an event in this format: ausearch's formats and JSON
    /// through `EventWriter`, `text` as sentences; control characters escaped on a terminal.
    var eventOutput: SearchRun.Output {
        if self == .text { return .sentences(EventSentence(userName: ContainerSource.userName)) }
        return .events(EventWriter(format: OutputFormat(rawValue: rawValue)!, interpreter: Interpreter(names: ContainerSource.names),
                                   escapeControlCharacters: isatty(1) == 1))
    }
}
