/// Escaping for text placed in XML and HTML (element text and attribute values alike).
public enum XMLText {
    /// `text` safe in element text and attribute values: markup characters escaped, characters
    /// XML forbids dropped.
    public static func escaped(_ text: String) -> String {
        let text = TextLines.normalized(text)  // a lone CR is a line break, as everywhere
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            case "\r", "\u{FFFE}", "\u{FFFF}": continue
            default:
                // Characters XML 1.0 forbids are dropped rather than making the document invalid.
                if scalar.value < 0x20 || (0xD800...0xDFFF).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A number with at most one decimal, written the same way on every machine.
    static func number(_ value: Double) -> String { DecimalText.tenths(value) }
}
