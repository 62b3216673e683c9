import PartsMap
/// `partsmap relate` and `partsmap unrelate`: relationships between parts (and the Self).
enum RelateCommands {
    static let kinds = Relationship.Kind.allCases.map(\.rawValue)

    static let relate = CommandSpec(
        name: "relate",
        summary: "Record a relationship: protects, polarized, allied, blends, triggers or alternates.",
        synopsis: "A KIND B [--note TEXT]",
        discussion: "A and B are part IDs, or 'self' for the Self (as in 'fog blends self').",
        options: [.map, OptionSpec("--note", value: "TEXT", help: "A few words about it.")],
        maximumPositionals: 3,
        examples: [
            ("partsmap relate fog protects little", "The Fog guards Little One."),
            ("partsmap relate critic polarized scroller --note \"lazy versus needs rest\"", "A polarization."),
        ])

    static let unrelate = CommandSpec(
        name: "unrelate",
        summary: "Remove a relationship.",
        synopsis: "A KIND B",
        options: [.map],
        maximumPositionals: 3,
        examples: [("partsmap unrelate critic polarized scroller", "They are no longer polarized.")])

    static func parse(_ arguments: ParsedArguments, _ spec: CommandSpec, in map: SystemMap) throws(CommandError) -> Relationship {
        guard arguments.positionals.count == 3 else { throw spec.usageError("give two parts and a relationship: A KIND B") }
        let kind = try spec.choice(arguments.positionals[1], Relationship.Kind.self, what: "relationship")
        func endpoint(_ text: String) throws(CommandError) -> Relationship.Endpoint {
            // 'self' in any letter case, unless a hand-written map has a part with that very ID.
            if text.lowercased() == PartID.reservedSelfWord, PartID(text).flatMap({ map.part($0) }) == nil { return .theSelf }
            return .part(try map.resolvePart(text, spec).id)
        }
        return Relationship(try endpoint(arguments.positionals[0]), kind, try endpoint(arguments.positionals[2]),
                            note: arguments.value("--note"))
    }

    static func runRelate(_ arguments: ParsedArguments) throws(CommandError) {
        var added: Relationship?
        try MapFile.edit(PartCommands.mapPath(arguments)) { (map: inout SystemMap) throws(CommandError) in
            let relationship = try parse(arguments, relate, in: map)
            if map.relationships.contains(where: { $0.identity == relationship.identity }) {
                throw CommandError(.dataError, "the map already records '\(relationship.identity)'")
            }
            let position = (map.items.lastIndex { if case .relationship = $0 { return true } else { return false } }).map { $0 + 1 }
            map.items.insert(.relationship(relationship), at: position ?? map.items.count)
            added = relationship
        }
        if let added { Console.message("added '\(added.identity)'") }
    }

    static func runUnrelate(_ arguments: ParsedArguments) throws(CommandError) {
        try MapFile.edit(PartCommands.mapPath(arguments)) { (map: inout SystemMap) throws(CommandError) in
            let relationship = try parse(arguments, unrelate, in: map)
            let before = map.items.count
            map.items.removeAll { item in
                if case .relationship(let existing) = item { return existing.identity == relationship.identity }
                return false
            }
            if map.items.count == before {
                throw CommandError(.dataError, "the map has no relationship '\(relationship.identity)'")
            }
        }
        Console.message("removed '\(arguments.positionals.joined(separator: " "))'")
    }
}
