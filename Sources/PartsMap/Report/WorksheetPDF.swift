/// A worksheet as Graphviz DOT that draws one page: a single node whose HTML-like label is a
/// table the size of the page, less half-inch margins. `dot -Tpdf` turns it into a PDF with
/// no dependency beyond Graphviz.
///
/// Graphviz does not wrap text, so lines are wrapped here; user text is escaped for HTML-like
/// labels (`& < > " '`, and `\` doubled, since Graphviz expands `\N` there too), and line
/// breaks become `<BR/>`.
package enum WorksheetPDF {
    /// Page size in points.
    static func points(_ page: DOTOptions.PageSize) -> (width: Int, height: Int) {
        switch page {
        case .a4: return (595, 842)
        case .letter: return (612, 792)
        }
    }

    /// Characters per line at 10 pt Helvetica, for the full width and for the card's value column.
    static func wrapWidths(_ page: DOTOptions.PageSize) -> (full: Int, value: Int) {
        page == .letter ? (104, 86) : (100, 82)
    }

    package static func dot(_ sheet: Worksheet) -> String {
        let size = points(sheet.page)
        let width = size.width - 72
        let height = size.height - 72
        let labelWidth = 86
        let widths = wrapWidths(sheet.page)
        var rows: [String] = []
        func row(_ content: String, extra: String = "") -> String {
            "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BALIGN=\"LEFT\"\(extra)>\(content)</TD></TR>"
        }
        func ruled(_ count: Int) -> [String] {
            Array(repeating: "<TR><TD COLSPAN=\"2\" HEIGHT=\"18\" SIDES=\"B\" BORDER=\"1\" COLOR=\"#777777\"> </TD></TR>", count: count)
        }
        let top = (sheet.mapTitle.map { Worksheet.shortened($0, to: 90) + " · " } ?? "") + "partsmap worksheet"
        rows.append(row("<FONT POINT-SIZE=\"8\" COLOR=\"#555555\">\(lines(top, width: 140))</FONT>"))
        rows.append(row("<FONT POINT-SIZE=\"18\">\(bold(nameLines(sheet)))</FONT>  <FONT COLOR=\"#555555\">(\(escaped(sheet.id.rawValue)))</FONT>"))
        rows.append(row(lines(sheet.summary, width: widths.full)))
        rows.append(row("Date: ____________________", extra: " HEIGHT=\"22\" VALIGN=\"BOTTOM\""))
        func heading(_ text: String) -> String {
            row("<FONT POINT-SIZE=\"11.5\"><B>\(text)</B></FONT>", extra: " SIDES=\"B\" BORDER=\"1\" HEIGHT=\"24\" VALIGN=\"BOTTOM\"")
        }
        if !sheet.card.isEmpty {
            rows.append(heading("What is known so far"))
            for entry in sheet.card {
                rows.append("<TR><TD ALIGN=\"LEFT\" VALIGN=\"TOP\" WIDTH=\"\(labelWidth)\">\(bold(escaped(entry.label)))</TD>"
                            + "<TD ALIGN=\"LEFT\" BALIGN=\"LEFT\" VALIGN=\"TOP\" WIDTH=\"\(width - labelWidth - 8)\">"
                            + lines(entry.text, width: widths.value) + "</TD></TR>")
            }
        }
        rows.append(heading(sheet.questionsHeading))
        for note in [sheet.progress, sheet.caution].compactMap({ $0 }) {
            rows.append(row("<FONT POINT-SIZE=\"8.5\" COLOR=\"#555555\">\(lines(note, width: 120))</FONT>"))
        }
        for (index, question) in sheet.questions.enumerated() {
            let heading = "\(index + 1). \(question.heading)" + (question.reached ? " (reached)" : "") + ": "
            let prompt = wrap(heading + question.prompt, width: widths.full)
            // The heading in bold: it is short, so it always ends on the first line.
            var first = prompt.first ?? ""
            first = String(first.dropFirst(min(first.count, heading.count)))
            rows.append(row("<B>\(escaped(heading))</B>" + ([escaped(first)] + prompt.dropFirst().map(escaped)).joined(separator: "<BR ALIGN=\"LEFT\"/>"),
                            extra: " HEIGHT=\"20\" VALIGN=\"BOTTOM\""))
            if !question.answers.isEmpty {
                rows.append(row("<I>" + lines("So far: " + question.answers.joined(separator: "; "), width: widths.full) + "</I>"))
            }
            rows += ruled(question.blankLines)
        }
        rows.append(heading("Notes"))
        rows += ruled(Worksheet.noteLines)
        rows.append("<TR><TD COLSPAN=\"2\"> </TD></TR>")

        let table = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\" WIDTH=\"\(width)\" HEIGHT=\"\(height)\">"
            + rows.joined(separator: "\n") + "</TABLE>"
        return """
            // A partsmap worksheet: one page drawn as one node. Edit the map, not this file.
            digraph "worksheet" {
              graph [margin="0.5", pad="0", size="\(XMLText.number(Double(width) / 72)),\(XMLText.number(Double(height) / 72))", bgcolor="#FFFFFF"];
              node [shape="none", margin="0", fontname="Helvetica", fontsize="10", fontcolor="#111111"];
              "worksheet" [tooltip="worksheet", label=<\(table)>];
            }

            """
    }

    /// The part's name for the heading; its ID when nothing of the name can be shown (a name of
    /// control characters only): Graphviz rejects an empty `<FONT></FONT>` too.
    static func nameLines(_ sheet: Worksheet) -> String {
        let shown = lines(sheet.name, width: 50)
        return shown.isEmpty ? escaped(sheet.id.rawValue) : shown
    }

    /// `content` in bold; nothing for no content (Graphviz rejects an empty `<B></B>`).
    static func bold(_ content: String) -> String {
        content.isEmpty ? "" : "<B>" + content + "</B>"
    }

    /// Text for an HTML-like label: `& < > " '` escaped, backslashes doubled, tabs as spaces,
    /// control characters dropped, line breaks as spaces (callers wrap with `lines`).
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            // Graphviz turns \N, \G and \E into names even in HTML-like labels; \\ shows one backslash.
            case "\\": out += "\\\\"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out += " "
            case "\r", "\u{FFFE}", "\u{FFFF}": continue
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0xD800...0xDFFF).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` wrapped at `width` characters on spaces (a longer word is cut), each line escaped,
    /// joined with left-aligned line breaks.
    static func lines(_ text: String, width: Int) -> String {
        wrap(text, width: width).map(escaped).joined(separator: "<BR ALIGN=\"LEFT\"/>")
    }

    static func wrap(_ text: String, width: Int) -> [String] {
        // Each paragraph wrapped as picture labels are, but never cut short: the worksheet has
        // already shortened long text to keep to one page.
        let result = ReportModel.lines(text).flatMap { TextMetrics.wrapped($0, limit: width, maximumLines: .max) }
        return result.isEmpty ? [""] : result
    }
}
