/// Escaping for user text placed in Markdown, so that whatever a person typed reads as the
/// same text and never becomes markup (emphasis, links, images, headings, lists, tables, HTML).
///
/// Markdown-significant ASCII punctuation gets a backslash (CommonMark lets any ASCII
/// punctuation be escaped that way); `<` and `&` become HTML entities, so no tag or entity
/// can form. A line that would start a list, a heading rule or a quote has its first mark
/// escaped too.
enum MarkdownText {
    /// Characters that get a backslash wherever they are.
    static let significant: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "[", "]", ">", "#", "|", "!", "~"]

    /// One line of user text, escaped (tabs and line feeds become spaces, other control characters go).
    ///
    /// Leading blanks become `&#32;` (four would start a code block, and after a list marker
    /// they would move what follows out of the item), and empty text is one `&#32;`, so a list
    /// item `- NAME (…)` keeps its marker's indentation whatever the name holds.
    static func escaped(_ line: String) -> String {
        var out = ""
        var atStart = true
        var leadingDigits = false
        let line = TextLines.normalized(line)
        if line.isEmpty { return "&#32;" }
        for scalar in line.unicodeScalars {
            if atStart && (scalar == " " || scalar == "\t") {
                out += "&#32;"
                continue
            }
            switch scalar {
            case "<": out += "&lt;"
            case "&": out += "&amp;"
            case "\t", "\n": out += " "
            case "\r", "\u{FFFE}", "\u{FFFF}": continue
            case _ where significant.contains(scalar): out += "\\" + String(scalar)
            case _ where atStart && (scalar == "-" || scalar == "+" || scalar == "="):
                out += "\\" + String(scalar)
            case _ where leadingDigits && (scalar == "." || scalar == ")"):
                out += "\\" + String(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
            let isDigit = ("0"..."9").contains(scalar)
            leadingDigits = isDigit && (atStart || leadingDigits)
            if scalar != " " { atStart = false }
        }
        return out
    }

    /// The inverse of `escaped` for text that had no control characters: used by tests to prove
    /// that escaping loses nothing.
    static func unescaped(_ text: String) -> String {
        var out = ""
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if scalar == "\\", let next = scalars.first {
                out.unicodeScalars.append(next)
                scalars.removeFirst()
            } else if scalar == "&" {
                let rest = String(String.UnicodeScalarView(scalars.prefix(4)))
                if rest.hasPrefix("lt;") { out += "<"; scalars.removeFirst(3) }
                else if rest.hasPrefix("#32;") { out += " "; scalars.removeFirst(4) }
                else if rest.hasPrefix("amp;") { out += "&"; scalars.removeFirst(4) }
                else { out += "&" }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text that may run over several lines, as Markdown lines: each line escaped and stripped
    /// of leading spaces (which would start code blocks), blank lines kept as paragraph breaks,
    /// every line after the first indented by `indent` so it stays inside a list item.
    static func block(_ text: String, indent: String = "") -> String {
        var lines: [String] = []
        for line in ReportModel.lines(text) {
            let trimmed = String(String.UnicodeScalarView(line.unicodeScalars.drop { $0 == " " || $0 == "\t" }))
            lines.append(trimmed.isEmpty ? "" : escaped(trimmed))
        }
        while lines.last == "" { lines.removeLast() }
        while lines.first == "" { lines.removeFirst() }
        var collapsed: [String] = []
        for line in lines where !(line.isEmpty && collapsed.last?.isEmpty == true) { collapsed.append(line) }
        return collapsed.enumerated().map { index, line in
            index == 0 || line.isEmpty ? line : indent + line
        }.joined(separator: "\n")
    }
}
