import PartsMap
/// `partsmap burden add`: a burden on a part, or at the top level when its part is not known yet.
enum BurdenCommands {
    static let add = CommandSpec(
        name: "burden add",
        summary: "Record a burden: on a part (--part), or not yet attached to any part.",
        synopsis: "\"KIND[ STATE][ FORM][ from WHO, WHO]:TEXT\" [--part ID]",
        discussion: """
            The burden is written as after 'burden' in the map: a kind (personal, legacy, cultural),
            optionally a state (witnessed, released), a form (wordless, preverbal, bodily) and 'from'
            with the lineage of a legacy burden, then a colon and the burden's words (or, for a
            burden without words, a description, which may be left out). Without --part it goes at
            the top level, under the relationships: a burden the system carries whose part is not
            known yet.
            """,
        options: [.map, OptionSpec("--part", value: "ID", help: "The part that carries it.")],
        maximumPositionals: 1,
        examples: [
            ("partsmap burden add \"legacy from father, grandfather:Men manage alone.\"", "A legacy burden, part not known yet."),
            ("partsmap burden add \"personal preverbal:terror when the door closes\" --part baby", "A burden with no words."),
        ])

    static func runAdd(_ arguments: ParsedArguments) throws(CommandError) {
        guard let text = arguments.positionals.first else { throw add.usageError("give the burden, e.g. \"legacy from mother:we don't cry\"") }
        let burden = try add.burden(text)
        var destination = "the map (not yet attached to a part)"
        try MapFile.edit(PartCommands.mapPath(arguments)) { (map: inout SystemMap) throws(CommandError) in
            if let name = arguments.value("--part") {
                let id = try map.resolvePart(name, add).id
                map.updatePart(id) { part in
                    let position = part.fields.lastIndex { PartFieldSpec.order(of: $0.value.key) <= PartFieldSpec.order(of: "burden") }
                    part.fields.insert(PartField(.burden(burden)), at: position.map { $0 + 1 } ?? part.fields.count)
                }
                destination = "'\(id)'"
            } else {
                let position = map.items.lastIndex { item in
                    switch item {
                    case .burden, .relationship, .part, .field, .selfBlock: return true
                    case .session: return false
                    }
                }
                map.items.insert(.burden(UnattachedBurden(burden)), at: position.map { $0 + 1 } ?? map.items.count)
            }
        }
        Console.message("added a \(burden.kind.rawValue) burden to \(destination)")
    }
}
