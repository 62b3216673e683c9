/// How free text is written in a `.parts` file: bare when that reads back exactly, in double
/// quotes with backslash escapes when it would not (leading spaces, `" # "`, newlines, ...).
package enum MapText {
    /// Text as it should appear after `key: `. `isListItem` also protects commas;
    /// `beforeComment` says a trailing comment follows on the line.
    package static func inline(_ text: String, isListItem: Bool = false, beforeComment: Bool = false) -> String {
        // Bare `"a` followed by `  # b"` would read back as one string literal.
        if beforeComment && text.unicodeScalars.first == "\"" { return quoted(text) }
        return canBeBare(text, isListItem: isListItem) ? text : quoted(text)
    }

    /// Whether the text reads back unchanged without quotes.
    static func canBeBare(_ text: String, isListItem: Bool = false) -> Bool {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return false }
        if first == "#" || isBlank(first) || isBlank(last) { return false }
        // In lists every item is judged alone, so an item starting with a quote is always quoted:
        // otherwise `"a` and `b"` in neighbouring items would read back as one quoted item.
        if first == "\"" && (isListItem || readsAsLiteral(text, isListItem: false)) { return false }
        var blanksBefore = 0
        var previousIsHashAfterBlank = false
        for scalar in scalars {
            if isControl(scalar) { return false }
            if isListItem && scalar == "," { return false }
            // " # ", "  #x" or a final " #" would start a comment.
            if previousIsHashAfterBlank && isBlank(scalar) { return false }
            if scalar == "#" && blanksBefore >= 2 { return false }
            previousIsHashAfterBlank = blanksBefore > 0 && scalar == "#"
            blanksBefore = isBlank(scalar) ? blanksBefore + 1 : 0
        }
        return !previousIsHashAfterBlank
    }

    /// Whether bare text starting with `"` would be read back as a string literal (and so lose
    /// its quotes): the literal is valid and only blanks, a comment or (in lists) a comma follow it.
    static func readsAsLiteral(_ text: String, isListItem: Bool) -> Bool {
        var scalars = text.unicodeScalars.dropFirst()[...]
        while let scalar = scalars.popFirst() {
            if scalar == "\"" {
                let rest = scalars.drop { isBlank($0) }
                return rest.isEmpty || rest.first == "#" || (isListItem && rest.first == ",")
            }
            guard scalar == "\\" else { continue }
            switch scalars.popFirst() {
            case "\\", "\"", "n", "r", "t": continue
            case "u":
                guard scalars.popFirst() == "{" else { return false }
                var digits = ""
                while let next = scalars.popFirst(), next != "}" { digits.unicodeScalars.append(next) }
                guard (1...6).contains(digits.count), let value = UInt32(digits, radix: 16),
                      Unicode.Scalar(value) != nil else { return false }
            default:
                return false
            }
        }
        return false
    }

    /// The text in double quotes, with `\\ \" \n \r \t` and `\u{…}` for other control characters.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if isControl(scalar) {
                    out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Whether multi-line text can be written as an indented block and read back exactly.
    static func canBeBlock(_ text: String) -> Bool {
        guard text.contains("\n") else { return false }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, let last = lines.last, !first.isEmpty, !last.isEmpty else { return false }
        if let head = first.unicodeScalars.first, isBlank(head) { return false }
        for line in lines {
            var onlyBlank = !line.isEmpty
            if let end = line.unicodeScalars.last, isBlank(end) { return false }  // editors strip these
            for scalar in line.unicodeScalars {
                if scalar != "\t" && isControl(scalar) { return false }
                if !isBlank(scalar) { onlyBlank = false }
            }
            if onlyBlank { return false }
        }
        return true
    }

    static func isBlank(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool { scalar.value < 0x20 || scalar.value == 0x7F }
}
