import PartsMap
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `partsmap timeline` and `partsmap self-chart`: pictures of change over time.
enum TimelineCommands {
    static let timeline = CommandSpec(
        name: "timeline",
        summary: "Draw one frame per commit or per session, every part in the same place, plus an HTML page with a slider.",
        synopsis: "[MAP] -o DIR [--by commit|session]",
        discussion: """
            Lays out the union of all frames once, then draws every frame with those positions, so
            the eye can compare them. Writes DIR/frame-001.svg, ... and DIR/index.html (self-contained:
            no network, works offline). --by commit (the default in a git repository with two or more
            commits of the map) marks what each commit added, changed or removed; --by session shows
            each session's statuses, who was present and the Self-energy.
            """,
        options: [
            .map,
            OptionSpec("--output", short: "-o", value: "DIR", help: "The folder for the frames and index.html."),
            OptionSpec("--by", value: "WHAT", choices: ["commit", "session"], help: "One frame per commit or per session."),
        ] + GraphvizOptions.specs,
        examples: [
            ("partsmap timeline -o timeline", "Frames and timeline/index.html."),
            ("partsmap timeline --by session -o sessions", "One frame per session."),
        ])

    static func runTimeline(_ arguments: ParsedArguments) throws(CommandError) {
        let graphviz = try GraphvizOptions(arguments, timeline)
        guard let folder = arguments.value("--output") else { throw timeline.usageError("name the output folder with -o DIR") }
        let path = MapFile.path(from: arguments)
        let current = try MapFile.load(path).map
        var by = arguments.value("--by")
        var commits: [(commit: GitRepository.Commit, before: SystemMap, map: SystemMap)] = []
        if by != "session", let repository = try? GitRepository(folder: FileSystem.directory(of: path)), repository.isRepository {
            commits = try HistoryCommands.versions(of: path, limit: nil)
        }
        if by == nil { by = commits.count >= 2 ? "commit" : "session" }
        let title = current.title ?? "Parts map"
        let built: Timeline
        if by == "commit" {
            guard !commits.isEmpty else {
                throw CommandError(.noInput, "no commits of \(path) yet; use --by session, or commit the map after sessions")
            }
            built = Timeline(commits: commits.map { ("\($0.commit.date) \($0.commit.shortHash): \($0.commit.subject)", $0.before, $0.map) },
                             title: title)
        } else {
            built = Timeline(sessionsOf: current)
            guard !built.frames.isEmpty else { throw CommandError(.noInput, "\(path) has no sessions yet") }
        }

        let renderer: GraphvizRenderer
        var positions: [String: DOTOptions.Position] = [:]
        do {
            renderer = try GraphvizRenderer.locate(explicit: graphviz.program, timeout: graphviz.timeout)
            let unionDOT = DOTWriter(options: DOTOptions(layout: .dot)).dot(for: built.union)
            let placed: [String: (x: Double, y: Double)]
            do {
                placed = try renderer.positions(dot: unionDOT, layout: .dot)
            } catch {
                // Positions need no lines: Graphviz 2.42 sometimes fails routing them.
                placed = try renderer.positions(dot: RenderAttempt.overriding(unionDOT, [("splines", "false")]), layout: .dot)
            }
            for (name, point) in placed {
                positions[name] = DOTOptions.Position(x: point.x, y: point.y)
            }
        } catch {
            throw CommandError(error, output: folder)
        }
        // One canvas for every frame: the union's extent with room for labels.
        let xs = positions.values.map(\.x)
        let ys = positions.values.map(\.y)
        let canvas = (DOTOptions.Position(x: (xs.min() ?? 0) - 110, y: (ys.min() ?? 0) - 50),
                      DOTOptions.Position(x: (xs.max() ?? 0) + 110, y: (ys.max() ?? 0) + 50))
        if !FileSystem.exists(folder), mkdir(folder, 0o700) != 0 {
            throw CommandError(.cannotCreate, "\(folder): cannot create the folder: \(errnoDescription())")
        }
        var pages: [(caption: String, svg: String)] = []
        for (index, frame) in built.frames.enumerated() {
            let name = folder + "/" + frameName(index)
            var frameMap = frame.map
            frameMap.items.removeAll { if case .field(let field) = $0 { return field.key == "title" } else { return false } }
            frameMap.items.insert(.field(MapField(key: "title", value: title)), at: 0)
            let writer = DOTWriter(options: DOTOptions(layout: .neato, positions: positions, canvas: canvas),
                                   decorations: frame.decorations)
            do {
                let outcome = try renderer.render(RenderAttempt.chain(writer: writer, map: frameMap, pinned: true), format: .svg, to: name)
                if let fallback = outcome.fallback { Console.message("partsmap: \(name): " + fallback) }
                pages.append((frame.caption, String(decoding: try FileSystem.readBytes(at: name), as: UTF8.self)))
            } catch let error as RenderError {
                throw CommandError(error, output: name)
            } catch {
                throw CommandError(.cannotCreate, "\(error)")
            }
        }
        removeStaleFrames(in: folder, keeping: built.frames.count)
        do {
            try FileSystem.writeAtomically(TimelinePage.html(title: title, frames: pages), to: folder + "/index.html")
        } catch {
            throw CommandError(.cannotCreate, error.description)
        }
        Console.message("wrote \(built.frames.count) frame\(built.frames.count == 1 ? "" : "s") and \(folder)/index.html (one frame per \(by ?? "session"))")
    }

    static func frameName(_ index: Int) -> String {
        let number = String(index + 1)
        return "frame-" + String(repeating: "0", count: max(0, 3 - number.count)) + number + ".svg"
    }

    /// Frames left from an earlier, longer timeline would mislead: remove them.
    static func removeStaleFrames(in folder: String, keeping count: Int) {
        var index = count
        while FileSystem.exists(folder + "/" + frameName(index)) {
            unlink(folder + "/" + frameName(index))
            index += 1
        }
    }

    static let selfChart = CommandSpec(
        name: "self-chart",
        summary: "Chart the 8 Cs of Self-energy across sessions (an accessible SVG).",
        synopsis: "[MAP] [-o FILE.svg]",
        discussion: "One small chart per quality, values written at every point; no Graphviz needed.",
        options: [.map, OptionSpec("--output", short: "-o", value: "FILE", help: "Where to write (default: MAP.self.svg).")],
        examples: [("partsmap self-chart -o self-energy.svg", "The trend of calm, curiosity, compassion, ...")])

    static func runSelfChart(_ arguments: ParsedArguments) throws(CommandError) {
        let path = MapFile.path(from: arguments)
        let map = try MapFile.load(path).map
        guard let chart = SelfEnergyChart(map: map) else {
            throw CommandError(.noInput, "\(path) has no Self-energy ratings yet (a session's 'self: calm 5, ...' line)")
        }
        var base = path
        if base.hasSuffix(".parts") { base.removeLast(".parts".count) }
        let output = arguments.value("--output") ?? base + ".self.svg"
        do {
            try FileSystem.writeAtomically(chart.svg, to: output)
        } catch {
            throw CommandError(.cannotCreate, error.description)
        }
        Console.message("wrote \(output)")
    }
}
