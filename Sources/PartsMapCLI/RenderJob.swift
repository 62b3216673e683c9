import PartsMap
/// One `partsmap render`: read the map, draw it, skip Graphviz when nothing changed.
struct RenderJob {
    var renderer: GraphvizRenderer
    var picture: PictureOptions
    var format: OutputFormat
    var output: String
    var force: Bool

    /// Reads and draws the map. Graphviz starts first and loads while the map is read.
    func run(mapPath: String) throws(CommandError) {
        let pending: PendingRender
        do {
            pending = try renderer.start(format: format, layout: .dot, to: output)
        } catch {
            throw CommandError(error, output: output)
        }
        let dot: String
        do {
            let file = try MapFile.load(mapPath)
            let prepared = try picture.prepareForCommand(file.map)
            if let note = prepared.note { Console.message("partsmap: " + note) }
            var writer = prepared.writer
            if let page = picture.page {
                // Two passes: measure the drawing, then scale and centre it on exactly one page.
                writer.options.page = nil
                writer.options.pageFit = try fit(writer.dot(for: prepared.map), layout: prepared.layout, on: page)
            }
            dot = writer.dot(for: prepared.map)
        } catch {
            pending.cancel()
            throw error
        }
        let cache = RenderCache(output: output, key: [dot, format.rawValue, renderer.executable])
        if !force && output != "-" && cache.isCurrent {
            pending.cancel()
            Console.message("\(output) is up to date")
            return
        }
        do {
            let warnings = try pending.finish(dot: dot)
            if !warnings.isEmpty { Console.message("Graphviz: " + warnings) }
        } catch {
            throw CommandError(error, output: output)
        }
        guard output != "-" else { return }
        cache.record()
        Console.message("wrote \(output)")
    }

    private func fit(_ dot: String, layout: LayoutEngine, on page: DOTOptions.PageSize) throws(CommandError) -> PageFit {
        do {
            let size = try renderer.drawingSize(dot: dot, layout: layout)
            return PageFit(width: size.width, height: size.height, page: page)
        } catch {
            throw CommandError(error, output: output)
        }
    }
}
