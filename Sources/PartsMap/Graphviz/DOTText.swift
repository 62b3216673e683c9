/// Escaping of user text for DOT, following how Graphviz 2.43 really reads it
/// (see docs/visual-conventions.md, "How text reaches the picture").
///
/// The goal is that whatever a person typed shows up in the picture exactly as typed, and can
/// never change the meaning of the DOT around it.
enum DOTText {
    /// Graphviz fails on a quoted run of 16,382 bytes or more; stay well below.
    static let maximumPieceBytes = 8_000

    /// Which escaping rules apply: plain labels and tooltips differ in how backslashes survive.
    enum Context {
        case label
        case tooltip
    }

    /// A complete DOT string for `text`: `"…"`, or `"…" + "…"` when it is long.
    static func quoted(_ text: String, as context: Context = .label) -> String {
        let text = TextLines.normalized(text)  // a lone CR is a line break, as everywhere
        var pieces: [String] = []
        var current = ""
        var currentBytes = 0
        func append(_ unit: String) {
            let size = unit.utf8.count
            if currentBytes + size > maximumPieceBytes {
                pieces.append(current)
                current = ""
                currentBytes = 0
            }
            current += unit
            currentBytes += size
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": append(context == .label ? "\\\\" : "\\\\\\\\")
            case "\"": append("\\\"")
            case "&": append("&amp;")
            case "\n": append("\\n")
            case "\t": append(" ")
            case "\r", "\u{FFFE}", "\u{FFFF}": continue
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                append(String(scalar))
            }
        }
        pieces.append(current)
        return pieces.map { "\"" + $0 + "\"" }.joined(separator: " + ")
    }

    /// What Graphviz will show for `text`: tabs become spaces, other control characters go.
    /// Tests compare rendered SVG text against this.
    static func displayed(_ text: String) -> String {
        let text = TextLines.normalized(text)
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\t": out += " "
            case "\n": out += "\n"
            case "\r", "\u{FFFE}", "\u{FFFF}": continue
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
