/// The report as one self-contained HTML5 page: the map as inline SVG, a card per part, the
/// relationships, the session log, the Self-energy chart and each part's status journey.
///
/// It loads nothing (a content security policy forbids every fetch and every script), needs no
/// script at all, and prints cleanly: the map on a landscape page of its own, the sections
/// following one another, cards never split. Every
/// string a person typed goes through `XMLText.escaped`; the only markup not written here is the
/// SVG that Graphviz and `SelfEnergyChart` made, which escape their text themselves.
package enum ReportHTML {
    /// The picture of the map for the report: Graphviz's SVG, or why there is none.
    package enum Picture {
        case svg(String)
        case missing(String)
    }


    package static func html(_ model: ReportModel, picture: Picture) -> String {
        var out = HTMLPage.opening(title: model.title + " — parts map report") + """
            \(stylesheet)</style>
            </head>
            <body>

            """
        out += header(model)
        out += contents(model)
        out += "<main>\n"
        out += mapSection(model, picture: picture)
        if !model.selfNotes.isEmpty || !model.selfCustom.isEmpty { out += selfSection(model) }
        out += partsSection(model)
        out += relationshipsSection(model)
        out += sessionsSection(model)
        out += chartSection(model)
        out += feelingsSection(model)
        out += journeysSection(model)
        out += "</main>\n"
        out += """
            <footer>
            <p>Made by partsmap \(partsMapVersion) from a .parts map. This page is self-contained: it fetches no files or resources and runs no scripts.</p>
            </footer>
            </body>
            </html>

            """
        return out
    }

    // MARK: Sections

    private static func header(_ model: ReportModel) -> String {
        var out = "<header>\n<h1>\(e(model.title))</h1>\n"
        out += "<p class=\"meta\">Parts map report: \(count(model.parts.count, "part")), "
            + "\(count(model.relationships.count, "relationship")), \(count(model.sessions.count, "session")).</p>\n"
        if model.redacted {
            out += "<p class=\"notice\">Redacted for consultation: parts are named by role and number, ages are shown as bands, "
                + "and everything written in words (names, notes, beliefs, burdens, titles, homework) is left out.</p>\n"
        }
        if let view = model.viewDescription { out += "<p class=\"notice\">\(e(view))</p>\n" }
        if !model.about.isEmpty {
            out += "<dl class=\"fields about\">\n"
            for (key, value) in model.about { out += "<dt>\(e(key))</dt><dd>\(text(value))</dd>\n" }
            out += "</dl>\n"
        }
        return out + "</header>\n"
    }

    private static func contents(_ model: ReportModel) -> String {
        var out = "<nav class=\"toc\" aria-labelledby=\"toc-heading\">\n<h2 id=\"toc-heading\">Contents</h2>\n<ol>\n"
        out += "<li><a href=\"#map\">The map</a></li>\n"
        if !model.selfNotes.isEmpty || !model.selfCustom.isEmpty { out += "<li><a href=\"#self\">The Self</a></li>\n" }
        out += "<li><a href=\"#parts\">Parts</a>"
        if !model.parts.isEmpty {
            out += "\n<ol>\n" + model.parts.map { "<li><a href=\"#\(anchor($0.id))\">\(e($0.name))</a></li>\n" }.joined() + "</ol>\n"
        }
        out += "</li>\n<li><a href=\"#relationships\">Relationships</a></li>\n<li><a href=\"#sessions\">Session log</a>"
        if !model.sessions.isEmpty {
            out += "\n<ol>\n" + model.sessions.map { session in
                "<li><a href=\"#session-\(session.number)\">\(session.date)\(session.title.map { ": " + e($0) } ?? "")</a></li>\n"
            }.joined() + "</ol>\n"
        }
        out += "</li>\n<li><a href=\"#self-energy\">Self-energy</a></li>\n"
        if model.feelings != nil { out += "<li><a href=\"#feelings\">Feelings check-ins</a></li>\n" }
        out += "<li><a href=\"#journeys\">Status journeys</a></li>\n"
        return out + "</ol>\n</nav>\n"
    }

    private static func mapSection(_ model: ReportModel, picture: Picture) -> String {
        var out = section("map", "The map")
        switch picture {
        case .svg(let svg):
            out += "<figure>\n" + TimelinePage.inlined(svg, prefix: "map-") + "\n"
            out += "<figcaption>The map as Graphviz draws it, with its legend: shapes show roles, line styles show how parts relate, "
                + "so it reads in black and white too. Hover over a part for its details.</figcaption>\n</figure>\n"
        case .missing(let reason):
            out += "<p class=\"notice\">No picture: \(e(reason))</p>\n"
        }
        return out + "</section>\n"
    }

    private static func selfSection(_ model: ReportModel) -> String {
        var out = section("self", "The Self")
        out += "<dl class=\"fields\">\n"
        if !model.selfNotes.isEmpty { out += "<dt>Notes</dt><dd>\(values(model.selfNotes))</dd>\n" }
        for (key, value) in model.selfCustom { out += "<dt>\(e(key))</dt><dd>\(text(value))</dd>\n" }
        return out + "</dl>\n</section>\n"
    }

    private static func partsSection(_ model: ReportModel) -> String {
        var out = section("parts", "Parts")
        if model.parts.isEmpty { out += "<p>No parts recorded yet.</p>\n" }
        for part in model.parts { out += card(part) }
        if !model.unattachedBurdens.isEmpty {
            out += "<h3 id=\"unattached-burdens\">Burdens not yet attached to a part</h3>\n"
                + "<p>Burdens the system carries whose part is not known yet.</p>\n" + list(model.unattachedBurdens.map(burden))
        }
        return out + "</section>\n"
    }

    /// A burden's words (or description), then its kind, state, form and lineage in small type.
    private static func burden(_ burden: Burden) -> String {
        burden.text.isEmpty ? e(burden.details) : "\(text(burden.text)) <small>(\(e(burden.details)))</small>"
    }

    private static func card(_ part: ReportModel.PartEntry) -> String {
        let id = anchor(part.id)
        var out = "<article class=\"card role-\(part.role.rawValue)\" id=\"\(id)\" aria-labelledby=\"\(id)-name\">\n"
        out += "<h3 id=\"\(id)-name\">\(e(part.name)) <span class=\"id\">(\(e(part.id.rawValue)))</span></h3>\n"
        var summary = ["<span class=\"badge\">\(part.role.rawValue)</span>"]
        if let age = part.age { summary.append("age " + e(age)) }
        summary.append(part.status.map { "status <strong>\($0.rawValue)</strong>" } ?? "no status yet")
        if part.selfLike { summary.append("self-like") }
        out += "<p class=\"summary\">" + summary.joined(separator: " · ") + "</p>\n"

        var rows: [(String, String)] = part.fields.map { ($0.label, values($0.values)) }
        if !part.burdens.isEmpty {
            rows.append(("Burdens", list(part.burdens.map(burden))))
        }
        for (key, value) in part.custom { rows.append((e(key), text(value))) }
        if let step = part.sixFs { rows.append(("6 Fs", progress(step))) }
        if let step = part.unburdening { rows.append(("Unburdening", progress(step))) }
        if !rows.isEmpty {
            out += "<dl class=\"fields\">\n" + rows.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>\n" }.joined() + "</dl>\n"
        }
        if !part.relationships.isEmpty {
            out += "<h4>Relationships</h4>\n" + list(part.relationships.map(relationship)) + "\n"
        }
        if !part.journey.isEmpty {
            out += "<h4>Status history</h4>\n<ol class=\"history\">\n"
            for step in part.journey {
                out += "<li>" + sessionLink(step.session, step.date, step.sessionTitle) + ": "
                    + (step.from.map { $0.rawValue + " → " } ?? "→ ") + step.to.rawValue
                    + (step.goesBack ? " <small>(went back)</small>" : "")
                    + (step.note.map { ": " + text($0) } ?? "") + "</li>\n"
            }
            out += "</ol>\n"
        }
        if !part.sessions.isEmpty {
            out += "<h4>Sessions</h4>\n<p>" + part.sessions.map { sessionLink($0.number, $0.date, $0.title) }.joined(separator: ", ") + "</p>\n"
        }
        return out + "</article>\n"
    }

    private static func relationshipsSection(_ model: ReportModel) -> String {
        var out = section("relationships", "Relationships")
        guard !model.relationships.isEmpty else { return out + "<p>No relationships recorded yet.</p>\n</section>\n" }
        out += "<table>\n<thead><tr><th scope=\"col\">Part</th><th scope=\"col\">Relationship</th><th scope=\"col\">Part</th>"
            + "<th scope=\"col\">Note</th></tr></thead>\n<tbody>\n"
        for entry in model.relationships {
            out += "<tr><td>\(reference(entry.from))</td><td>\(ReportModel.phrase(entry.kind))</td><td>\(reference(entry.to))</td>"
                + "<td class=\"note\">\(entry.note.map(text) ?? "")</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    private static func sessionsSection(_ model: ReportModel) -> String {
        var out = section("sessions", "Session log")
        if model.sessions.isEmpty { out += "<p>No sessions recorded yet.</p>\n" }
        for session in model.sessions {
            let id = "session-\(session.number)"
            out += "<article class=\"session\(session.highlighted ? " highlighted" : "")\" id=\"\(id)\" aria-labelledby=\"\(id)-heading\">\n"
            out += "<h3 id=\"\(id)-heading\">\(session.date)\(session.title.map { ": " + e($0) } ?? "") "
                + "<span class=\"id\">(session \(session.number))</span></h3>\n"
            if session.highlighted { out += "<p class=\"notice\">The session this view highlights.</p>\n" }
            var rows: [(String, String)] = []
            if !session.present.isEmpty { rows.append(("Present", session.present.map(reference).joined(separator: ", "))) }
            if !session.selfEnergy.isEmpty {
                rows.append(("Self-energy (8 Cs)", session.selfEnergy.map { "\($0.quality) \($0.score)" }.joined(separator: ", ")))
            }
            if !session.selfPresence.isEmpty {
                rows.append(("5 Ps", session.selfPresence.map { "\($0.quality) \($0.score)" }.joined(separator: ", ")))
            }
            if !session.statusChanges.isEmpty {
                rows.append(("Status changes", list(session.statusChanges.map { change in
                    reference(change.part) + ": " + (change.from.map { $0.rawValue + " → " } ?? "→ ") + change.to.rawValue
                        + (change.note.map { ": " + text($0) } ?? "")
                })))
            }
            if !session.sixFs.isEmpty {
                rows.append(("6 Fs", list(session.sixFs.map { reference($0.part) + ": reached " + $0.step })))
            }
            if !session.unburdening.isEmpty {
                rows.append(("Unburdening", list(session.unburdening.map { reference($0.part) + ": " + $0.steps.map(e).joined(separator: ", ") })))
            }
            if !session.feelings.isEmpty {
                rows.append(("Feelings check-in", e(session.feelings.map { "\($0.feeling) \($0.score)" }.joined(separator: ", "))))
            }
            if !session.work.isEmpty { rows.append(("Permission, unblending, intensity and roles", values(session.work))) }
            if !session.homework.isEmpty { rows.append(("Homework", values(session.homework))) }
            for (key, value) in session.custom { rows.append((e(key), text(value))) }
            if !rows.isEmpty {
                out += "<dl class=\"fields\">\n" + rows.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>\n" }.joined() + "</dl>\n"
            }
            for note in session.notes {
                out += "<h4>Note</h4>\n<div class=\"note\">\n" + ReportModel.paragraphs(note).map { paragraph in
                    "<p>" + paragraph.map(e).joined(separator: "<br>\n") + "</p>\n"
                }.joined() + "</div>\n"
            }
            out += "</article>\n"
        }
        return out + "</section>\n"
    }

    private static func chartSection(_ model: ReportModel) -> String {
        var out = section("self-energy", "Self-energy")
        if let chart = model.chartSVG {
            out += "<figure>\n" + chart + "<figcaption>The 8 Cs as rated in each session, one small chart per quality, "
                + "with every rating written at its point.</figcaption>\n</figure>\n"
        } else {
            out += "<p>No Self-energy ratings recorded yet (a session's <code>self:</code> line).</p>\n"
        }
        return out + "</section>\n"
    }

    /// The feelings check-ins as a chart (one small panel per feeling, like the Self-energy
    /// chart), then as a table, its text alternative: one row per feeling, one column per session.
    private static func feelingsSection(_ model: ReportModel) -> String {
        guard let trend = model.feelings else { return "" }
        var out = section("feelings", "Feelings check-ins")
        out += "<p>Which feelings could be reached in each session, and how strongly (0–10): feeling coming back online.</p>\n"
        if let chart = model.feelingsChartSVG {
            out += "<figure>\n" + chart + "<figcaption>Each feeling as rated in each check-in, one small chart per feeling, "
                + "with every rating written at its point; on screen, the table below gives the same numbers.</figcaption>\n</figure>\n"
        }
        out += "<table class=\"feelings\">\n<caption>The check-ins in numbers</caption>\n<thead><tr><th scope=\"col\">Feeling</th>"
            + trend.sessions.map { "<th scope=\"col\">\($0)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for entry in trend.series {
            out += "<tr><th scope=\"row\">\(e(entry.feeling))</th>" + entry.scores.map { "<td>\($0.map(String.init) ?? "–")</td>" }.joined() + "</tr>\n"
        }
        out += "<tr><th scope=\"row\">Feelings reached (above 0)</th>" + trend.reachable.map { "<td>\($0)</td>" }.joined() + "</tr>\n"
        return out + "</tbody>\n</table>\n</section>\n"
    }

    private static func journeysSection(_ model: ReportModel) -> String {
        var out = section("journeys", "Status journeys")
        guard !model.parts.isEmpty else { return out + "<p>No parts recorded yet.</p>\n</section>\n" }
        out += "<p>Each part's status, session by session: noticed, known, befriended, trusting, witnessed, unburdened, integrated. "
            + "A dashed step went back.</p>\n"
        out += "<table class=\"journeys\">\n<thead><tr><th scope=\"col\">Part</th><th scope=\"col\">Journey</th>"
            + "<th scope=\"col\">Now</th></tr></thead>\n<tbody>\n"
        for part in model.parts {
            out += "<tr><th scope=\"row\"><a href=\"#\(anchor(part.id))\">\(e(part.name))</a></th><td>"
            if part.journey.isEmpty {
                out += "no status changes recorded"
            } else {
                out += "<ol class=\"journey\">"
                if let first = part.journey.first?.from { out += "<li><span class=\"status\">\(first.rawValue)</span></li>" }
                for step in part.journey {
                    out += "<li\(step.goesBack ? " class=\"back\"" : "")><span class=\"status\">\(step.to.rawValue)</span> "
                        + "<small>\(step.goesBack ? "went back, " : "")<a href=\"#session-\(step.session)\">session \(step.session)</a></small></li>"
                }
                out += "</ol>"
            }
            out += "</td><td>\(part.status?.rawValue ?? "—")</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    // MARK: Pieces

    /// Escaped user text.
    private static func e(_ text: String) -> String { XMLText.escaped(text) }

    /// Escaped user text that may run over several lines: paragraphs at blank lines, line breaks kept.
    static func text(_ value: String) -> String {
        let paragraphs = ReportModel.paragraphs(value)
        if paragraphs.count <= 1 { return (paragraphs.first ?? []).map(e).joined(separator: "<br>\n") }
        return paragraphs.map { "<p>" + $0.map(e).joined(separator: "<br>\n") + "</p>" }.joined(separator: "\n")
    }

    /// One value as text, several as a list.
    private static func values(_ values: [String]) -> String {
        values.count == 1 ? text(values[0]) : list(values.map(text))
    }

    /// A list of items already in HTML.
    private static func list(_ items: [String]) -> String {
        "<ul>" + items.map { "<li>\($0)</li>" }.joined() + "</ul>"
    }

    /// The anchor of a part's card; part IDs are ASCII letters, digits, `-` and `_`.
    static func anchor(_ id: PartID) -> String { "part-" + id.rawValue }

    private static func section(_ id: String, _ heading: String) -> String {
        "<section id=\"\(id)\" aria-labelledby=\"\(id)-heading\">\n<h2 id=\"\(id)-heading\">\(heading)</h2>\n"
    }

    private static func reference(_ reference: ReportModel.Reference) -> String {
        switch reference {
        case .theSelf: return "Self"
        case .part(let id, let name, let inReport):
            let label = "\(e(name)) <span class=\"id\">(\(e(id.rawValue)))</span>"
            return inReport ? "<a href=\"#\(anchor(id))\">\(label)</a>" : label
        }
    }

    private static func relationship(_ entry: ReportModel.RelationshipEntry) -> String {
        "\(reference(entry.from)) \(ReportModel.phrase(entry.kind)) \(reference(entry.to))" + (entry.note.map { ": " + text($0) } ?? "")
    }

    private static func sessionLink(_ number: Int, _ date: CalendarDate, _ title: String?) -> String {
        "<a href=\"#session-\(number)\">\(date)</a>" + (title.map { " (\(e($0)))" } ?? "")
    }

    private static func progress(_ progress: ReportModel.Progress) -> String {
        "reached <em>\(progress.step)</em> in " + sessionLink(progress.session, progress.date, nil)
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    /// Screen and print styles. Nothing is sticky or fixed, so print shows everything once.
    static let stylesheet = """
        *, *::before, *::after { box-sizing: border-box; }
        html { color-scheme: light; }
        body { margin: 0 auto; max-width: 64rem; padding: 1.5rem 1.25rem 3rem; font: 16px/1.5 Helvetica, Arial, sans-serif; color: #1b1b1b; background: #fff; }
        h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .3rem; }
        h2 { font-size: 1.45rem; margin: 2.5rem 0 1rem; padding-bottom: .25rem; border-bottom: 2px solid #1b1b1b; }
        h3 { font-size: 1.15rem; margin: 0 0 .35rem; }
        h4 { font-size: 1rem; margin: 1rem 0 .3rem; color: #333; }
        a { color: #0a5c99; }
        code { font-size: .95em; }
        .meta { color: #4a4a4a; margin: 0 0 .6rem; }
        .notice { border: 1px solid #b58900; background: #fff8e1; padding: .4rem .7rem; border-radius: 4px; }
        .id { font-weight: normal; color: #555; font-size: .9em; }
        nav.toc ol { margin: .2rem 0; padding-left: 1.4rem; }
        nav.toc ol ol { columns: 2 16rem; font-size: .95rem; }
        figure { margin: 0; }
        figure svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
        figcaption { color: #4a4a4a; font-size: .9rem; margin-top: .5rem; }
        .card, .session { border: 1px solid #c8c8c8; border-radius: 6px; padding: .8rem 1rem; margin: 0 0 1rem; break-inside: avoid; page-break-inside: avoid; }
        .card { border-left: 8px solid #777; }
        .role-manager { border-left-color: #0072B2; }
        .role-firefighter { border-left-color: #D55E00; }
        .role-protector { border-left-color: #009E73; }
        .role-exile { border-left-color: #CC79A7; }
        .role-unknown { border-left-style: dashed; border-left-color: #666; }
        .summary { margin: 0 0 .6rem; }
        .badge { display: inline-block; padding: 0 .45rem; border: 1px solid #555; border-radius: 3px; font-size: .85rem; letter-spacing: .03em; text-transform: uppercase; }
        dl.fields { display: grid; grid-template-columns: minmax(7rem, max-content) 1fr; gap: .25rem 1rem; margin: 0; }
        dl.fields dt { font-weight: bold; }
        dl.fields dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
        dd ul, .card ul, .session ul { margin: 0; padding-left: 1.2rem; }
        dd p, .note p { margin: 0 0 .5rem; }
        .note { border-left: 3px solid #c8c8c8; padding-left: .8rem; overflow-wrap: anywhere; }
        .highlighted { border: 3px solid #1b1b1b; }
        table { border-collapse: collapse; width: 100%; }
        th, td { border: 1px solid #c8c8c8; padding: .35rem .5rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
        td.note { overflow-wrap: anywhere; }
        thead th { background: #f2f2f2; }
        ol.journey { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .35rem .3rem; align-items: baseline; }
        ol.journey li + li::before { content: "\\2192\\00a0"; color: #555; }
        .status { display: inline-block; border: 1px solid #555; border-radius: 1rem; padding: 0 .5rem; }
        .back .status { border-style: dashed; }
        small { color: #555; }
        footer { margin-top: 3rem; color: #555; font-size: .85rem; border-top: 1px solid #c8c8c8; padding-top: .5rem; }
        @page { margin: 8mm 10mm; }
        @page map { size: landscape; margin: 10mm; }
        @media print {
          body { max-width: none; padding: 0; font-size: 8pt; line-height: 1.2; }
          a { color: inherit; text-decoration: none; }
          header, nav, main, section, figure, footer { position: static !important; }
          /* Links cannot be followed on paper. */
          nav.toc { display: none; }
          h2 { font-size: 13pt; margin: .6rem 0 .3rem; }
          footer { margin-top: .4rem; padding-top: .2rem; }
          h3 { font-size: 10.5pt; }
          /* The title and the map share a landscape page of their own, the map as large as the
             page allows: the title and its facts take two short lines, the map's heading and
             caption (its legend is in the picture) stay on screen; the sections after it
             follow one another (no page per section). */
          header, section#map { page: map; }
          header h1 { font-size: 14pt; margin: 0; }
          header p.meta { display: inline; margin: 0 1rem 0 0; }
          header dl.about { display: inline; margin: 0; }
          header dl.about dt, header dl.about dd { display: inline; margin: 0; }
          header dl.about dt::after { content: ": "; }
          header dl.about dd { margin-right: .8rem; }
          section#map { break-after: page; page-break-after: always; }
          section#map > h2, section#map figcaption { display: none; }
          section#map figure { margin: 1mm 0 0; }
          section#map figure svg { width: 100%; height: auto; max-height: 176mm; }
          h2, h3, h4, h2 + p { break-after: avoid; page-break-after: avoid; }
          /* A part card is never split. */
          .card, figure, tr, .note p { break-inside: avoid; page-break-inside: avoid; }
          .session { break-inside: auto; page-break-inside: auto; }
          .card, .session { padding: .35rem .6rem; margin: 0 0 .4rem; }
          dl.fields { grid-template-columns: minmax(4.5rem, max-content) 1fr; gap: 0 .6rem; }
          /* On paper each fact is printed once: a card's relationships, status history and
             sessions are in the Relationships, Session log and Status journeys sections. */
          .card h4, .card h4 + ul, .card h4 + ol, .card h4 + p { display: none; }
          /* Denser on paper: cards flow in two columns (no row waits for its tallest card);
             the session log's labels take no more room than they need, its lists run on as
             lines and its note stands in the fields' column beside its label; tables pad
             less and keep part names on one line. */
          section#parts { display: block; columns: 2; column-gap: 4mm; }
          section#parts > h2, section#parts > p { column-span: all; }
          .session dl.fields { grid-template-columns: 8.6rem 1fr; }
          .session dd ul { padding: 0; list-style: none; }
          .session dd li { display: inline; }
          .session dd li + li::before { content: " \\00b7  "; }
          .session h4 { float: left; width: 8.6rem; margin: .2rem 0 0; font-size: 8pt; }
          .session .note { margin: .2rem 0 0 9.2rem; }
          th, td { padding: .12rem .35rem; }
          section#relationships td:not(.note), table.journeys th { white-space: nowrap; }
          figure { margin: .3rem 0; }
          /* The chart as small as its smallest text (11 px) allows at 8 pt. */
          section#self-energy figure svg, section#feelings figure svg { width: 176mm; max-width: 100%; }
          /* Each rating is written at its point in the feelings chart: on paper its table
             would print the same numbers twice. */
          section#feelings figure ~ table.feelings { display: none; }
          /* Nothing printed smaller than 8 pt. */
          small, .id, figcaption { font-size: 8pt; }
          .card, .badge, .notice, thead th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }

        """
}
