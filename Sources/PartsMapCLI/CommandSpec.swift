import PartsMap
/// The description of one command: its options, help text and examples.
///
/// One table of these drives parsing, `--help` and shell completion, so they never disagree.
public struct CommandSpec: Sendable {
    public var name: String
    public var summary: String
    /// The synopsis after `partsmap NAME`, e.g. `[MAP] [-o FILE]`.
    public var synopsis: String
    public var discussion: String
    public var options: [OptionSpec]
    /// How many positional arguments the command takes at most.
    public var maximumPositionals: Int
    public var examples: [(command: String, explanation: String)]
    /// What shell completion offers for the command's arguments.
    public var completes: PositionalCompletion = .files

    /// What a command's arguments are, for completion: files, the map's part IDs, or its session dates.
    public enum PositionalCompletion: Sendable {
        case files, parts, sessions
    }

    /// The same command, completing its arguments with `kind`.
    public func completing(_ kind: PositionalCompletion) -> CommandSpec {
        var spec = self
        spec.completes = kind
        return spec
    }

    public init(name: String, summary: String, synopsis: String, discussion: String = "", options: [OptionSpec] = [],
                maximumPositionals: Int = 1, examples: [(command: String, explanation: String)] = []) {
        self.name = name
        self.summary = summary
        self.synopsis = synopsis
        self.discussion = discussion
        self.options = options + [.help]
        self.maximumPositionals = maximumPositionals
        self.examples = examples
    }

    public var usage: String { "partsmap \(name) \(synopsis)" }

    /// The full `--help` text.
    public var helpText: String {
        var out = "\(summary)\n\nUsage: \(usage)\n"
        if !discussion.isEmpty { out += "\n" + discussion + "\n" }
        out += "\nOptions:\n"
        let rows = options.map { option -> (String, String) in
            var names = option.short.map { "\($0), " } ?? "    "
            names += option.long
            if let value = option.valueName { names += " " + value }
            // A choice lists its values, unless the help already names them.
            let listed = option.choices.isEmpty || option.choices.allSatisfy { option.help.contains($0) }
            return (names, listed ? option.help : option.help + " One of: " + option.choices.joined(separator: ", ") + ".")
        }
        let width = (rows.map(\.0.count).max() ?? 0) + 2
        for (names, help) in rows {
            out += "  " + names + String(repeating: " ", count: max(1, width - names.count)) + help + "\n"
        }
        if !examples.isEmpty {
            out += "\nExamples:\n"
            for example in examples {
                out += "  \(example.command)\n      \(example.explanation)\n"
            }
        }
        return out
    }
}

/// One option of a command.
public struct OptionSpec: Sendable {
    public var long: String
    public var short: String?
    /// The placeholder for the option's value (`FILE`), or nil for a flag.
    public var valueName: String?
    /// The values the option accepts, when it is a choice (used for errors and completion).
    public var choices: [String]
    public var help: String

    public init(_ long: String, short: String? = nil, value valueName: String? = nil, choices: [String] = [], help: String) {
        self.long = long
        self.short = short
        self.valueName = valueName
        self.choices = choices
        self.help = help
    }

    public static let help = OptionSpec("--help", short: "-h", help: "Show this help.")
    public static let map = OptionSpec("--map", value: "PATH", help: "The map to use (default: map.parts here).")
}

/// What was on the command line for one command.
public struct ParsedArguments: Sendable, Equatable {
    public var values: [String: [String]] = [:]
    public var flags: Set<String> = []
    public var positionals: [String] = []

    /// The last value given for an option.
    public func value(_ long: String) -> String? { values[long]?.last }

    public func has(_ flag: String) -> Bool { flags.contains(flag) }
}

extension CommandSpec {
    /// Parses the arguments after the command name. Throws a usage error naming the bad argument.
    public func parse(_ arguments: [String]) throws(CommandError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || argument == "-" || !argument.hasPrefix("-") {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            var name = argument
            var inlineValue: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            } else if !argument.hasPrefix("--"), argument.count > 2,
                      let short = options.first(where: { $0.short == String(argument.prefix(2)) && $0.valueName != nil }) {
                // Graphviz style: -Tpng, -Kneato.
                name = short.long
                inlineValue = String(argument.dropFirst(2))
            }
            if !CommandSpec.looksLikeOption(name), !options.contains(where: { $0.long == name || $0.short == name }) {
                // "- call mum", "-5": a value that happens to start with '-', not an option.
                parsed.positionals.append(argument)
                continue
            }
            guard let option = options.first(where: { $0.long == name || $0.short == name }) else {
                let hint = Suggestions.closest(to: name, in: options.map(\.long))
                throw usageError("unknown option '\(name)'" + (hint.map { "; did you mean '\($0)'?" } ?? ""))
            }
            guard let valueName = option.valueName else {
                if inlineValue != nil { throw usageError("'\(option.long)' takes no value") }
                parsed.flags.insert(option.long)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else if index < arguments.count {
                value = arguments[index]
                index += 1
            } else {
                throw usageError("'\(option.long)' needs a value: \(option.long) \(option.choices.isEmpty ? valueName : option.choices.joined(separator: "|"))")
            }
            if !option.choices.isEmpty && !option.choices.contains(value) {
                let hint = Suggestions.closest(to: value, in: option.choices).map { " (did you mean '\($0)'?)" } ?? ""
                throw usageError("'\(value)' is not a valid \(option.long)\(hint); use one of: \(option.choices.joined(separator: ", "))")
            }
            parsed.values[option.long, default: []].append(value)
        }
        if parsed.positionals.count > maximumPositionals, !parsed.flags.contains("--help") {
            throw usageError("unexpected argument '\(parsed.positionals[maximumPositionals])'")
        }
        return parsed
    }

    /// `-x`, `--name`, `--dry-run`: what an option looks like. Anything else that starts with
    /// '-' (a space, a digit, punctuation) is a value.
    static func looksLikeOption(_ word: String) -> Bool {
        var rest = Substring(word)
        guard rest.hasPrefix("-") else { return false }
        rest = rest.dropFirst(rest.hasPrefix("--") ? 2 : 1)
        guard let first = rest.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII else { return false }
        return rest.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }
    }

    public func usageError(_ message: String) -> CommandError {
        CommandError(.usage, "\(message)\nusage: \(usage)\nSee 'partsmap \(name) --help'.")
    }
}
