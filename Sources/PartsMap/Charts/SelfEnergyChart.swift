/// The 8 Cs across sessions as small multiples: one small line chart per quality, drawn as SVG
/// by PartsMap itself. Every point carries its value as text and each quality has its own
/// panel, so the chart reads without colour (one accent colour, for the lines); `<title>` and
/// `<desc>` describe it for screen readers.
///
/// Made for paper: two panels a row, 680 units wide and under 900 tall, so in the report printed
/// on A4 (182 mm between 14 mm margins, 688 CSS pixels) it is not scaled down, and its smallest
/// text (`minimumFontSize`, 11 px) prints at 8.25 pt.
public struct SelfEnergyChart: Sendable {
    /// One rating on a quality's chart.
    public struct Point: Sendable, Equatable {
        /// The index of the session in `sessions`.
        public var session: Int
        /// The rating, usually 0 to 10.
        public var score: Int
    }

    /// The chart's heading, also its accessible name.
    public var title: String
    /// What is rated, for the description: "Self-energy ratings".
    public var subject = "Self-energy ratings"
    /// Session labels (dates), in order.
    public var sessions: [String]
    /// The points of each panel (a quality, or a feeling for `FeelingsChart`), by session index.
    public var series: [(name: String, points: [Point])]

    /// Any small multiples of 0–10 ratings over sessions, drawn the same way.
    init(title: String, subject: String, sessions: [String], series: [(name: String, points: [Point])]) {
        self.title = title
        self.subject = subject
        self.sessions = sessions
        self.series = series
    }

    /// The chart for a map's sessions that have ratings; nil when none do.
    public init?(map: SystemMap) {
        let rated = map.sessions.filter { !$0.selfEnergy.isEmpty }
        guard !rated.isEmpty else { return nil }
        title = "Self-energy (8 Cs)" + (map.title.map { " — " + $0 } ?? "")
        sessions = rated.map { $0.date.description }
        series = SelfQuality.allCases.map { quality in
            (SelfEnergyChart.capitalized(quality.rawValue), rated.enumerated().compactMap { index, session in
                session.selfEnergy.last { $0.quality == quality }.map { Point(session: index, score: $0.score) }
            })
        }
    }

    static func capitalized(_ word: String) -> String {
        word.prefix(1).uppercased() + word.dropFirst()
    }

    /// The one accent colour (the lines and points); everything else is black and greys.
    static let accent = "#0072B2"
    /// The smallest text in the chart, in px (11 px = 8.25 pt).
    static let minimumFontSize = 11.0

    /// The chart as a standalone SVG document.
    public var svg: String { svg(idPrefix: "") }

    /// The chart as SVG whose element IDs (`chart-title`, `chart-desc`) start with `idPrefix`, so
    /// that several charts can sit in one HTML page with every ID unique (the report's
    /// `self-energy-` and `feelings-` charts).
    public func svg(idPrefix: String) -> String {
        let titleID = XMLText.escaped(idPrefix + "chart-title")
        let descriptionID = XMLText.escaped(idPrefix + "chart-desc")
        let columns = 2
        let panelWidth = 330.0
        let panelHeight = 165.0
        let top = 64.0
        let rows = (series.count + columns - 1) / columns
        let width = Double(columns) * panelWidth + 20
        let height = top + Double(rows) * panelHeight + 10
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="\(titleID) \(descriptionID)" \
            width="\(XMLText.number(width))" height="\(XMLText.number(height))" viewBox="0 0 \(XMLText.number(width)) \(XMLText.number(height))" \
            font-family="Helvetica, Arial, sans-serif">
            <title id="\(titleID)">\(XMLText.escaped(title))</title>
            <desc id="\(descriptionID)">\(XMLText.escaped(description))</desc>
            <rect x="0" y="0" width="\(XMLText.number(width))" height="\(XMLText.number(height))" fill="#FFFFFF"/>
            <text x="\(XMLText.number(width / 2))" y="28" text-anchor="middle" font-size="18">\(XMLText.escaped(title))</text>
            <text x="\(XMLText.number(width / 2))" y="50" text-anchor="middle" font-size="12" fill="#444444">Ratings 0–10 per session, \(XMLText.escaped(sessions.first ?? "")) to \(XMLText.escaped(sessions.last ?? ""))</text>

            """
        for (index, entry) in series.enumerated() {
            let x = 10 + Double(index % columns) * panelWidth
            let y = top + Double(index / columns) * panelHeight
            out += panel(entry.name, entry.points, x: x, y: y, width: panelWidth - 10, height: panelHeight - 10)
        }
        return out + "</svg>\n"
    }

    /// A sentence per quality: first and last rating, for screen readers.
    public var description: String {
        var sentences = ["\(subject) across \(sessions.count) session\(sessions.count == 1 ? "" : "s")."]
        for (name, points) in series {
            guard let first = points.first, let last = points.last else {
                sentences.append("\(name): not rated.")
                continue
            }
            let values = points.map { "\(sessions[$0.session]) \($0.score)" }.joined(separator: ", ")
            sentences.append("\(name): \(first.score) to \(last.score) (\(values)).")
        }
        return sentences.joined(separator: " ")
    }

    private func panel(_ name: String, _ points: [Point], x: Double, y: Double, width: Double, height: Double) -> String {
        // Left: the "rating" label, then the tick labels (right-aligned), then the plot; the
        // first and last dates are aligned to the plot's ends so they stay inside the panel.
        let left = x + 46
        let right = x + width - 16
        let plotTop = y + 40
        let bottom = y + height - 30
        func px(_ session: Int) -> Double {
            sessions.count == 1 ? (left + right) / 2 : left + (right - left) * Double(session) / Double(sessions.count - 1)
        }
        func py(_ score: Int) -> Double { bottom - (bottom - plotTop) * Double(min(max(score, 0), 10)) / 10 }
        let n = XMLText.number
        var out = "<g role=\"img\" aria-label=\"\(XMLText.escaped(name)): \(points.map { "\(sessions[$0.session]) \($0.score)" }.joined(separator: ", "))\">\n"
        out += "<title>\(XMLText.escaped(name))</title>\n"
        out += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"none\" stroke=\"#CCCCCC\"/>\n"
        out += "<text x=\"\(n(x + width / 2))\" y=\"\(n(y + 20))\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">\(XMLText.escaped(name))</text>\n"
        for tick in [0, 5, 10] {
            let ty = py(tick)
            out += "<line x1=\"\(n(left))\" y1=\"\(n(ty))\" x2=\"\(n(right))\" y2=\"\(n(ty))\" stroke=\"#E5E5E5\"/>\n"
            out += "<text x=\"\(n(left - 6))\" y=\"\(n(ty + 4))\" text-anchor=\"end\" font-size=\"12\" fill=\"#444444\">\(tick)</text>\n"
        }
        out += "<line x1=\"\(n(left))\" y1=\"\(n(bottom))\" x2=\"\(n(right))\" y2=\"\(n(bottom))\" stroke=\"#888888\"/>\n"
        let labelled = sessions.count <= 5 ? Array(sessions.indices) : [0, sessions.count / 2, sessions.count - 1]
        for session in labelled {
            let anchor = sessions.count == 1 ? "middle" : session == 0 ? "start" : session == sessions.count - 1 ? "end" : "middle"
            let date = XMLText.escaped(String(sessions[session].dropFirst(5)))
            out += "<text x=\"\(n(px(session)))\" y=\"\(n(bottom + 17))\" text-anchor=\"\(anchor)\" font-size=\"12\" fill=\"#444444\">\(date)</text>\n"
        }
        let middle = (plotTop + bottom) / 2
        out += "<text x=\"\(n(x + 14))\" y=\"\(n(middle))\" font-size=\"11\" fill=\"#444444\" transform=\"rotate(-90 \(n(x + 14)) \(n(middle)))\" text-anchor=\"middle\">rating</text>\n"
        guard !points.isEmpty else {
            return out + "<text x=\"\(n((left + right) / 2))\" y=\"\(n(middle))\" text-anchor=\"middle\" font-size=\"12\" fill=\"#444444\">not rated</text>\n</g>\n"
        }
        // Lines join consecutive sessions only: a session without a rating leaves a gap.
        var path = ""
        var previous: Point?
        for point in points {
            let command = previous.map { $0.session + 1 == point.session } == true ? "L" : "M"
            path += "\(command)\(n(px(point.session))),\(n(py(point.score))) "
            previous = point
        }
        out += "<path d=\"\(path.dropLast())\" fill=\"none\" stroke=\"\(SelfEnergyChart.accent)\" stroke-width=\"2\"/>\n"
        for point in points {
            let cx = px(point.session)
            let cy = py(point.score)
            out += "<circle cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"4\" fill=\"\(SelfEnergyChart.accent)\"/>\n"
            out += "<text x=\"\(n(cx))\" y=\"\(n(cy - 8))\" text-anchor=\"middle\" font-size=\"12\" class=\"value\">\(point.score)</text>\n"
        }
        return out + "</g>\n"
    }
}
