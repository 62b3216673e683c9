/// How much room text takes in a picture, estimated without asking Graphviz: the clinical
/// layout places parts itself and needs their sizes before Graphviz runs.
///
/// Widths are those Graphviz 2.42 measures for "Helvetica" on Debian (fontconfig gives it
/// DejaVu Sans), in thousandths of the font size, measured once with `dot -Tjson`. Other
/// systems' Helvetica is narrower, so the estimate errs on the roomy side.
enum TextMetrics {
    /// Widths of ASCII 32…126.
    private static let asciiWidths: [Int] = [
        315, 397, 457, 840, 637, 952, 780, 277, 390, 390, 502, 840, 315, 360, 315, 337, 637, 637, 637, 637, 637, 637, 637, 637,
        637, 637, 337, 337, 840, 840, 840, 532, 997, 713, 682, 698, 772, 630, 577, 772, 750, 292, 292, 652, 555, 862, 750, 788,
        600, 788, 698, 637, 592, 735, 682, 990, 682, 608, 682, 390, 337, 390, 840, 502, 502, 615, 637, 547, 637, 615, 345, 637,
        637, 277, 277, 577, 277, 975, 637, 615, 637, 637, 390, 517, 390, 637, 592, 817, 592, 592, 525, 637, 337, 637, 840,
    ]

    /// Width of one line of text in points. Small sizes are hinted wider, hence the 6 %.
    static func width(of line: String, fontSize: Double) -> Double {
        var thousandths = 0
        for scalar in line.unicodeScalars {
            let value = Int(scalar.value)
            if value >= 32 && value < 127 {
                thousandths += asciiWidths[value - 32]
            } else if value >= 0x1100 && (value <= 0x115F || (value >= 0x2E80 && value <= 0xA4CF) || (value >= 0xAC00 && value <= 0xD7A3)
                                          || (value >= 0xF900 && value <= 0xFAFF) || (value >= 0xFF00 && value <= 0xFF60)
                                          || value >= 0x1F300) {
                thousandths += 1_000  // wide: CJK, Hangul, emoji
            } else if value >= 0x0300 && value <= 0x036F {
                continue  // combining marks take no room
            } else {
                thousandths += 700
            }
        }
        return Double(thousandths) * fontSize / 1_000 * 1.06 + 2
    }

    /// Height of `lines` lines of text in points.
    static func height(lines: Int, fontSize: Double) -> Double {
        Double(max(1, lines)) * fontSize * 1.1 + 2
    }

    /// `text` broken at spaces into lines of at most `limit` characters (longer words are cut
    /// into pieces), at most `maximumLines` of them; the last shown line ends in "…" when
    /// text is left over. Pictures wrap instead of cutting; tooltips keep the whole text.
    ///
    /// `balanced` lines are as even as the same number of lines allows, so a label never ends
    /// in one short word ("…the winter dad" / "left"): the narrowest limit giving as many lines.
    static func wrapped(_ text: String, limit: Int, maximumLines: Int = 4, balanced: Bool) -> [String] {
        let lines = wrapped(text, limit: limit, maximumLines: maximumLines)
        guard balanced, lines.count > 1, lines.count <= maximumLines, !(lines.last?.hasSuffix("…") ?? false) else { return lines }
        let longestWord = text.split(separator: " ").map(\.count).max() ?? 0
        let narrowest = max(longestWord, text.count / lines.count)
        guard narrowest < limit else { return lines }
        for narrower in narrowest..<limit {
            let candidate = wrapped(text, limit: narrower, maximumLines: maximumLines)
            if candidate.count == lines.count && !(candidate.last?.hasSuffix("…") ?? false) { return candidate }
        }
        return lines
    }

    static func wrapped(_ text: String, limit: Int, maximumLines: Int = 4) -> [String] {
        if text.count <= limit { return [text] }
        var lines: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty { lines.append(current) }
            current = ""
        }
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            while word.count > limit {
                flush()
                lines.append(String(word.prefix(limit)))
                word = word.dropFirst(limit)
            }
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= limit {
                current += " " + word
            } else {
                flush()
                current = String(word)
            }
        }
        flush()
        if lines.isEmpty { return [""] }
        if lines.count > maximumLines {
            lines = Array(lines.prefix(maximumLines))
            var last = lines[maximumLines - 1]
            if last.count >= limit { last = String(last.prefix(limit - 1)) }
            lines[maximumLines - 1] = last + "…"
        }
        return lines
    }
}

extension DOTWriter {
    /// `text` cut to about `limit` characters, at a space where it can, ending in "…" when
    /// text is left over: for one-line captions (Mermaid notes, page titles, box labels).
    static func shortened(_ text: String, to limit: Int) -> String {
        TextMetrics.wrapped(text, limit: limit, maximumLines: 1).first ?? ""
    }
}
