import PartsMap
/// `partsmap dot`: prints the Graphviz DOT text for a map, for people who run Graphviz themselves.
enum DotCommand {
    static let spec = CommandSpec(
        name: "dot",
        summary: "Print the map as Graphviz DOT text (no Graphviz needed).",
        synopsis: "[MAP] [VIEW OPTIONS] [--theme T] [--redact] [--legend]",
        discussion: "The DOT is deterministic: the same map and options always give the same bytes.",
        options: [.map] + PictureOptions.specs,
        examples: [
            ("partsmap dot map.parts > map.dot", "Save the DOT text."),
            ("partsmap dot map.parts | dot -Tsvg > map.svg", "Render it with Graphviz by hand."),
            ("partsmap dot --hide exiles --theme print", "Exiles as placeholders, black and white."),
        ])

    static func run(_ arguments: ParsedArguments) throws(CommandError) {
        let file = try MapFile.load(MapFile.path(from: arguments))
        let prepared = try PictureOptions(arguments, spec).prepareForCommand(file.map)
        if let note = prepared.note { Console.message("partsmap: " + note) }
        Console.output(prepared.writer.dot(for: prepared.map))
    }
}
