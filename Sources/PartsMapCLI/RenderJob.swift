import PartsMap
/// One `partsmap render`: read the map, draw it, skip Graphviz when nothing changed.
struct RenderJob {
    var renderer: GraphvizRenderer
    var picture: PictureOptions
    var format: OutputFormat
    var output: String
    var force: Bool

    typealias Prepared = (map: SystemMap, writer: DOTWriter, layout: LayoutEngine, note: String?)

    /// Reads and draws the map. Graphviz starts first and loads while the map is read and laid out.
    func run(mapPath: String) throws(CommandError) {
        let pending: PendingRender
        do {
            // A large map keeps partsmap busy laying it out (clinical layout) for longer than
            // Graphviz takes to load: Graphviz is primed to set up its fonts meanwhile. On a small
            // map the primer would only add its own drawing.
            let clinical = picture.layout == .clinical || (picture.layout == nil && picture.view.grouping == nil)
            let primed = clinical && MapFile.roughPartCount(mapPath) >= GraphvizRenderer.primedFromParts
            pending = try renderer.start(format: format, layout: .dot, to: output, primer: primed ? picture.fontFaces : nil)
        } catch {
            throw CommandError(error, output: output)
        }
        let prepared: Prepared
        let attempts: [RenderAttempt]
        do {
            let file = try MapFile.load(mapPath)
            prepared = try picture.prepareForCommand(file.map)
            if let note = prepared.note { Console.message("partsmap: " + note) }
            attempts = picture.attempts(writer: prepared.writer, map: prepared.map)
        } catch {
            pending.cancel()
            throw error
        }
        let cache = RenderCache(output: output, key: [attempts.first?.dot ?? "", format.rawValue, renderer.executable,
                                                      picture.page?.rawValue ?? ""])
        if !force && output != "-" && cache.isCurrent {
            pending.cancel()
            Console.message("\(output) is up to date")
            return
        }
        var attemptsToDraw = attempts
        if let page = picture.page {
            // The whole map on one page, with a smaller legend or none if that is what makes
            // it fit; else one page per protective system.
            if let writer = withLegendThatFits(prepared.writer, prepared.map, layout: prepared.layout, on: page) {
                attemptsToDraw = picture.attempts(writer: writer, map: prepared.map)
            } else if output != "-", let pages = split(prepared, on: page) {  // standard output takes one picture
                pending.cancel()
                try drawPages(pages, prepared, on: page)
                cache.record()
                return
            }
        }
        try draw(attemptsToDraw, parts: prepared.map.parts.count, to: output, started: pending)
        guard output != "-" else { return }
        cache.record()
        Console.message("wrote \(output)")
    }

    /// Draws `attempts` (the first Graphviz can) into `path`, saying on stderr what had to change.
    private func draw(_ attempts: [RenderAttempt], parts: Int, to path: String, started: PendingRender? = nil) throws(CommandError) {
        do {
            let progress = "partsmap: " + PictureSettings.progressLine(parts: parts, layout: attempts.first?.layout ?? .dot)
            let outcome = try renderer.render(attempts, format: format, to: path, started: started, budget: picture.budget,
                                              page: picture.page, progress: { Console.message(progress) })
            if let fallback = outcome.fallback { Console.message("partsmap: " + fallback) }
            if !outcome.warnings.isEmpty { Console.message("Graphviz: " + outcome.warnings) }
        } catch {
            started?.cancel()
            throw CommandError(error, output: path)
        }
    }

    /// The pages to draw instead of one, when the whole map on one page would print its
    /// smallest text below `PageFit.smallestReadableText` and it has two protective systems or
    /// more: by protective system, packed as `PageSplit.packed` says.
    private func split(_ prepared: Prepared, on page: DOTOptions.PageSize) -> [PageSplit.Page]? {
        let pages = PageSplit.pages(of: prepared.map)
        guard !pages.isEmpty else { return nil }
        guard let fitted = try? renderer.fitted(prepared.writer.dot(for: prepared.map), layout: prepared.layout, on: page) else {
            return nil
        }
        guard !fitted.readable else { return nil }
        if pages.count >= PageSplit.slowFromPages {
            Console.message("partsmap: sharing \(prepared.map.parts.count) parts out over \(page.rawValue) pages by protective system…")
        }
        // Readable as drawPages will draw it: with the legend, or without it when that fits.
        return PageSplit.packed(pages) { split in
            let map = PageSplit.map(prepared.map, page: split, number: pages.count, of: pages.count)
            func readable(_ writer: DOTWriter) -> Bool {
                (try? renderer.fitted(writer.dot(for: map), layout: prepared.layout, on: page))?.readable ?? false
            }
            return RenderJob.smallerLegends(prepared.writer).contains(where: readable)
        }
    }

    /// `writer`, then with a legend that names the kinds only, then without a legend: what to
    /// try in turn on a page where the legend (beside the map) would make the text too small.
    private static func smallerLegends(_ writer: DOTWriter) -> [DOTWriter] {
        guard writer.options.showsLegend else { return [writer] }
        var namesOnly = writer
        namesOnly.options.legendNamesOnly = true
        var plain = writer
        plain.options.showsLegend = false
        return [writer, namesOnly, plain]
    }

    /// `writer` with a smaller legend (`smallerLegends`), when its own would shrink the page's
    /// text below `PageFit.smallestReadableText`; a legend left out is said on stderr.
    private func withLegendThatFits(_ writer: DOTWriter, _ map: SystemMap, layout: LayoutEngine,
                                    on page: DOTOptions.PageSize) -> DOTWriter? {
        let tries = RenderJob.smallerLegends(writer)
        guard tries.count > 1,
              let with = try? renderer.fitted(writer.dot(for: map), layout: layout, on: page), !with.readable else { return nil }
        for smaller in tries.dropFirst() {
            guard let fitted = try? renderer.fitted(smaller.dot(for: map), layout: layout, on: page), fitted.readable else { continue }
            if !smaller.options.showsLegend {
                Console.message("partsmap: \(map.title.map { "\($0): " } ?? "")the legend is left out: with it, text on the "
                                + "\(page.rawValue) page would be smaller than \(Int(PageFit.smallestReadableText)) pt")
            }
            return smaller
        }
        return nil
    }

    /// One file per page (NAME-1.pdf, NAME-2.pdf, …), by protective system.
    private func drawPages(_ pages: [PageSplit.Page], _ prepared: Prepared, on page: DOTOptions.PageSize) throws(CommandError) {
        var names: [String] = []
        for (index, split) in pages.enumerated() {
            let map = PageSplit.map(prepared.map, page: split, number: index + 1, of: pages.count)
            let name = PageSplit.fileName(output, page: index + 1)
            let writer = withLegendThatFits(prepared.writer, map, layout: prepared.layout, on: page) ?? prepared.writer
            try draw(picture.attempts(writer: writer, map: map), parts: map.parts.count, to: name)
            names.append(name)
        }
        Console.message("partsmap: the map does not fit on one \(page.rawValue) page with text of at least "
                        + "\(Int(PageFit.smallestReadableText)) pt, so it is drawn over \(pages.count) pages by protective system "
                        + "(an exile and its protectors; small systems share a page, a large one is shared out over pages, "
                        + "its exile on each)")
        Console.message("wrote " + names.joined(separator: ", "))
    }
}
