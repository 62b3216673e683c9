/// Escaping of user text for Mermaid flowchart labels, following how Mermaid 11 really reads it
/// (docs/mermaid.md, "How text reaches the diagram", gives each rule with its source).
///
/// Every label PartsMap writes is a double-quoted Mermaid string, and inside it every character
/// that Mermaid, or the HTML it renders labels into, would read as syntax becomes a Mermaid
/// entity code (`#35;` for `#`). So whatever a person typed shows up in the diagram as typed,
/// and can never end the string, add a node or an edge, change the configuration or become
/// HTML. Node IDs are never made from user text.
public enum MermaidText {
    /// The characters written as entity codes wherever they are:
    ///
    /// - `"` ends a quoted string (Mermaid has no backslash escape inside one);
    /// - `#` starts an entity code, so a `#` the person typed must not start one;
    /// - `&`, `<` and `>` would be read as HTML in the label;
    /// - `` ` `` at the start of a string makes it a Markdown string (`**bold**`, `_em_`);
    /// - `%` could start a `%%{init: …}%%` directive, which Mermaid looks for anywhere in the text;
    /// - `:` on a line with the word `style` or `classDef` lets Mermaid's entity pre-pass cut the
    ///   line's last `;` (it takes `style …: … #…;` for a colour), breaking the last entity code;
    /// - `\` would make a typed `\n` a line break.
    public static let encoded: Set<Unicode.Scalar> = ["\"", "\\", "#", "&", "<", ">", "`", "%", ":"]

    /// Pairs of characters Mermaid reads as one thing in any form, entity codes included: `\n`
    /// (a line break) and the private markers it uses while decoding entity codes, `ﬂ°` and `¶ß`
    /// (which would become `&` and `;`). An invisible word joiner (U+2060) goes between them.
    public static let joinedPairs: [(Unicode.Scalar, Unicode.Scalar)] = [("\\", "n"), ("\u{FB02}", "\u{B0}"), ("\u{B6}", "\u{DF}")]

    /// The inside of a quoted label for `text`: put it between `"` and `"`.
    ///
    /// A line break becomes `<br>` (the only markup PartsMap writes), a tab a space; a lone
    /// carriage return is a line break too (`TextLines`), as in the other outputs; other
    /// control characters are left out.
    public static func label(_ text: String) -> String {
        let text = TextLines.normalized(text)
        var out = ""
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            if joinedPairs.contains(where: { $0.0 == previous && $0.1 == scalar }) { out += "\u{2060}" }
            switch scalar {
            case "\n": out += "<br>"
            case "\t": out += " "
            case "\r", "\u{FFFE}", "\u{FFFF}": continue
            case _ where encoded.contains(scalar): out += "#\(scalar.value);"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A complete quoted label: `"…"`.
    public static func quoted(_ text: String) -> String {
        "\"" + label(text) + "\""
    }
}
