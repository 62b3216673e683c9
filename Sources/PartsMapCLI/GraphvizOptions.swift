import PartsMap

/// The Graphviz program and how long it may run: one option group, declared once, for every
/// command that draws (`render`, `report`, `worksheet`, `diff`, `timeline`).
struct GraphvizOptions {
    /// `--graphviz PATH`, or nil to look in $PARTSMAP_GRAPHVIZ, then PATH.
    var program: String?
    /// Seconds before Graphviz is stopped.
    var timeout = 120.0

    static let specs: [OptionSpec] = [
        OptionSpec("--graphviz", value: "PATH", help: "The Graphviz 'dot' program (default: $PARTSMAP_GRAPHVIZ, then PATH)."),
        OptionSpec("--timeout", value: "SECONDS", help: "Stop Graphviz after this long (default 120)."),
    ]

    init(_ arguments: ParsedArguments, _ spec: CommandSpec) throws(CommandError) {
        program = arguments.value("--graphviz")
        if let text = arguments.value("--timeout") {
            guard let seconds = Double(text), seconds > 0, seconds <= 86_400 else {
                throw spec.usageError("'--timeout' needs a number of seconds, e.g. --timeout 30")
            }
            timeout = seconds
        }
    }

    /// Whether the person chose a Graphviz (by option or environment), so its absence is an error.
    var isNamed: Bool { program != nil || !(environmentValue("PARTSMAP_GRAPHVIZ") ?? "").isEmpty }

    /// The renderer to use; `output` is what would have been written, for the message.
    func renderer(output: String) throws(CommandError) -> GraphvizRenderer {
        do {
            return try GraphvizRenderer.locate(explicit: program, timeout: timeout)
        } catch {
            throw CommandError(error, output: output)
        }
    }
}

extension CommandError {
    /// The exit code and message for a drawing that failed; `output` names what was not written.
    init(_ error: RenderError, output: String) {
        switch error {
        case .graphvizNotFound, .cannotStart: self.init(.unavailable, error.description)
        case .cannotWrite: self.init(.cannotCreate, error.description)
        case .graphvizFailed, .graphvizCrashed, .timedOut, .emptyOutput, .invalidOutput:
            self.init(.software, error.description + "\nNothing was written to \(output).")
        }
    }
}
