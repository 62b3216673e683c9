import PartsMap
/// `partsmap part add|set|unset|rename|rm|list|show`: parts without opening an editor.
enum PartCommands {
    /// The repeatable text and list flags of `part add`, from the table of fields.
    static let textFlags: [(flag: String, key: String, help: String)] = PartFieldSpec.all.compactMap { spec in
        spec.flag.map { ($0, spec.key, spec.help) }
    }

    static let add = CommandSpec(
        name: "part add",
        summary: "Add a part to the map.",
        synopsis: "ID [--name NAME] [--role ROLE] [--age AGE] [--burden KIND:TEXT] [--feeling T] ...",
        discussion: "Flags marked (repeat) may be given several times. The part is added after the last part.",
        options: [
            .map,
            OptionSpec("--name", value: "NAME", help: "Display name (any text)."),
            OptionSpec("--role", value: "ROLE", choices: Role.allCases.map(\.rawValue), help: "manager, firefighter, protector, exile or unknown."),
            OptionSpec("--age", value: "AGE", help: "How old it seems (any text)."),
            OptionSpec("--status", value: "STATUS", choices: PartStatus.allCases.map(\.rawValue), help: "Where the relationship with Self stands."),
            OptionSpec("--self-like", help: "It tends to look like Self."),
            OptionSpec("--burden", value: "KIND:TEXT",
                       help: "A burden: personal, legacy or cultural, then optionally a state, a form (wordless, preverbal, "
                           + "bodily) and 'from WHO, WHO' before the colon: \"legacy from mother:we don't cry\" (repeat)."),
        ] + textFlags.map { OptionSpec($0.flag, value: "TEXT", help: $0.help.contains("(repeat") ? $0.help : $0.help + " (repeat)") },
        examples: [
            ("partsmap part add fog --name \"The Fog\" --role manager --age 12 --intent \"keeps grief from flooding\"",
             "A numbing manager."),
            ("partsmap part add little --name \"Little One\" --role exile --burden \"personal:I don't matter\"", "An exile."),
        ])

    static func runAdd(_ arguments: ParsedArguments) throws(CommandError) {
        guard let idText = arguments.positionals.first else { throw add.usageError("say the new part's ID") }
        let id = try add.partID(idText)
        var fields: [PartField] = []
        if let role = arguments.value("--role") { fields.append(PartField(.role(try add.choice(role, Role.self, what: "role")))) }
        if arguments.has("--self-like") { fields.append(PartField(.selfLike(true))) }
        if let age = arguments.value("--age") { fields.append(PartField(.age(age))) }
        for flag in textFlags {
            let values = arguments.values[flag.flag] ?? []
            if flag.key == "feelings" || flag.key == "tags" {
                // Repeated list flags make one line: --feeling flat --feeling tired → feelings: flat, tired
                if !values.isEmpty, let field = try fieldValue(key: flag.key, text: values.joined(separator: ","), spec: add) {
                    fields.append(PartField(field))
                }
                continue
            }
            for value in values {
                if let field = try fieldValue(key: flag.key, text: value, spec: add) { fields.append(PartField(field)) }
            }
        }
        for burden in arguments.values["--burden"] ?? [] { fields.append(PartField(.burden(try add.burden(burden)))) }
        if let status = arguments.value("--status") {
            fields.append(PartField(.status(try add.choice(status, PartStatus.self, what: "status"))))
        }
        let ordered = fields.sorted { canonicalOrder($0.value.key) < canonicalOrder($1.value.key) }
        let part = Part(id: id, name: arguments.value("--name"), fields: ordered)
        let path = mapPath(arguments)
        try MapFile.edit(path) { (map: inout SystemMap) throws(CommandError) in
            if map.part(id) != nil { throw CommandError(.dataError, "the map already has a part '\(id)'") }
            if let twin = map.caseTwin(of: id) {
                throw CommandError(.dataError, "the map already has a part '\(twin.id)'; IDs that differ only in letter case would be confused")
            }
            let position = (map.items.lastIndex { if case .part = $0 { return true } else { return false } }).map { $0 + 1 }
            map.items.insert(.part(part), at: position ?? map.items.count)
        }
        Console.message("added part '\(id)' to \(path)")
    }

    /// The map for a part command: `--map` or map.parts (positionals are IDs here).
    static func mapPath(_ arguments: ParsedArguments) -> String {
        arguments.value("--map") ?? "map.parts"
    }

    static func canonicalOrder(_ key: String) -> Int {
        PartFieldSpec.order(of: key)
    }

    /// A field value from text, for `part add` flags and `part set`, read by the table of fields.
    static func fieldValue(key: String, text: String, spec: CommandSpec) throws(CommandError) -> PartField.Value? {
        guard let field = PartFieldSpec.named(key) else {
            guard CustomKey.isValid(key) else {
                let fields = ["name"] + PartField.Value.knownKeys
                throw spec.usageError(Suggestions.unknown("field", key, in: fields,
                                                          otherwise: "fields are \(fields.joined(separator: ", ")), or x-KEY for your own"))
            }
            return .custom(key: key, value: text)
        }
        switch field.value(fromText: text) {
        case .success(let value): return value
        case .failure(let problem): throw spec.usageError(problem.message)
        }
    }

    static let set = CommandSpec(
        name: "part set",
        summary: "Set one field of a part (replacing what the field held).",
        synopsis: "ID FIELD VALUE",
        discussion: """
            FIELD is name, role, age, status, self-like, body, feelings, beliefs, job, intent, fears,
            burden (KIND[ STATE][ FORM][ from WHO, WHO]:TEXT, e.g. "personal preverbal:terror, no words"),
            trailheads, tags, note, or x-KEY for your own.
            Only that field's line changes; its comments stay.
            """,
        options: [.map],
        maximumPositionals: 3,
        examples: [
            ("partsmap part set fog status trusting", "Record that the Fog now trusts Self."),
            ("partsmap part set fog feelings \"flat, tired, watchful\"", "Replace the list of feelings."),
        ])

    static func runSet(_ arguments: ParsedArguments) throws(CommandError) {
        guard arguments.positionals.count == 3 else { throw set.usageError("give a part ID, a field and a value") }
        let key = arguments.positionals[1]
        let text = arguments.positionals[2]
        let value = key == "name" ? nil : try fieldValue(key: key, text: text, spec: set)
        var id = PartID(unchecked: "")
        try MapFile.edit(mapPath(arguments)) { (map: inout SystemMap) throws(CommandError) in
            id = try map.resolvePart(arguments.positionals[0], set).id
            map.updatePart(id) { part in
                guard let value else { part.name = text; return }
                if PartField.Value.isSingleValued(key) {
                    part.setSingle(value)
                } else {
                    part.replaceAll(key: value.key, with: [value])
                }
            }
        }
        Console.message("set \(key) of '\(id)'")
    }

    static let unset = CommandSpec(
        name: "part unset",
        summary: "Remove a field from a part (every line of it).",
        synopsis: "ID FIELD",
        options: [.map],
        maximumPositionals: 2,
        examples: [("partsmap part unset fog age", "Forget the Fog's age.")])

    static func runUnset(_ arguments: ParsedArguments) throws(CommandError) {
        guard arguments.positionals.count == 2 else { throw unset.usageError("give a part ID and a field") }
        let key = arguments.positionals[1]
        var id = PartID(unchecked: "")
        if key != "name" && PartFieldSpec.named(key) == nil && !CustomKey.isValid(key) {
            _ = try fieldValue(key: key, text: "", spec: unset)  // reports the unknown field
        }
        try MapFile.edit(mapPath(arguments)) { (map: inout SystemMap) throws(CommandError) in
            let part = try map.resolvePart(arguments.positionals[0], unset)
            id = part.id
            guard key == "name" ? part.name != nil : part.fields.contains(where: { $0.value.key == key }) else {
                throw CommandError(.dataError, "part '\(id)' has no \(key)")
            }
            map.updatePart(id) { part in
                if key == "name" { part.name = nil } else { part.fields.removeAll { $0.value.key == key } }
            }
        }
        Console.message("removed \(key) from '\(id)'")
    }

    static let rename = CommandSpec(
        name: "part rename",
        summary: "Change a part's ID everywhere: its block, relationships and sessions.",
        synopsis: "OLD NEW",
        discussion: "To change the display name instead, use 'partsmap part set ID name \"New name\"'.",
        options: [.map],
        maximumPositionals: 2,
        examples: [("partsmap part rename fog numbing", "The Fog's ID becomes 'numbing' in every line that names it.")])

    static func runRename(_ arguments: ParsedArguments) throws(CommandError) {
        guard arguments.positionals.count == 2 else { throw rename.usageError("give the old and the new ID") }
        let new = try rename.partID(arguments.positionals[1])
        var old = PartID(unchecked: "")
        try MapFile.edit(mapPath(arguments)) { (map: inout SystemMap) throws(CommandError) in
            old = try map.resolvePart(arguments.positionals[0], rename).id
            if map.part(new) != nil { throw CommandError(.dataError, "the map already has a part '\(new)'") }
            if let twin = map.caseTwin(of: new), twin.id != old {
                throw CommandError(.dataError, "the map already has a part '\(twin.id)'; IDs that differ only in letter case would be confused")
            }
            map.renamePart(old, to: new)
        }
        Console.message("renamed '\(old)' to '\(new)'")
    }

    static let remove = CommandSpec(
        name: "part rm",
        summary: "Remove a part (refused while relationships or sessions name it, unless --cascade).",
        synopsis: "ID [--cascade]",
        options: [.map, OptionSpec("--cascade", help: "Also remove the relationships and session lines that name it.")],
        examples: [("partsmap part rm scroller --cascade", "Remove the part and every line about it.")])

    static func runRemove(_ arguments: ParsedArguments) throws(CommandError) {
        guard let idText = arguments.positionals.first else { throw remove.usageError("say which part to remove") }
        var id = PartID(unchecked: "")
        var removed: [String] = []
        try MapFile.edit(mapPath(arguments)) { (map: inout SystemMap) throws(CommandError) in
            id = try map.resolvePart(idText, remove).id
            let references = map.references(to: id)
            if !references.isEmpty && !arguments.has("--cascade") {
                throw CommandError(.dataError, "part '\(id)' is still named in \(references.count) relationship(s) or session(s); "
                                   + "remove those first, or use --cascade to remove them too")
            }
            removed = map.removePart(id, cascade: true)
        }
        Console.message("removed part '\(id)'" + removed.map { "\n  and its " + $0 }.joined())
    }

    static let list = CommandSpec(
        name: "part list",
        summary: "List the parts: ID, name, role, status and the last session that mentions them.",
        synopsis: "[MAP] [--map PATH] [--role ROLE] [--status STATUS] [--tag TAG] [--json]",
        discussion: """
            --role, --status and --tag keep only the parts that match; repeat one to allow any of
            its values (--role manager --role firefighter); different ones must all match.
            --json writes the parts as a JSON array, each part as in 'export --format graph-json'
            (docs/json.md).
            """,
        options: [
            .map,
            OptionSpec("--role", value: "ROLE", choices: Role.allCases.map(\.rawValue), help: "Only parts with this role (repeat for any of several)."),
            OptionSpec("--status", value: "STATUS", choices: PartStatus.allCases.map(\.rawValue),
                       help: "Only parts with this status (repeat for any of several)."),
            OptionSpec("--tag", value: "TAG", help: "Only parts with this tag (repeat for any of several)."),
            OptionSpec("--json", help: "Write JSON instead of a table."),
        ],
        examples: [("partsmap part list", "A table of every part."),
                   ("partsmap part list --role exile --status noticed", "The exiles only noticed so far."),
                   ("partsmap part list --tag numbness --json | jq -r '.[].name'", "The names of the parts tagged numbness.")])

    static func runList(_ arguments: ParsedArguments) throws(CommandError) {
        let map = try MapFile.load(MapFile.path(from: arguments)).map
        let tags = arguments.values["--tag"] ?? []
        var known: [String] = []
        for part in map.parts { for tag in part.tags where !known.contains(tag) { known.append(tag) } }
        for tag in tags where !known.contains(tag) && !TagVocabulary.all.contains(where: { $0.prefix + ":" == tag }) {
            throw list.usageError(Suggestions.unknown("tag", tag, in: known, otherwise: known.isEmpty
                ? "no part has a tag yet" : "the tags are \(known.joined(separator: ", "))"))
        }
        let filter = PartFilter(roles: Set((arguments.values["--role"] ?? []).compactMap(Role.init(rawValue:))),
                                statuses: Set((arguments.values["--status"] ?? []).compactMap(PartStatus.init(rawValue:))),
                                tags: Set(tags))
        let parts = filter.parts(of: map)
        if arguments.has("--json") {
            Console.output(GraphJSON.parts(parts, in: map).serialized())
            return
        }
        let lastSeen = map.lastSessionDates()
        let rows = parts.map { part in
            [part.id.rawValue, part.displayName, part.role.rawValue, part.status?.rawValue ?? "-",
             lastSeen[part.id]?.description ?? "-"]
        }
        Console.show(table(["ID", "NAME", "ROLE", "STATUS", "LAST SEEN"], rows))
    }

    static let show = CommandSpec(
        name: "part show",
        summary: "Show everything known about a part: fields, relationships, status history.",
        synopsis: "ID",
        options: [.map],
        examples: [("partsmap part show fog", "The Fog's card.")])

    static func runShow(_ arguments: ParsedArguments) throws(CommandError) {
        guard let idText = arguments.positionals.first else { throw show.usageError("say which part to show") }
        let map = try MapFile.load(mapPath(arguments)).map
        let part = try map.resolvePart(idText, show)
        Console.show(PartCard(part: part, map: map).text)
    }
}
