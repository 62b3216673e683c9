/// User text on its way to a terminal: every control character a terminal would act on (ESC
/// starting an OSC or CSI sequence, C1 controls, BEL, DEL, bidirectional overrides) is shown
/// visibly as `\u{1B}` (the form the map format's quoted strings use), so a part named
/// `\e]0;pwned\a` cannot retitle or clear the screen. Line breaks stay line breaks: LF, CR LF and
/// a lone CR are each one break (the same rule as `TextLines`). Tabs stay.
///
/// The one place this is decided: error messages (`Console.message`) and the commands that
/// print user text (`part list|show`, `session list|show`, `journey`, `history`, text `diff`,
/// `textconv`) all go through it.
public enum TerminalText {
    /// `text` safe to print. With `singleLine`, line breaks are shown as `\n` too (table cells).
    public static func visible(_ text: String, singleLine: Bool = false) -> String {
        // Fast path: most text has nothing to change.
        if !text.utf8.contains(where: { $0 < 0x20 && $0 != 0x0A && $0 != 0x09 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 })
            && !(singleLine && text.utf8.contains(0x0A)) {
            return text
        }
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\n":
                if previousWasCR { continue }  // CR LF: the CR already made the break
                if singleLine { out.append(contentsOf: "\\n".unicodeScalars) } else { out.append(scalar) }
            case "\r":
                if singleLine { out.append(contentsOf: "\\n".unicodeScalars) } else { out.append("\n") }
            case "\t":
                out.append(scalar)
            default:
                if isControl(scalar) {
                    out.append(contentsOf: ("\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}").unicodeScalars)
                } else {
                    out.append(scalar)
                }
            }
        }
        return String(out)
    }

    /// C0 and C1 controls, DEL, and the invisible bidirectional formatting characters.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F, 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F: return true
        default: return false
        }
    }
}

/// How text is cut into lines, in every output (SVG, HTML, Markdown, terminal): LF, CR LF and a
/// lone CR are each one line break.
public enum TextLines {
    /// `text` with every CR LF and lone CR turned into LF.
    public static func normalized(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            if scalar == "\r" { out.append("\n"); continue }
            if scalar == "\n" && previousWasCR { continue }
            out.append(scalar)
        }
        return String(out)
    }
}
