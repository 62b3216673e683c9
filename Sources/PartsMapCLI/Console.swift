import PartsMap
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where commands write: data to standard output, messages to standard error.
enum Console {
    static func output(_ text: String) { send(text, to: 1) }

    /// A message for the person, on standard error, with a newline.
    static func message(_ text: String) {
        let safe = TerminalText.visible(text)
        send(safe.hasSuffix("\n") ? safe : safe + "\n", to: 2)
    }

    /// Text that holds what a person typed (a card, a table, a history), for a terminal:
    /// control characters shown visibly, every line break one LF (`TerminalText`).
    static func show(_ text: String) { output(TerminalText.visible(text)) }

    static func send(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return  // a closed pipe (partsmap dot | head): nothing more to say
                }
                offset += written
            }
        }
    }

    /// Data a command produced: to `path` (atomically, private) when given, else (or for "-")
    /// to standard output. Says "wrote PATH" when it wrote a file.
    static func deliver(_ text: String, to path: String?, announce: Bool = true) throws(CommandError) {
        guard let path, path != "-" else {
            output(text)
            return
        }
        do {
            try FileSystem.writeAtomically(text, to: path)
        } catch {
            throw CommandError(.cannotCreate, error.description)
        }
        if announce { message("wrote \(path)") }
    }

    /// Whether `-o` names standard output.
    static func isStandardOutput(_ path: String?) -> Bool { path == "-" }
}
