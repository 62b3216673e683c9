/// `partsmap dot`: prints the Graphviz DOT text for a map, for people who run Graphviz themselves.
enum DotCommand {
    static let spec = CommandSpec(
        name: "dot",
        summary: "Print the map as Graphviz DOT text (no Graphviz needed).",
        synopsis: "[MAP] [--layout ENGINE] [--legend]",
        discussion: "The DOT is deterministic: the same map always gives the same bytes.",
        options: [
            .map,
            OptionSpec("--layout", short: "-K", value: "ENGINE", choices: LayoutEngine.allCases.map(\.rawValue),
                       help: "Shape the DOT for this Graphviz layout (default dot)."),
            OptionSpec("--legend", help: "Add a legend of shapes and line styles."),
        ],
        examples: [
            ("partsmap dot map.parts > map.dot", "Save the DOT text."),
            ("partsmap dot map.parts | dot -Tsvg > map.svg", "Render it with Graphviz by hand."),
        ])

    static func run(_ arguments: ParsedArguments) throws(CommandError) {
        let file = try MapFile.load(MapFile.path(from: arguments))
        let layout = arguments.value("--layout").flatMap(LayoutEngine.init(rawValue:)) ?? .dot
        Console.output(DOTWriter(options: DOTOptions(showsLegend: arguments.has("--legend"), layout: layout)).dot(for: file.map))
    }
}
