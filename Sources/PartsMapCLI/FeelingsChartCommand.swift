import PartsMap

/// `partsmap feelings-chart`: the feelings check-ins across sessions, as an accessible SVG.
enum FeelingsChartCommand {
    static let spec = CommandSpec(
        name: "feelings-chart",
        summary: "Chart the feelings check-ins across sessions (an accessible SVG).",
        synopsis: "[MAP] [-o FILE.svg]",
        discussion: "One small chart per feeling, values written at every point; no Graphviz needed.",
        options: [.map, OptionSpec("--output", short: "-o", value: "FILE", help: "Where to write (default: MAP.feelings.svg; '-' for standard output).")],
        examples: [("partsmap feelings-chart -o feelings.svg", "Sadness, anger, joy, longing... coming back over the sessions.")])

    static func run(_ arguments: ParsedArguments) throws(CommandError) {
        let path = MapFile.path(from: arguments)
        let map = try MapFile.load(path).map
        guard let chart = FeelingsChart.chart(for: map) else {
            throw CommandError(.noInput, "\(path) has no feelings check-ins yet (a session's 'feelings: sadness 3, ...' line)")
        }
        try TimelineCommands.deliverChart(chart.svg, mapPath: path, suffix: ".feelings.svg", arguments)
    }
}
