#if canImport(Dispatch)
import Dispatch
#endif

/// One way to draw a picture: DOT text and how Graphviz is called for it.
///
/// Graphviz fails on some valid graphs ("trouble in init_rank", "routesplines, illegal values"
/// in Debian's 2.42), and spline routing on a large dense map can take minutes. So a picture is
/// a list of attempts, each simpler than the one before, tried in turn (`GraphvizRenderer.render(_:)`):
/// the first that Graphviz draws is kept, and the change is said on stderr.
public struct RenderAttempt: Sendable {
    /// The DOT text to draw. A fallback's is only written when it is needed: most pictures are
    /// drawn at the first attempt, and writing them all cost a third of `partsmap dot`.
    public var dot: String {
        get { write() }
        set { write = { [newValue] in newValue } }
    }
    private var write: @Sendable () -> String
    /// The Graphviz layout engine to run on it.
    public var layout: LayoutEngine
    /// Every node has a `pos`: drawn with `neato -n2`.
    public var pinned: Bool
    /// How this picture differs from the one asked for ("with straight lines"); nil for the first.
    public var change: String?

    /// An attempt drawing `dot` with `layout`; `change` says how it differs from the picture
    /// asked for.
    public init(dot: String, layout: LayoutEngine, pinned: Bool = false, change: String? = nil) {
        self.init(layout: layout, pinned: pinned, change: change) { dot }
    }

    /// An attempt whose DOT `write` makes when it is tried.
    init(layout: LayoutEngine, pinned: Bool = false, change: String? = nil, write: @escaping @Sendable () -> String) {
        self.write = write
        self.layout = layout
        self.pinned = pinned
        self.change = change
    }

    /// The picture `writer` makes of `map`, then the fallbacks: the same with straight lines;
    /// without the legend; and (unless positions are pinned) the neato layout with straight lines.
    /// With `straightFirst` (a large map: spline routing is what takes minutes) straight lines come first.
    public static func chain(writer: DOTWriter, map: SystemMap, pinned: Bool = false, straightFirst: Bool = false) -> [RenderAttempt] {
        let layout = writer.options.layout
        let asked = writer.dot(for: map)
        let straight = RenderAttempt(layout: layout, pinned: pinned, change: straightFirst ? nil : "with straight lines") {
            overriding(asked, [("splines", "line")])
        }
        var attempts = straightFirst
            ? [straight, RenderAttempt(dot: asked, layout: layout, pinned: pinned, change: "with curved lines")]
            : [RenderAttempt(dot: asked, layout: layout, pinned: pinned), straight]
        if layout == .dot && !writer.options.notesBesideLines && map.relationships.contains(where: { writer.edgeLabel(for: $0) != nil }) {
            // Graphviz 2.42 fails on a few layered maps with notes on their lines.
            var beside = writer
            beside.options.notesBesideLines = true
            let besideLines = beside
            attempts.insert(RenderAttempt(layout: layout, pinned: pinned, change: "with notes beside their lines") {
                straightFirst ? overriding(besideLines.dot(for: map), [("splines", "line")]) : besideLines.dot(for: map)
            }, at: 1)
        }
        var plain = writer
        if writer.options.showsLegend {
            plain.options.showsLegend = false
            let withoutLegend = plain
            attempts.append(RenderAttempt(layout: layout, pinned: pinned, change: "without the legend") { withoutLegend.dot(for: map) })
            attempts.append(RenderAttempt(layout: layout, pinned: pinned, change: "without the legend, with straight lines") {
                overriding(withoutLegend.dot(for: map), [("splines", "line")])
            })
        }
        if !pinned {
            let simpler: LayoutEngine = layout == .neato ? .sfdp : .neato
            plain.options.layout = simpler
            let without = writer.options.showsLegend ? ", without the legend" : ""
            let simplest = plain
            attempts.append(RenderAttempt(layout: simpler, change: "with the \(simpler.rawValue) layout and straight lines" + without) {
                overriding(simplest.dot(for: map), [("splines", "line")])
            })
        }
        return attempts
    }

    /// `dot` with graph attributes set again at its end, where they override earlier settings.
    public static func overriding(_ dot: String, _ attributes: [(name: String, value: String)]) -> String {
        guard !attributes.isEmpty, let close = dot.lastIndex(of: "}") else { return dot }
        let list = attributes.map { "\($0.name)=\"\($0.value)\"" }.joined(separator: ", ")
        return String(dot[..<close]) + "  graph [" + list + "];\n" + String(dot[close...])
    }

    /// `dot` with every `fontsize` below `minimum` raised to it (one decimal).
    public static func raisingFontSizes(_ dot: String, to minimum: Double) -> String {
        let key = Array("fontsize=\"".utf8)
        let bytes = Array(dot.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        let raised = Array(XMLText.number((minimum * 10).rounded(.up) / 10).utf8)
        while index < bytes.count {
            if bytes[index] == key[0], index + key.count < bytes.count, Array(bytes[index..<index + key.count]) == key {
                var end = index + key.count
                while end < bytes.count && bytes[end] != UInt8(ascii: "\"") { end += 1 }
                out += key
                if let value = Double(String(decoding: bytes[(index + key.count)..<end], as: UTF8.self)), value < minimum {
                    out += raised
                } else {
                    out += bytes[(index + key.count)..<end]
                }
                index = end
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The smallest `fontsize` the DOT sets (Graphviz's default, 14, when it sets none).
    public static func smallestFontSize(in dot: String) -> Double {
        var smallest: Double?
        let key = Array("fontsize=\"".utf8)
        let bytes = Array(dot.utf8)
        var index = 0
        while index + key.count < bytes.count {
            if bytes[index] == key[0], Array(bytes[index..<index + key.count]) == key {
                var end = index + key.count
                while end < bytes.count && bytes[end] != UInt8(ascii: "\"") { end += 1 }
                if let value = Double(String(decoding: bytes[(index + key.count)..<end], as: UTF8.self)), value > 0 {
                    smallest = min(smallest ?? value, value)
                }
                index = end
            } else {
                index += 1
            }
        }
        return smallest ?? 14
    }
}

/// How a picture was drawn: Graphviz's warnings, and what was changed to draw it at all.
public struct RenderOutcome: Sendable, Equatable {
    /// Graphviz's warnings (it can draw a picture and still warn); empty when it had none.
    public var warnings: String
    /// Set when Graphviz could not draw the picture as asked and a simpler one was drawn.
    public var fallback: String?
    /// The page fit used (with `page`).
    public var fit: PageFit?
}

/// Calls `action` once after `seconds`, unless cancelled first: one line of progress for a
/// slow layout, and nothing at all for a quick one.
final class DelayedAction: @unchecked Sendable {
    #if canImport(Dispatch)
    private let item: DispatchWorkItem?

    init(after seconds: Double, _ action: (@Sendable () -> Void)?) {
        guard let action else { item = nil; return }
        let item = DispatchWorkItem(block: action)
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: item)
        self.item = item
    }

    func cancel() { item?.cancel() }
    #else
    init(after seconds: Double, _ action: (@Sendable () -> Void)?) {}
    func cancel() {}
    #endif
}

extension GraphvizRenderer {
    /// Draws the first of `attempts` that Graphviz can draw, into `path`.
    ///
    /// An attempt that Graphviz rejects, crashes on or leaves empty is followed by the next.
    /// With a `budget` (the automatic layout), an attempt gets at most `budget` seconds, and one
    /// that runs out of them is followed by the last, simplest attempt, with the rest of the
    /// timeout. Starting Graphviz or writing the file failing stops at once. When every attempt
    /// fails, the first attempt's error is thrown.
    ///
    /// With `page`, each attempt is laid out once (`-Tplain`) to fit it on the page.
    /// `progress` runs once if drawing takes more than a second.
    public func render(_ attempts: [RenderAttempt], format: OutputFormat, to path: String, started: PendingRender? = nil,
                       budget: Double? = nil, page: DOTOptions.PageSize? = nil,
                       progress: (@Sendable () -> Void)? = nil) throws(RenderError) -> RenderOutcome {
        let slow = DelayedAction(after: 1, progress)
        defer { slow.cancel() }
        var first: RenderError?
        var pending = started
        var index = 0
        var afterTimeout = false
        while index < attempts.count {
            let attempt = attempts[index]
            let isLast = index == attempts.count - 1
            var runner = self
            if let budget {
                runner.timeout = afterTimeout ? max(1, timeout - budget) : (isLast ? timeout : min(timeout, budget))
            }
            do throws(RenderError) {
                var dot = attempt.dot
                var fit: PageFit?
                if let page {
                    let fitted = try runner.fitted(dot, layout: attempt.layout, pinned: attempt.pinned, on: page)
                    dot = fitted.dot
                    fit = fitted.fit
                }
                let running: PendingRender
                if let started = pending {
                    running = started
                } else {
                    running = try runner.start(format: format, layout: attempt.layout, to: path, pinned: attempt.pinned)
                }
                pending = nil
                let warnings = try running.finish(dot: dot)
                let fallback = attempt.change.map { change in
                    "Graphviz could not draw this picture as asked (\(GraphvizRenderer.summary(of: first))); drew it \(change) instead"
                }
                return RenderOutcome(warnings: warnings, fallback: fallback, fit: fit)
            } catch {
                pending?.cancel()
                pending = nil
                var error = error
                switch error {  // the engine is the attempt's (the DOT names it; -K may differ)
                case .timedOut(let seconds, _): error = .timedOut(seconds: seconds, layout: attempt.pinned ? nil : attempt.layout)
                case .graphvizCrashed(let signal, let message, _):
                    error = .graphvizCrashed(signal: signal, message: message, layout: attempt.pinned ? nil : attempt.layout)
                default: break
                }
                if first == nil { first = error }
                switch error {
                case .graphvizNotFound, .cannotStart, .cannotWrite: throw error
                case .timedOut:
                    // Out of time: only the simplest picture (the last attempt) is worth the rest of
                    // the timeout, and only when this attempt had less than all of it (a budget).
                    guard let budget, budget < timeout, !isLast, !afterTimeout else { throw first ?? error }
                    afterTimeout = true
                    index = attempts.count - 1
                default:
                    if isLast { throw first ?? error }
                    index += 1
                }
            }
        }
        throw first ?? .emptyOutput
    }

    /// `dot` fitted on one `page` (`PageFit`), with text that stays readable where it can:
    /// when the fit would shrink the smallest text below `PageFit.smallestReadableText`, the
    /// smaller font sizes are raised to what the scale needs and the drawing measured again
    /// (three rounds at most; a drawing shrunk below 0.6 is left for splitting; never in the
    /// clinical layout, which sizes its parts for the page itself: `DOTOptions.page`). `readable`
    /// says whether it worked.
    public func fitted(_ dot: String, layout: LayoutEngine, pinned: Bool = false,
                       on page: DOTOptions.PageSize) throws(RenderError) -> (dot: String, fit: PageFit, readable: Bool) {
        var text = dot
        var round = 0
        while true {
            let size = try drawingSize(dot: text, layout: layout, pinned: pinned)
            let fit = PageFit(width: size.width, height: size.height, page: page)
            let readable = fit.keepsReadable(fontSize: RenderAttempt.smallestFontSize(in: text))
            // The clinical layout pins its parts at their sizes: larger text would not fit them.
            if readable || round == 3 || fit.scale < 0.6 || layout == .clinical {
                return (RenderAttempt.overriding(text, fit.graphAttributes), fit, readable)
            }
            text = RenderAttempt.raisingFontSizes(text, to: (PageFit.smallestReadableText + 0.1) / fit.scale)
            round += 1
        }
    }

    /// The first line of what went wrong, for a one-line note.
    static func summary(of error: RenderError?) -> String {
        guard let error else { return "no reason given" }
        switch error {
        case .graphvizFailed(_, let message), .graphvizCrashed(_, let message, _):
            let line = message.split(separator: "\n").first.map(String.init) ?? ""
            return line.isEmpty ? error.description : line
        case .timedOut(let seconds, _):
            return "it took longer than \(XMLText.number(seconds)) s"
        default:
            return error.description
        }
    }
}
