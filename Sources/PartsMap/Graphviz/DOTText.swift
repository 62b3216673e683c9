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
        // Built as bytes: appending scalar by scalar to a String costs far more.
        var pieces: [[UInt8]] = []
        var current: [UInt8] = []
        current.reserveCapacity(min(text.utf8.count + 16, maximumPieceBytes))
        /// Starts a new piece when `size` more bytes would make this one too long.
        func room(_ size: Int) {
            if current.count + size > maximumPieceBytes {
                pieces.append(current)
                current.removeAll(keepingCapacity: true)
            }
        }
        func append(_ unit: StaticString) {
            room(unit.utf8CodeUnitCount)
            unit.withUTF8Buffer { current.append(contentsOf: $0) }
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
                if scalar.isASCII {
                    room(1)
                    current.append(UInt8(scalar.value))
                } else {
                    room(UTF8.width(scalar))
                    UTF8.encode(scalar) { current.append($0) }
                }
            }
        }
        pieces.append(current)
        return pieces.map { "\"" + String(decoding: $0, as: UTF8.self) + "\"" }.joined(separator: " + ")
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
