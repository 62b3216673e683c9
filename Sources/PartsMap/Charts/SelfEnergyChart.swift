/// The 8 Cs across sessions as small multiples: one small line chart per quality, drawn as SVG
/// by PartsMap itself. Every point carries its value as text and each quality has its own
/// panel and marker, so the chart reads without colour; `<title>` and `<desc>` describe it for
/// screen readers.
public struct SelfEnergyChart: Sendable {
    public struct Point: Sendable, Equatable {
        public var session: Int
        public var score: Int
    }

    public var title: String
    /// Session labels (dates), in order.
    public var sessions: [String]
    /// The points of each quality, by session index.
    public var series: [(quality: SelfQuality, points: [Point])]

    /// The chart for a map's sessions that have ratings; nil when none do.
    public init?(map: SystemMap) {
        let rated = map.sessions.filter { !$0.selfEnergy.isEmpty }
        guard !rated.isEmpty else { return nil }
        title = "Self-energy (8 Cs)" + (map.title.map { " — " + $0 } ?? "")
        sessions = rated.map { $0.date.description }
        series = SelfQuality.allCases.map { quality in
            (quality, rated.enumerated().compactMap { index, session in
                session.selfEnergy.last { $0.quality == quality }.map { Point(session: index, score: $0.score) }
            })
        }
    }

    static func capitalized(_ word: String) -> String {
        word.prefix(1).uppercased() + word.dropFirst()
    }

    static let markers = ["circle", "square", "diamond", "triangle", "circle", "square", "diamond", "triangle"]
    static let colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#7F7F7F"]

    /// The chart as a standalone SVG document.
    public var svg: String {
        let columns = 4
        let panelWidth = 230.0
        let panelHeight = 170.0
        let top = 60.0
        let rows = (series.count + columns - 1) / columns
        let width = Double(columns) * panelWidth + 20
        let height = top + Double(rows) * panelHeight + 20
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title chart-desc" \
            width="\(XMLText.number(width))" height="\(XMLText.number(height))" viewBox="0 0 \(XMLText.number(width)) \(XMLText.number(height))" \
            font-family="Helvetica, Arial, sans-serif">
            <title id="chart-title">\(XMLText.escaped(title))</title>
            <desc id="chart-desc">\(XMLText.escaped(description))</desc>
            <rect x="0" y="0" width="\(XMLText.number(width))" height="\(XMLText.number(height))" fill="#FFFFFF"/>
            <text x="\(XMLText.number(width / 2))" y="28" text-anchor="middle" font-size="18">\(XMLText.escaped(title))</text>
            <text x="\(XMLText.number(width / 2))" y="48" text-anchor="middle" font-size="11" fill="#444444">Ratings 0–10 per session, \(XMLText.escaped(sessions.first ?? "")) to \(XMLText.escaped(sessions.last ?? ""))</text>

            """
        for (index, entry) in series.enumerated() {
            let x = 10 + Double(index % columns) * panelWidth
            let y = top + Double(index / columns) * panelHeight
            out += panel(entry.quality, entry.points, index: index, x: x, y: y, width: panelWidth - 10, height: panelHeight - 10)
        }
        return out + "</svg>\n"
    }

    /// A sentence per quality: first and last rating, for screen readers.
    public var description: String {
        var sentences = ["Self-energy ratings across \(sessions.count) session\(sessions.count == 1 ? "" : "s")."]
        for (quality, points) in series {
            guard let first = points.first, let last = points.last else {
                sentences.append("\(SelfEnergyChart.capitalized(quality.rawValue)): not rated.")
                continue
            }
            let values = points.map { "\(sessions[$0.session]) \($0.score)" }.joined(separator: ", ")
            sentences.append("\(SelfEnergyChart.capitalized(quality.rawValue)): \(first.score) to \(last.score) (\(values)).")
        }
        return sentences.joined(separator: " ")
    }

    private func panel(_ quality: SelfQuality, _ points: [Point], index: Int, x: Double, y: Double, width: Double, height: Double) -> String {
        let left = x + 28
        let right = x + width - 10
        let plotTop = y + 30
        let bottom = y + height - 28
        func px(_ session: Int) -> Double {
            sessions.count == 1 ? (left + right) / 2 : left + (right - left) * Double(session) / Double(sessions.count - 1)
        }
        func py(_ score: Int) -> Double { bottom - (bottom - plotTop) * Double(min(max(score, 0), 10)) / 10 }
        let colour = SelfEnergyChart.colours[index % SelfEnergyChart.colours.count]
        let name = SelfEnergyChart.capitalized(quality.rawValue)
        var out = "<g role=\"img\" aria-label=\"\(XMLText.escaped(name)): \(points.map { "\(sessions[$0.session]) \($0.score)" }.joined(separator: ", "))\">\n"
        out += "<title>\(XMLText.escaped(name))</title>\n"
        out += "<rect x=\"\(XMLText.number(x))\" y=\"\(XMLText.number(y))\" width=\"\(XMLText.number(width))\" height=\"\(XMLText.number(height))\" fill=\"none\" stroke=\"#CCCCCC\"/>\n"
        out += "<text x=\"\(XMLText.number(x + width / 2))\" y=\"\(XMLText.number(y + 18))\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\">\(name)</text>\n"
        for tick in [0, 5, 10] {
            let ty = py(tick)
            out += "<line x1=\"\(XMLText.number(left))\" y1=\"\(XMLText.number(ty))\" x2=\"\(XMLText.number(right))\" y2=\"\(XMLText.number(ty))\" stroke=\"#E5E5E5\"/>\n"
            out += "<text x=\"\(XMLText.number(left - 5))\" y=\"\(XMLText.number(ty + 3))\" text-anchor=\"end\" font-size=\"9\" fill=\"#555555\">\(tick)</text>\n"
        }
        out += "<line x1=\"\(XMLText.number(left))\" y1=\"\(XMLText.number(bottom))\" x2=\"\(XMLText.number(right))\" y2=\"\(XMLText.number(bottom))\" stroke=\"#888888\"/>\n"
        let labelled = sessions.count <= 6 ? Array(sessions.indices) : [0, sessions.count / 2, sessions.count - 1]
        for session in labelled {
            let date = sessions[session]
            out += "<text x=\"\(XMLText.number(px(session)))\" y=\"\(XMLText.number(bottom + 14))\" text-anchor=\"middle\" font-size=\"8\" fill=\"#555555\">\(XMLText.escaped(String(date.dropFirst(5))))</text>\n"
        }
        out += "<text x=\"\(XMLText.number(x + 8))\" y=\"\(XMLText.number((plotTop + bottom) / 2))\" font-size=\"8\" fill=\"#555555\" transform=\"rotate(-90 \(XMLText.number(x + 8)) \(XMLText.number((plotTop + bottom) / 2)))\" text-anchor=\"middle\">rating</text>\n"
        guard !points.isEmpty else {
            return out + "<text x=\"\(XMLText.number((left + right) / 2))\" y=\"\(XMLText.number((plotTop + bottom) / 2))\" text-anchor=\"middle\" font-size=\"10\" fill=\"#555555\">not rated</text>\n</g>\n"
        }
        // Lines join consecutive sessions only: a session without a rating leaves a gap.
        var path = ""
        var previous: Point?
        for point in points {
            let command = previous.map { $0.session + 1 == point.session } == true ? "L" : "M"
            path += "\(command)\(XMLText.number(px(point.session))),\(XMLText.number(py(point.score))) "
            previous = point
        }
        out += "<path d=\"\(path.dropLast())\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
        let marker = SelfEnergyChart.markers[index % SelfEnergyChart.markers.count]
        for point in points {
            let cx = px(point.session)
            let cy = py(point.score)
            out += markerShape(marker, cx, cy, colour)
            out += "<text x=\"\(XMLText.number(cx))\" y=\"\(XMLText.number(cy - 7))\" text-anchor=\"middle\" font-size=\"10\">\(point.score)</text>\n"
        }
        return out + "</g>\n"
    }

    private func markerShape(_ kind: String, _ x: Double, _ y: Double, _ colour: String) -> String {
        let n = XMLText.number
        switch kind {
        case "square":
            return "<rect x=\"\(n(x - 3.5))\" y=\"\(n(y - 3.5))\" width=\"7\" height=\"7\" fill=\"\(colour)\"/>\n"
        case "diamond":
            return "<path d=\"M\(n(x)),\(n(y - 4.5)) L\(n(x + 4.5)),\(n(y)) L\(n(x)),\(n(y + 4.5)) L\(n(x - 4.5)),\(n(y)) Z\" fill=\"\(colour)\"/>\n"
        case "triangle":
            return "<path d=\"M\(n(x)),\(n(y - 4.5)) L\(n(x + 4.5)),\(n(y + 3.5)) L\(n(x - 4.5)),\(n(y + 3.5)) Z\" fill=\"\(colour)\"/>\n"
        default:
            return "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"4\" fill=\"\(colour)\"/>\n"
        }
    }
}
