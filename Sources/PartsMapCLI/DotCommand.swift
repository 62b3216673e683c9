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
        let options = try PictureOptions(arguments, spec)
        let prepared = try options.prepareForCommand(file.map)
        if let note = prepared.note { Console.message("partsmap: " + note) }
        // The DOT `render` tries first (a large map gets its straight lines here too).
        Console.output(options.attempts(writer: prepared.writer, map: prepared.map).first?.dot ?? prepared.writer.dot(for: prepared.map))
    }
}
