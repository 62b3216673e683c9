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
        var text = TextLines.normalized(text)  // a lone CR is a line break, as everywhere
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { quoted(bytes: $0, context) }
            ?? Array(text.utf8).withUnsafeBufferPointer { quoted(bytes: $0, context) }
    }

    /// `quoted(_:as:)` over the text's UTF-8 bytes: built as bytes, as appending scalar by
    /// scalar to a String costs far more (a 60-part map quotes about 250 labels and tooltips).
    private static func quoted(bytes: UnsafeBufferPointer<UInt8>, _ context: Context) -> String {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        out.reserveCapacity(min(bytes.count, maximumPieceBytes) + 16)
        var pieceStart = 1
        /// Starts a new piece when `size` more bytes would make this one too long.
        func room(_ size: Int) {
            if out.count - pieceStart + size > maximumPieceBytes {
                out.append(contentsOf: "\" + \"".utf8)
                pieceStart = out.count
            }
        }
        func append(_ unit: StaticString) {
            room(unit.utf8CodeUnitCount)
            unit.withUTF8Buffer { out.append(contentsOf: $0) }
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte >= 0x80 else {
                index += 1
                switch byte {
                case UInt8(ascii: "\\"): append(context == .label ? "\\\\" : "\\\\\\\\")
                case UInt8(ascii: "\""): append("\\\"")
                case UInt8(ascii: "&"): append("&amp;")
                case UInt8(ascii: "\n"): append("\\n")
                case UInt8(ascii: "\t"): append(" ")
                default:
                    // Other control characters (CR included) are dropped.
                    if byte < 0x20 || byte == 0x7F { continue }
                    room(1)
                    out.append(byte)
                }
                continue
            }
            // A scalar of 2 to 4 bytes, kept whole in one piece; U+FFFE and U+FFFF (EF BF BE,
            // EF BF BF) are dropped.
            let end = min(index + (byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2), bytes.count)
            if byte == 0xEF, end - index == 3, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE {
                index = end
                continue
            }
            room(end - index)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
            index = end
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
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
