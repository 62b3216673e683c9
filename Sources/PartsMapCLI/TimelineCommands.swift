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
        summary: "Show the map over time: one frame per commit or per session, every part in the same place, in one HTML page with a slider.",
        synopsis: "[MAP] -o DIR [--by commit|session] [--frames]",
        discussion: """
            Lays out the union of all frames once and draws each frame with those places, so the
            eye can compare them. Writes DIR/index.html: one self-contained page (no network, works
            offline) holding the drawing once and what each frame changes, with a slider marked at
            sessions. --by commit (the default in a git repository with two or more commits of the
            map) marks what each commit added, changed or removed; --by session shows the system as
            it was known at each session: parts noticed by then, relationships known by then,
            statuses as of then, with what is new marked (docs/git.md gives the rule). --frames
            also writes DIR/frame-001.svg, ... (drawn in parallel).
            """,
        options: [
            .map,
            OptionSpec("--output", short: "-o", value: "DIR", help: "The folder for index.html (and the frames)."),
            OptionSpec("--by", value: "WHAT", choices: ["commit", "session"], help: "One frame per commit or per session."),
            OptionSpec("--frames", help: "Also write one SVG file per frame."),
        ] + GraphvizOptions.specs,
        examples: [
            ("partsmap timeline -o timeline", "timeline/index.html: one frame per commit."),
            ("partsmap timeline --by session --frames -o sessions", "One frame per session, each also as an SVG file."),
        ])

    static func runTimeline(_ arguments: ParsedArguments) throws(CommandError) {
        let graphviz = try GraphvizOptions(arguments, timeline)
        guard let folder = arguments.value("--output") else { throw timeline.usageError("name the output folder with -o DIR") }
        let path = MapFile.path(from: arguments)
        let current = try MapFile.load(path).map
        var by = arguments.value("--by")
        var commits: [GitRepository.Commit] = []
        // A fresh workbook (no commits yet) has no commit frames: not a git error.
        if by != "session", let repository = try? GitRepository(folder: FileSystem.directory(of: path)), repository.isRepository,
           repository.isCommit("HEAD") {
            do {
                commits = try MapHistory.commits(of: path)
            } catch {
                throw CommandError(error)
            }
        }
        if by == nil { by = commits.count >= 2 ? "commit" : "session" }
        var frames = TimelineFrames(title: current.title ?? "Parts map")
        if by == "commit" {
            guard !commits.isEmpty else {
                throw CommandError(.noInput, "no commits of \(path) yet; use --by session, or \(MapVersion.firstCommitHint(path))")
            }
            do {
                try MapHistory.forEachVersion(of: path, commits: commits) { version in
                    let commit = version.commit
                    frames.append(Timeline.commitFrame(label: "\(commit.date) \(commit.shortHash): \(commit.subject)",
                                                       before: version.before, after: version.map))
                }
            } catch {
                throw CommandError(error)
            }
        } else {
            let knowledge = SessionKnowledge(current)
            guard !knowledge.sessions.isEmpty else { throw CommandError(.noInput, "\(path) has no sessions yet") }
            for index in knowledge.sessions.indices {
                frames.append(Timeline.sessionFrame(index, of: current, knowledge: knowledge))
            }
        }

        let renderer: GraphvizRenderer
        let layout: TimelinePage.Layout
        let drawing: String
        do {
            renderer = try GraphvizRenderer.locate(explicit: graphviz.program, timeout: graphviz.timeout)
            layout = try TimelinePage.layout(of: frames, renderer: renderer)
            let progress = ProgressLine("drawing")
            drawing = try TimelinePage.drawing(of: frames, layout: layout, renderer: renderer) { progress.report($0, of: $1) }
            progress.finish()
        } catch {
            throw CommandError(error, output: folder)
        }
        if !FileSystem.exists(folder), mkdir(folder, 0o700) != 0 {
            throw CommandError(.cannotCreate, "\(folder): cannot create the folder: \(errnoDescription())")
        }
        let withFrames = arguments.has("--frames")
        if withFrames { try drawFrames(frames, layout: layout, renderer: renderer, into: folder) }
        removeStaleFrames(in: folder, keeping: withFrames ? frames.count : 0)
        do {
            try FileSystem.writeAtomically(TimelinePage.html(frames: frames, drawing: drawing), to: folder + "/index.html")
        } catch {
            throw CommandError(.cannotCreate, error.description)
        }
        let written = withFrames ? "\(frames.count) frame\(frames.count == 1 ? "" : "s") and " : ""
        Console.message("wrote \(written)\(folder)/index.html (\(frames.count) frame\(frames.count == 1 ? "" : "s"), one per \(by ?? "session"))")
    }

    /// One SVG file per frame, with the title and the frame's caption, several frames at once
    /// (one Graphviz run per core), a few cores' worth at a time.
    static func drawFrames(_ frames: TimelineFrames, layout: TimelinePage.Layout, renderer: GraphvizRenderer,
                           into folder: String) throws(CommandError) {
        let progress = ProgressLine("frame")
        defer { progress.finish() }
        let batch = Parallel.cores * 8
        var pending: [(index: Int, visible: [Int])] = []
        func flush() throws(CommandError) {
            let jobs = pending
            pending = []
            let results = Parallel.map(jobs.count, progress: { progress.report(jobs[$0 - 1].index + 1, of: frames.count) }) { job in
                let (index, visible) = jobs[job]
                let dot = TimelinePage.dot(visible, of: frames, layout: layout, ids: false, title: frames.title,
                                           subtitle: frames.captions[index])
                let name = folder + "/" + frameName(index)
                return Result { () throws(RenderError) in
                    try renderer.render(dot: dot, format: .svg, layout: .neato, to: name, pinned: true)
                }.mapError { CommandError($0, output: name) }
            }
            for result in results { _ = try result.get() }
        }
        var replay = frames.replay()
        while let (index, visible) = replay.next() {
            pending.append((index, visible))
            if pending.count == batch { try flush() }
        }
        try flush()
    }

    static func frameName(_ index: Int) -> String {
        let number = String(index + 1)
        return "frame-" + String(repeating: "0", count: max(0, 3 - number.count)) + number + ".svg"
    }

    /// Frames left from an earlier, longer timeline (or from one drawn with --frames) would
    /// mislead: remove them.
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
        options: [.map, OptionSpec("--output", short: "-o", value: "FILE", help: "Where to write (default: MAP.self.svg; '-' for standard output).")],
        examples: [("partsmap self-chart -o self-energy.svg", "The trend of calm, curiosity, compassion, ...")])

    static func runSelfChart(_ arguments: ParsedArguments) throws(CommandError) {
        let path = MapFile.path(from: arguments)
        let map = try MapFile.load(path).map
        guard let chart = SelfEnergyChart(map: map) else {
            throw CommandError(.noInput, "\(path) has no Self-energy ratings yet, so there is nothing to chart; record them with a "
                               + "session: partsmap session add --self calm=5,curiosity=6 (or a session's 'self: calm 5, ...' line)")
        }
        try deliverChart(chart.svg, mapPath: path, suffix: ".self.svg", arguments)
    }

    /// Writes a chart to `-o` (or standard output for `-`), by default beside the map as
    /// MAP`suffix`: shared by `self-chart` and `feelings-chart`.
    static func deliverChart(_ svg: String, mapPath: String, suffix: String, _ arguments: ParsedArguments) throws(CommandError) {
        var base = mapPath
        if base.hasSuffix(".parts") { base.removeLast(".parts".count) }
        try Console.deliver(svg, to: arguments.value("--output") ?? base + suffix)
    }
}
