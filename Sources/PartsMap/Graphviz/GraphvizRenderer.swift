#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a picture could not be made.
public enum RenderError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No Graphviz `dot` program was found.
    case graphvizNotFound(looked: String)
    case cannotStart(program: String, reason: String)
    /// Graphviz ran and reported an error.
    case graphvizFailed(status: Int32, message: String)
    /// Graphviz was killed by a signal (it crashed, or ran out of memory).
    /// (`layout`: the engine that was running, so the advice names another.)
    case graphvizCrashed(signal: Int32, message: String, layout: LayoutEngine? = nil)
    case timedOut(seconds: Double, layout: LayoutEngine? = nil)
    /// Graphviz said it succeeded but wrote nothing.
    case emptyOutput
    /// Graphviz said it succeeded but what it wrote is not a picture of that format.
    case invalidOutput(format: String)
    case cannotWrite(FileError)

    public var description: String {
        switch self {
        case .graphvizNotFound(let looked):
            return """
                Graphviz is needed to draw pictures, and its 'dot' program was not found (\(looked)).
                Install it:  sudo apt-get install -y graphviz   (Debian, Ubuntu)
                             brew install graphviz              (macOS)
                or name the program with --graphviz PATH or the PARTSMAP_GRAPHVIZ environment variable.
                Everything else in partsmap works without it; 'partsmap dot' prints the DOT text.
                """
        case .cannotStart(let program, let reason):
            return "could not start Graphviz (\(program)): \(reason)"
        case .graphvizFailed(let status, let message):
            return "Graphviz failed (exit status \(status))" + (message.isEmpty ? "" : ":\n" + message)
        case .graphvizCrashed(let signal, let message, let layout):
            let cause = signal == SIGSEGV ? " (it may have run out of memory; try --layout \(RenderError.faster(than: layout)))" : ""
            return "Graphviz was stopped by signal \(signal)\(cause)" + (message.isEmpty ? "" : ":\n" + message)
        case .timedOut(let seconds, let layout):
            return "Graphviz took longer than \(Int(seconds)) s and was stopped; for a large map try --layout \(RenderError.faster(than: layout)), "
                + "or allow more time with --timeout SECONDS"
        case .emptyOutput:
            return "Graphviz reported success but wrote no picture"
        case .invalidOutput(let format):
            return "Graphviz reported success but what it wrote is not a valid \(format); check the program named by --graphviz or PARTSMAP_GRAPHVIZ"
        case .cannotWrite(let error):
            return error.description
        }
    }

    /// A layout to suggest after `layout` failed on a large map: never the one that failed.
    static func faster(than layout: LayoutEngine?) -> String {
        layout == .sfdp ? "neato" : "sfdp"
    }
}

/// Runs the system's Graphviz to turn DOT into SVG, PNG or PDF.
///
/// Graphviz writes straight to its `-o` path and may leave a file behind even when it fails,
/// so it only ever writes to a private temporary file beside the target. That file replaces the
/// target only when Graphviz exited 0 and wrote something: a failed render never clobbers or
/// half-writes a picture.
public struct GraphvizRenderer: Sendable {
    /// The `dot` program to run.
    public var executable: String
    /// Seconds before a runaway layout is stopped.
    public var timeout: Double
    /// Run Graphviz in its own process group (see `Subprocess.ownProcessGroup`), so a timeout
    /// or a signal ends everything it started, not only `dot` itself.
    public var ownProcessGroup = true

    /// A renderer running the Graphviz program at `executable`, stopped after `timeout` seconds.
    public init(executable: String, timeout: Double = 120) {
        self.executable = executable
        self.timeout = timeout
    }

    /// Finds Graphviz: `explicit` (from `--graphviz`), else `$PARTSMAP_GRAPHVIZ`, else `dot` on `$PATH`.
    public static func locate(explicit: String? = nil, timeout: Double = 120) throws(RenderError) -> GraphvizRenderer {
        let named = explicit ?? environmentValue("PARTSMAP_GRAPHVIZ").flatMap { $0.isEmpty ? nil : $0 }
        if let named {
            if named.contains("/") {
                guard ExecutableSearch.isExecutableFile(named) else { throw .graphvizNotFound(looked: "\(named) is not an executable file") }
                return GraphvizRenderer(executable: named, timeout: timeout)
            }
            guard let found = ExecutableSearch.find(named) else { throw .graphvizNotFound(looked: "no '\(named)' on PATH") }
            return GraphvizRenderer(executable: found, timeout: timeout)
        }
        guard let found = ExecutableSearch.find("dot") else { throw .graphvizNotFound(looked: "searched PATH") }
        return GraphvizRenderer(executable: found, timeout: timeout)
    }

    /// Renders `dot` text to `path`. Returns Graphviz's warnings (it can succeed with some).
    @discardableResult
    public func render(dot: String, format: OutputFormat, layout: LayoutEngine, to path: String,
                       pinned: Bool = false) throws(RenderError) -> String {
        try start(format: format, layout: layout, to: path, pinned: pinned).finish(dot: dot)
    }

    /// Where Graphviz puts each node, in points, by running the layout once (`-Tplain`).
    /// Used to draw several pictures with the same layout, so parts keep their places.
    public func positions(dot: String, layout: LayoutEngine) throws(RenderError) -> [String: (x: Double, y: Double)] {
        try plainLayout(dot: dot, layout: layout).positions
    }

    /// The size of the drawing in inches, from one layout run.
    public func drawingSize(dot: String, layout: LayoutEngine, pinned: Bool = false) throws(RenderError) -> (width: Double, height: Double) {
        try plainLayout(dot: dot, layout: layout, pinned: pinned).size
    }

    private func plainLayout(dot: String, layout: LayoutEngine, pinned: Bool = false) throws(RenderError)
        -> (positions: [String: (x: Double, y: Double)], size: (width: Double, height: Double)) {
        let output = try layoutOutput(dot: dot, layout: layout, format: "plain", pinned: pinned)
        var positions: [String: (x: Double, y: Double)] = [:]
        var size = (width: 0.0, height: 0.0)
        for line in String(decoding: output, as: UTF8.self).split(separator: "\n") {
            let words = GraphvizRenderer.plainWords(line)
            if words.count >= 4, words[0] == "graph", let width = Double(words[2]), let height = Double(words[3]), width.isFinite, height.isFinite {
                size = (width, height)
            }
            guard words.count >= 4, words[0] == "node", let x = Double(words[2]), let y = Double(words[3]), x.isFinite, y.isFinite else { continue }
            positions[words[1]] = (x * 72, y * 72)
        }
        return (positions, size)
    }

    /// Runs one layout and returns what Graphviz printed in `format` (`plain`, `json0`, `svg`…);
    /// `pinned` draws nodes (and lines that have a `pos`) where the DOT puts them (`neato -n2`).
    public func layoutOutput(dot: String, layout: LayoutEngine, format: String, pinned: Bool = false) throws(RenderError) -> [UInt8] {
        let engine = pinned ? ["-Kneato", "-n2"] : ["-K\(layout.program)"]
        var process = Subprocess(executable: executable, arguments: engine + ["-T\(format)"], timeout: timeout)
        process.capturesOutput = true
        process.ownProcessGroup = ownProcessGroup
        let result: Subprocess.Result
        do {
            result = try process.run(input: Array(dot.utf8))
        } catch {
            switch error {
            case .cannotStart(let reason): throw .cannotStart(program: executable, reason: reason)
            }
        }
        let message = GraphvizRenderer.readable(result.standardError)
        switch result.termination {
        case .exited(0): break
        case .exited(let status): throw .graphvizFailed(status: status, message: message)
        case .signalled(let signal): throw .graphvizCrashed(signal: signal, message: message, layout: layout)
        case .timedOut: throw .timedOut(seconds: timeout, layout: layout)
        }
        return result.standardOutput
    }

    /// The words of a `-Tplain` line; quoted names may hold spaces and escaped quotes.
    package static func plainWords(_ line: Substring) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in line {
            if quoted {
                if escaped { current.append(character); escaped = false }
                else if character == "\\" { escaped = true }
                else if character == "\"" { quoted = false }
                else { current.append(character) }
            } else if character == "\"" {
                quoted = true
            } else if character == " " {
                if !current.isEmpty { words.append(current); current = "" }
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Starts Graphviz before the DOT is ready, so its start-up overlaps with reading the map.
    /// Call `finish(dot:)` or `cancel()` on the result.
    ///
    /// `primer`: the fonts the picture will use (`VisualStyle.fontFaces`). Graphviz is given a
    /// graph in those fonts at once (`primer(_:)`), so it also sets up its plugins and looks
    /// the fonts up while partsmap lays out the map. nil: it waits for the map.
    public func start(format: OutputFormat, layout: LayoutEngine, to path: String, pinned: Bool = false,
                      primer: [VisualStyle.FontFace]? = nil) throws(RenderError) -> PendingRender {
        let temporary: (descriptor: Int32, path: String)
        let target = path == "-" ? path : FileSystem.editTarget(path)
        do {
            // Refuse a read-only picture or a folder now, before Graphviz runs.
            if path != "-" { _ = try FileSystem.writeTarget(path) }
            temporary = try FileSystem.makeTemporaryFile(beside: target, removingLeftovers: false)
        } catch {
            throw .cannotWrite(error)
        }
        SignalCleanup.remove(temporary.path)
        // Pinned: every node has a `pos`; neato -n2 draws them there without a layout of its own.
        let engine = pinned ? ["-Kneato", "-n2"] : ["-K\(layout.program)"]
        let arguments = engine + ["-T\(format.rawValue)", "-o", temporary.path]
        var process = Subprocess(executable: executable, arguments: arguments, timeout: timeout)
        process.ownProcessGroup = ownProcessGroup
        // Graphviz loads while partsmap reads and lays out the map: on processors of their own.
        process.startsOnAnotherProcessor = true
        if primer != nil {
            // Graphviz writes the first graph of its input to `-o` and the next to its standard
            // output: the primer's picture goes nowhere, the map's to partsmap, which reads it
            // while Graphviz writes and puts it in the temporary file once.
            process.arguments = engine + ["-T\(format.rawValue)", "-o", "/dev/null"]
            process.capturesOutput = true
        }
        do {
            let running = try process.start()
            if let primer { process.send(running, Array(GraphvizRenderer.primer(primer).utf8)) }
            // Leftovers of killed renders are cleared while Graphviz starts, not before.
            FileSystem.removeStaleTemporaryFiles(beside: FileSystem.temporaryBase(target))
            return PendingRender(process: process, running: running, temporary: temporary.path,
                                 temporaryDescriptor: temporary.descriptor, path: path, format: format,
                                 layout: pinned ? nil : layout, unprimedArguments: primer == nil ? nil : arguments)
        } catch {
            SignalCleanup.forget(temporary.path)
            unlink(temporary.path)
            close(temporary.descriptor)
            switch error {
            case .cannotStart(let reason): throw .cannotStart(program: executable, reason: reason)
            }
        }
    }

    /// A graph Graphviz draws (to /dev/null) before the map, so that it loads its plugins and
    /// looks up `faces` while partsmap is still laying the map out: a node in each face.
    /// Laid out as the clinical layout is (`nop2`, the default); the map's DOT names its own
    /// layout, which Graphviz takes instead. Font names and sizes are partsmap's own, never
    /// user text.
    static func primer(_ faces: [VisualStyle.FontFace]) -> String {
        var dot = "digraph partsmap_primer { graph [layout=\"nop2\"];"
        for (number, face) in faces.enumerated() {
            dot += " f\(number) [pos=\"0,0\", label=\"Aa\", fontname=\"\(face.name)\", fontsize=\"\(XMLText.number(face.size))\"];"
        }
        return dot + " }\n"
    }

    /// Maps of this many parts or more take partsmap longer to lay out (clinical layout) than
    /// Graphviz takes to load, so priming it pays; on smaller maps the DOT is ready first and the
    /// primer would only add its own drawing (1 to 2 ms).
    public static let primedFromParts = 40

    /// The SVG ids Graphviz gives the second graph of its input (`page0,1_graph0`), as they are
    /// for a graph drawn alone (`graph0`), so a primed picture is byte for byte the same. Only
    /// the graph's own group tags are changed: user text in the SVG never holds a `<`.
    static func withoutPrimerPage(_ svg: [UInt8]) -> [UInt8]? {
        var result = svg
        var changed = false
        for (from, to) in [("<g id=\"page0,1_graph0\"", "<g id=\"graph0\""), ("<g id=\"a_page0,1_graph0\"", "<g id=\"a_graph0\"")] {
            let (old, new) = (Array(from.utf8), Array(to.utf8))
            // On the graph's own group, before its first node.
            guard let start = result.prefix(4_096).indices.first(where: { result[$0...].starts(with: old) }) else { continue }
            result.replaceSubrange(start..<(start + old.count), with: new)
            changed = true
        }
        return changed ? result : nil
    }

    /// Graphviz's standard error as text: invalid bytes replaced, at most 40 lines.
    static func readable(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        if lines.count > 40 { lines = Array(lines.prefix(40)) + ["… (\(lines.count - 40) more lines)"] }
        return lines.joined(separator: "\n")
    }

}

/// A Graphviz run that has started and waits for its DOT.
public struct PendingRender {
    fileprivate let process: Subprocess
    fileprivate let running: Subprocess.Running
    fileprivate let temporary: String
    /// Holds the temporary file's lock (see `FileSystem.makeTemporaryFile`) until it is gone.
    fileprivate let temporaryDescriptor: Int32
    fileprivate let path: String
    fileprivate let format: OutputFormat
    fileprivate let layout: LayoutEngine?
    /// Set when Graphviz was primed: how to run it unprimed, should it not write the map to its
    /// standard output as every Graphviz measured does.
    fileprivate let unprimedArguments: [String]?

    /// Gives Graphviz the DOT, waits for it, and puts the picture in place only if it succeeded.
    /// Returns Graphviz's warnings.
    public func finish(dot: String) throws(RenderError) -> String {
        var keepTemporary = false
        defer {
            if !keepTemporary { unlink(temporary) }
            SignalCleanup.forget(temporary)
            close(temporaryDescriptor)
        }
        var result = process.finish(running, input: Array(dot.utf8))
        var info = stat()
        // Primed, the picture comes on standard output (see `start`).
        var captured = unprimedArguments == nil ? nil : result.standardOutput
        if let unprimedArguments, result.termination == .exited(0), captured?.isEmpty ?? false {
            captured = nil
            var unprimed = process
            unprimed.arguments = unprimedArguments
            unprimed.capturesOutput = false
            do {
                result = try unprimed.run(input: Array(dot.utf8))
            } catch {
                switch error {
                case .cannotStart(let reason): throw .cannotStart(program: process.executable, reason: reason)
                }
            }
        }
        let message = GraphvizRenderer.readable(result.standardError)
        // A full disk makes Graphviz fail with its own words ("gvwrite_no_z problem"): say it plainly.
        if result.termination != .exited(0), FileSystem.isFull(FileSystem.directory(of: temporary)) {
            throw .cannotWrite(.cannotWrite(path: path, reason: errnoDescription(ENOSPC)))
        }
        switch result.termination {
        case .exited(0): break
        case .exited(let status): throw .graphvizFailed(status: status, message: message)
        case .signalled(let signal): throw .graphvizCrashed(signal: signal, message: message, layout: layout)
        case .timedOut: throw .timedOut(seconds: process.timeout, layout: layout)
        }
        if var written = captured {
            guard !written.isEmpty else { throw .emptyOutput }
            if format == .svg, let same = GraphvizRenderer.withoutPrimerPage(written) { written = same }
            guard PictureCheck.isValid(written, as: format) else {
                throw .invalidOutput(format: format.rawValue.uppercased())
            }
            do {
                try FileSystem.writeAll(written, to: temporaryDescriptor, path: path)
            } catch {
                throw .cannotWrite(error)
            }
        } else {
            guard stat(temporary, &info) == 0, info.st_size > 0 else { throw .emptyOutput }
            guard let written = try? FileSystem.readBytes(at: temporary, limit: Int.max), PictureCheck.isValid(written, as: format) else {
                throw .invalidOutput(format: format.rawValue.uppercased())
            }
        }
        guard chmod(temporary, FileSystem.permissions(forReplacing: path)) == 0 else {
            throw .cannotWrite(.cannotWrite(path: path, reason: errnoDescription()))
        }
        do {
            keepTemporary = true
            try FileSystem.commit(temporary, to: path, durable: false)
        } catch {
            throw .cannotWrite(error)
        }
        return message
    }

    /// Stops Graphviz and removes its temporary file: nothing is written.
    public func cancel() {
        process.cancel(running)
        unlink(temporary)
        SignalCleanup.forget(temporary)
        close(temporaryDescriptor)
    }
}
