/// A worksheet as one self-contained HTML page, made to print on one A4 or letter page.
package enum WorksheetHTML {
    package static func html(_ sheet: Worksheet) -> String {
        let e = XMLText.escaped
        // Letter is 18 mm shorter than A4: its ruled lines are a little closer.
        let (pageSize, ruled) = sheet.page == .letter ? ("letter", "5.8mm") : ("A4", "6.5mm")
        var out = HTMLPage.opening(title: "Worksheet: " + sheet.name) + """
            @page { size: \(pageSize); margin: 11mm 12mm; }
            *, *::before, *::after { box-sizing: border-box; }
            html { color-scheme: light; }
            body { margin: 0 auto; max-width: 48rem; padding: 1.5rem 1.25rem; font: 10.5pt/1.35 Helvetica, Arial, sans-serif; color: #111; background: #fff; }
            h1 { font-size: 18pt; line-height: 1.2; margin: 0; }
            h2 { font-size: 11.5pt; margin: 4mm 0 1.5mm; padding-bottom: .5mm; border-bottom: 1.5px solid #111; }
            h3 { display: inline; font-size: 10.5pt; margin: 0; }
            p { margin: 0; }
            .meta { color: #555; font-size: 8.5pt; }
            .date { margin-top: 1mm; }
            dl.card { display: grid; grid-template-columns: 7.5em 1fr; gap: .6mm 3mm; margin: 0; }
            dl.card dt { font-weight: bold; }
            dl.card dd { margin: 0; overflow-wrap: anywhere; }
            .question { margin: 0 0 2.2mm; break-inside: avoid; page-break-inside: avoid; }
            .reached { font-weight: normal; color: #333; font-size: 9pt; }
            .prompt { overflow-wrap: anywhere; }
            .answer { font-style: italic; overflow-wrap: anywhere; }
            .line { border-bottom: 1px solid #777; height: \(ruled); }
            @media print {
              body { max-width: none; padding: 0; }
              .line { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            }
            </style>
            </head>
            <body>
            <header>
            <p class="meta">\(sheet.mapTitle.map { e(Worksheet.shortened($0, to: 100)) + " · " } ?? "")partsmap worksheet</p>
            <h1>\(e(sheet.name)) <small class="meta">(\(e(sheet.id.rawValue)))</small></h1>
            <p>\(e(sheet.summary))</p>
            <p class="date">Date: ____________________</p>
            </header>
            <main>

            """
        if !sheet.card.isEmpty {
            out += "<section aria-labelledby=\"known\">\n<h2 id=\"known\">What is known so far</h2>\n<dl class=\"card\">\n"
            for entry in sheet.card { out += "<dt>\(e(entry.label))</dt><dd>\(e(entry.text))</dd>\n" }
            out += "</dl>\n</section>\n"
        }
        out += "<section aria-labelledby=\"six-fs\">\n<h2 id=\"six-fs\">\(e(sheet.questionsHeading))</h2>\n"
        if let progress = sheet.progress { out += "<p class=\"meta\">\(e(progress))</p>\n" }
        if let caution = sheet.caution { out += "<p class=\"meta\">\(e(caution))</p>\n" }
        for (index, question) in sheet.questions.enumerated() {
            out += "<div class=\"question\">\n<h3>\(index + 1). \(question.heading)"
                + (question.reached ? " <span class=\"reached\">(reached)</span>" : "") + ":</h3>\n"
            out += "<span class=\"prompt\">\(e(question.prompt))</span>\n"
            if !question.answers.isEmpty {
                out += "<p class=\"answer\">So far: \(question.answers.map(e).joined(separator: "; "))</p>\n"
            }
            out += String(repeating: "<div class=\"line\"></div>\n", count: question.blankLines) + "</div>\n"
        }
        out += "</section>\n<section aria-labelledby=\"notes\">\n<h2 id=\"notes\">Notes</h2>\n"
        out += String(repeating: "<div class=\"line\"></div>\n", count: Worksheet.noteLines)
        out += "</section>\n</main>\n</body>\n</html>\n"
        return out
    }
}
